"""Pages of the sending-organization register: list, application, examination, decision,
status changes with their notices and receipts, and the framework's checklist."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core import concurrency
from sswbridge.core.actions import run_on_form
from sswbridge.exchange.services import ExchangeError
from sswbridge.frameworks.models import Framework
from sswbridge.publication import selectors as publication_selectors
from sswbridge.publication import services as publishing
from sswbridge.sending import selectors
from sswbridge.sending.forms import (
    CriterionForm,
    DecisionForm,
    ExaminationForm,
    SendingOrganizationFilterForm,
    SendingOrganizationForm,
    StatusForm,
    names_text,
)
from sswbridge.sending.models import ExaminationCriterion, SendingOrganization
from sswbridge.sending.services import organizations as sending_services

PAGE_SIZE = 50


def _registrar_frameworks(request: HttpRequest) -> Any:
    frameworks = Framework.objects.visible_to(staff_user(request))
    return frameworks.filter(
        pk__in=[f.pk for f in frameworks if sending_services.may_register(staff_user(request), f)]
    )


@staff_required
def sending_organization_list(request: HttpRequest) -> HttpResponse:
    form = SendingOrganizationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = selectors.search_sending_organizations(
        staff_user(request), q=data.get("q") or "", status=data.get("status") or ""
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "items": page.object_list,
        "query": query.urlencode(),
        "may_apply": _registrar_frameworks(request).exists(),
    }
    return render(request, "sending/sending_organization_list.html", context)


def _get(request: HttpRequest, pk: UUID) -> SendingOrganization:
    return get_object_or_404(selectors.sending_organizations_for(staff_user(request)), pk=pk)


def _keeper(request: HttpRequest, pk: UUID) -> SendingOrganization:
    """The organization (404 when invisible), 403 when the user does not keep it."""
    item = _get(request, pk)
    if not sending_services.may_register(staff_user(request), item.framework):
        raise PermissionDenied
    return item


@staff_required
def sending_organization_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    user = staff_user(request)
    may_register = sending_services.may_register(user, item.framework)
    context = {
        "item": item,
        "history": selectors.history_of(user, item),
        "examination": selectors.examination_of(user, item),
        "publications": publication_selectors.publications_of(user, sending_organization=item),
        "may_register": may_register,
        "moves": sending_services.allowed_moves(item) if may_register else (),
        "japan_portal": publishing.japan_portal(),
        "partner_portal": item.framework.partner_side.code.lower(),
    }
    return render(request, "sending/sending_organization_detail.html", context)


@staff_required
def sending_organization_create(request: HttpRequest) -> HttpResponse:
    frameworks = _registrar_frameworks(request)
    if not frameworks.exists():
        raise PermissionDenied
    form = SendingOrganizationForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        item = run_on_form(
            form,
            lambda: sending_services.apply(actor=staff_user(request), **form.service_fields()),
            refusals=(ExchangeError,),
        )
        if item is not None:
            messages.success(request, _("Application recorded."))
            return redirect("sending:sending_organization_detail", pk=item.pk)
    context = {"form": form, "title": _("New application of a sending organization")}
    return render(request, "registers/register_form.html", context)


@staff_required
def sending_organization_edit(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _keeper(request, pk)
    initial: dict[str, Any] = {
        name: getattr(item, name) for name in sending_services.APPLICATION_FIELDS
    }
    initial["ssw_fields"] = list(item.ssw_fields.all())
    initial["other_names"] = names_text(item)
    form = SendingOrganizationForm(request.POST or None, initial=initial, framework=item.framework)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: concurrency.guarded(
                request,
                item,
                lambda: sending_services.update_application(
                    actor=staff_user(request), organization=item, **form.service_fields()
                ),
            ),
            refusals=(ExchangeError,),
        )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("sending:sending_organization_detail", pk=item.pk)
    context = {
        "form": form,
        "item": item,
        "title": _("Edit sending organization"),
        "record_version": concurrency.seen_version(request, item),
    }
    return render(request, "registers/register_form.html", context)


@staff_required
def sending_organization_examine(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _keeper(request, pk)
    rows = selectors.examination_of(staff_user(request), item) or []
    form = ExaminationForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():

        def write() -> int:
            for criterion, met, evidence in form.answers():
                sending_services.examine(
                    actor=staff_user(request),
                    organization=item,
                    criterion=criterion,
                    met=met,
                    evidence=evidence,
                )
            return len(form.answers())

        if run_on_form(form, write, refusals=(ExchangeError,)) is not None:
            messages.success(request, _("Examination saved."))
            return redirect("sending:sending_organization_detail", pk=item.pk)
    return render(request, "sending/examination_form.html", {"form": form, "item": item})


@staff_required
def sending_organization_decide(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _keeper(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: sending_services.decide(
                actor=staff_user(request), organization=item, **form.cleaned_data
            ),
            refusals=(ExchangeError,),
        )
        if done is not None:
            messages.success(request, _("Decision recorded."))
            return redirect("sending:sending_organization_detail", pk=item.pk)
    context = {
        "form": form,
        "item": item,
        "title": _("Decide on the application"),
        "unmet": sending_services.unmet_criteria(item),
    }
    return render(request, "registers/register_form.html", context)


@staff_required
def sending_organization_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _keeper(request, pk)
    form = StatusForm(request.POST or None, moves=sending_services.allowed_moves(item))
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: sending_services.change_status(
                actor=staff_user(request), organization=item, **form.cleaned_data
            ),
            refusals=(ExchangeError,),
        )
        if done is not None:
            messages.success(request, _("Status changed; the other side has been notified."))
            return redirect("sending:sending_organization_detail", pk=item.pk)
    context = {"form": form, "item": item, "title": _("Change the status")}
    return render(request, "registers/register_form.html", context)


def _framework(request: HttpRequest, code: str) -> Framework:
    return get_object_or_404(Framework.objects.visible_to(staff_user(request)), code=code)


@staff_required
def criterion_list(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    context = {
        "framework": framework,
        "criteria": selectors.criteria_for(staff_user(request), framework),
        "may_keep": sending_services.may_keep_criteria(staff_user(request), framework),
    }
    return render(request, "sending/criterion_list.html", context)


def _criterion_form(
    request: HttpRequest, framework: Framework, criterion: ExaminationCriterion | None
) -> HttpResponse:
    if not sending_services.may_keep_criteria(staff_user(request), framework):
        raise PermissionDenied
    initial = (
        {f: getattr(criterion, f) for f in ("code", "text", "guidance", "sort_order", "active")}
        if criterion
        else None
    )
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save() -> ExaminationCriterion:
            return sending_services.save_criterion(
                actor=staff_user(request),
                framework=framework,
                criterion=criterion,
                **form.cleaned_data,
            )

        done = run_on_form(
            form,
            (lambda: concurrency.guarded(request, criterion, save)) if criterion else save,
            refusals=(ExchangeError,),
        )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("sending:criterion_list", code=framework.code)
    title = _("Edit criterion") if criterion else _("New criterion")
    version = concurrency.seen_version(request, criterion) if criterion else ""
    context = {"form": form, "title": title, "record_version": version}
    return render(request, "registers/register_form.html", context)


@staff_required
def criterion_create(request: HttpRequest, code: str) -> HttpResponse:
    return _criterion_form(request, _framework(request, code), None)


@staff_required
def criterion_edit(request: HttpRequest, pk: UUID) -> HttpResponse:
    frameworks = Framework.objects.visible_to(staff_user(request))
    criterion = get_object_or_404(
        ExaminationCriterion.objects.filter(framework__in=frameworks).select_related("framework"),
        pk=pk,
    )
    return _criterion_form(request, criterion.framework, criterion)
