"""The auditor's pages: the trail, one entry, and a check of the chain."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sswbridge.accounts.decorators import role_required, staff_required, staff_user
from sswbridge.accounts.models import Role
from sswbridge.audit.chain import verify_chain
from sswbridge.audit.forms import AuditFilterForm
from sswbridge.audit.models import AuditEntry
from sswbridge.audit.selectors import entries_for

PER_PAGE = 50
AUDIT_ROLES = (Role.AUDITOR, Role.ADMINISTRATOR)


@role_required(*AUDIT_ROLES)
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        entries = AuditEntry.objects.none()
    else:
        entries = entries_for(staff_user(request), form.cleaned_data if form.is_bound else None)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/entry_list.html", {"form": form, "page_obj": page})


@staff_required
def audit_detail(request: HttpRequest, seq: int) -> HttpResponse:
    # Like every object page: what the filter hides (here, from non-auditors too) is not found.
    entry = get_object_or_404(AuditEntry.objects.visible_to(request.user), seq=seq)
    return render(request, "audit/entry_detail.html", {"entry": entry})


@role_required(*AUDIT_ROLES)
def audit_verify(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/verify.html", {"result": verify_chain()})
