"""Pages of investigations after a notice of improper activity (7.3)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import post_action, run_on_form
from sswbridge.exchange.selectors import communications_for
from sswbridge.exchange.services import ExchangeError
from sswbridge.sending import selectors
from sswbridge.sending.forms import (
    InvestigationActionForm,
    InvestigationOpenForm,
    ReportForm,
)
from sswbridge.sending.models import Investigation
from sswbridge.sending.services import investigations


@staff_required
def investigation_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    context = {
        "items": selectors.investigations_for(user),
        "notices": selectors.notices_to_investigate(user),
        "may_investigate": investigations.may_investigate(user),
    }
    return render(request, "sending/investigation_list.html", context)


@staff_required
def investigation_open(request: HttpRequest, notice_pk: UUID) -> HttpResponse:
    notice = get_object_or_404(
        communications_for(staff_user(request)).filter(kind=investigations.NOTICE_KIND),
        pk=notice_pk,
    )
    if not investigations.may_investigate(staff_user(request)):
        raise PermissionDenied
    organizations = selectors.sending_organizations_for(staff_user(request)).filter(
        framework_id=notice.framework_id,
        originator_side_id=staff_user(request).agency.side_id,
    )
    form = InvestigationOpenForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        item = run_on_form(
            form,
            lambda: investigations.open_investigation(
                actor=staff_user(request),
                notice=notice,
                organization=form.cleaned_data["organization"],
            ),
            refusals=(ExchangeError,),
        )
        if item is not None:
            messages.success(request, _("Investigation opened."))
            return redirect("sending:investigation_detail", pk=item.pk)
    context = {"form": form, "notice": notice, "title": _("Open an investigation")}
    return render(request, "registers/register_form.html", context)


def _get(request: HttpRequest, pk: UUID) -> Investigation:
    return get_object_or_404(selectors.investigations_for(staff_user(request)), pk=pk)


@staff_required
def investigation_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    may_write = investigations.may_investigate(staff_user(request), item)
    context = {
        "item": item,
        "actions": item.actions.select_related("recorded_by"),
        "may_write": may_write,
        "action_form": InvestigationActionForm() if may_write else None,
    }
    return render(request, "sending/investigation_detail.html", context)


@staff_required
@require_POST
def investigation_action_add(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    form = InvestigationActionForm(request.POST)
    return post_action(
        request,
        lambda: investigations.record_action(
            actor=staff_user(request), investigation=item, **form.cleaned_data
        ),
        done=_("Saved."),
        back=redirect("sending:investigation_detail", pk=item.pk),
        refusals=(PermissionDenied, ExchangeError),
        form=form,
    )


@staff_required
def investigation_report(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    if not investigations.may_investigate(staff_user(request), item):
        raise PermissionDenied
    initial = {
        "subject": _("Results of the investigation of %(name)s") % {"name": item.organization}
    }
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        reply = run_on_form(
            form,
            lambda: investigations.send_report(
                actor=staff_user(request), investigation=item, **form.cleaned_data
            ),
            refusals=(ExchangeError,),
        )
        if reply is not None:
            messages.success(request, _("The report of results has been sent."))
            return redirect("sending:investigation_detail", pk=item.pk)
    context = {"form": form, "item": item, "title": _("Report the results")}
    return render(request, "registers/register_form.html", context)
