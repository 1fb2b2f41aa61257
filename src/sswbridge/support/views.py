"""Staff pages of the support-organization register: the organizations, the imports with
their change reports, and the upload of a new list (Japan's registrars), whose import runs
in the background while a progress page follows it."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.support import selectors, services
from sswbridge.support.forms import SupportFilterForm, SupportImportForm

PAGE_SIZE = 100
REFRESH_SECONDS = 2


@staff_required
def organization_list(request: HttpRequest) -> HttpResponse:
    form = SupportFilterForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = Paginator(selectors.organizations_for(request.user, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "items": page.object_list, "q": q}
    return render(request, "support/organization_list.html", context)


@staff_required
def import_list(request: HttpRequest) -> HttpResponse:
    """The imports so far, and (for Japan's registrars) the upload of a new list."""
    may_import = services.may_import(staff_user(request))
    form = SupportImportForm(
        request.POST or None, request.FILES or None, user=request.user
    ) if may_import else None  # fmt: skip
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Only a registrar of Japan may import the list."))
            return redirect("support:import_list")
        if form.is_valid():
            try:
                record = services.queue_upload(
                    actor=staff_user(request),
                    framework=form.cleaned_data["framework"],
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            except services.NotPermitted as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("support:import_detail", pk=record.pk)
    page = Paginator(selectors.imports_for(request.user), 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "imports": page.object_list}
    refused = request.method == "POST" and form is not None and bool(form.errors)
    return render(request, "support/import_list.html", context, status=400 if refused else 200)


@staff_required
def import_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    """An import: its progress while it runs (the page refreshes itself), then its result
    and change report."""
    record = get_object_or_404(selectors.imports_for(request.user), pk=pk)
    changes = Paginator(selectors.changes_of(record), PAGE_SIZE).get_page(request.GET.get("page"))
    percent = (
        min(100, record.rows_processed * 100 // record.rows_total) if record.rows_total else None
    )
    context = {"record": record, "changes": changes, "percent": percent}
    response = render(request, "support/import_detail.html", context)
    if not record.finished:
        response.headers["Refresh"] = str(REFRESH_SECONDS)  # no script needed
    return response
