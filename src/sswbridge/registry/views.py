from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sswbridge.accounts.decorators import staff_required
from sswbridge.registry import selectors


@staff_required
def intermediary_list(request: HttpRequest) -> HttpResponse:
    items = selectors.intermediaries_for(request.user)
    return render(request, "registry/intermediary_list.html", {"items": items})


@staff_required
def intermediary_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = get_object_or_404(selectors.intermediaries_for(request.user), pk=pk)
    return render(request, "registry/intermediary_detail.html", {"item": item})


@staff_required
def sending_organization_list(request: HttpRequest) -> HttpResponse:
    items = selectors.sending_organizations_for(request.user)
    return render(request, "registry/sending_organization_list.html", {"items": items})


@staff_required
def sending_organization_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = get_object_or_404(selectors.sending_organizations_for(request.user), pk=pk)
    return render(request, "registry/sending_organization_detail.html", {"item": item})
