"""Case pages: the list, a case's page with its timeline and forms, and the actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required
from sswbridge.accounts.models import User
from sswbridge.cases import selectors, services
from sswbridge.cases.forms import (
    CaseFilterForm,
    CaseForm,
    CloseForm,
    EvidenceForm,
    LinkForm,
    NoteForm,
    ReopenForm,
    StatusForm,
    TaskForm,
)
from sswbridge.cases.models import Case, Evidence, Task
from sswbridge.core.models import Marking
from sswbridge.exchange.models import Communication
from sswbridge.readlog import selectors as reads
from sswbridge.readlog import services as readlog
from sswbridge.security import redirects

PAGE_SIZE = 50


def _get(request: HttpRequest, pk: UUID) -> Case:
    return get_object_or_404(selectors.cases_for(request.user), pk=pk)


def _owners(case: Case) -> QuerySet[User]:
    """People who may own a task: active users who can see the case."""
    users = User.objects.filter(is_active=True, agency__side_id=case.originator_side_id)
    if case.marking == Marking.AGENCY:
        users = users.filter(agency_id=case.originator_agency_id)
    return users.select_related("agency").order_by("username")


@staff_required
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    filters = selectors.CaseFilter()
    if form.is_valid():
        filters = selectors.CaseFilter(**form.cleaned_data)
    page = Paginator(selectors.cases_for(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_write": services.may_write(request.user),
        },
    )


def _apply_errors(form: Any, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


@staff_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not services.may_write(request.user):
        raise PermissionDenied
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(actor=request.user, **form.service_fields())
        except ValidationError as exc:
            _apply_errors(form, exc)
        except services.CaseError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Case %(reference)s opened.") % {"reference": case.reference}
            )
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form})


@staff_required
def case_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    user = request.user
    readlog.log_read(user=user, obj=case)
    may_change = services.may_change(user, case)
    own_side = case.originator_side_id == user.agency.side_id  # type: ignore[union-attr]
    context: dict[str, Any] = {
        "case": case,
        "reads": list(reads.reads_of(user, case)[:100]) if own_side else None,
        "timeline": selectors.timeline(user, case),
        "tasks": selectors.tasks_of(case),
        "evidence": selectors.evidence_of(case),
        "communications": selectors.communications_of(user, case),
        "may_change": may_change,
        "may_reopen": services.may_reopen(user, case),
    }
    if may_change and not case.is_closed:
        moves = services.allowed_moves(case)
        context.update(
            status_form=StatusForm(moves=moves) if moves else None,
            close_form=CloseForm(),
            task_form=TaskForm(owners=_owners(case)),
            link_form=LinkForm(communications=selectors.linkable_communications(user, case)),
        )
    if may_change:
        context.update(note_form=NoteForm(), evidence_form=EvidenceForm())
    if context["may_reopen"]:
        context["reopen_form"] = ReopenForm()
    return render(request, "cases/case_detail.html", context)


def _act(request: HttpRequest, case: Case, action: Callable[[], Any], done: str) -> HttpResponse:
    """Run one service for a case page form; refusals come back as messages on the page."""
    if not services.may_write(request.user):
        raise PermissionDenied
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except services.CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("cases:detail", pk=case.pk)


def _invalid(request: HttpRequest, case: Case, form: Any) -> HttpResponse:
    if not services.may_write(request.user):
        raise PermissionDenied
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect("cases:detail", pk=case.pk)


@staff_required
@require_POST
def change_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, form)
    status = form.cleaned_data["status"]
    return _act(
        request,
        case,
        lambda: services.change_status(actor=request.user, case=case, status=status),
        _("Status changed."),
    )


@staff_required
@require_POST
def close(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, form)
    data = form.cleaned_data
    return _act(
        request,
        case,
        lambda: services.close_case(
            actor=request.user, case=case, outcome=data["outcome"], decision=data["decision"]
        ),
        _("Case closed."),
    )


@staff_required
@require_POST
def reopen(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request,
        case,
        lambda: services.reopen(actor=request.user, case=case, reason=reason),
        _("Case reopened."),
    )


@staff_required
@require_POST
def add_task(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    form = TaskForm(request.POST, owners=_owners(case))
    if not form.is_valid():
        return _invalid(request, case, form)
    data = form.cleaned_data
    return _act(
        request,
        case,
        lambda: services.add_task(
            actor=request.user,
            case=case,
            title=data["title"],
            owner=data.get("owner"),
            due_date=data.get("due_date"),
        ),
        _("Task added."),
    )


@staff_required
@require_POST
def finish_task(request: HttpRequest, pk: UUID, task_pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    task = get_object_or_404(Task, pk=task_pk, case=case)
    if request.POST.get("action") == "cancel":
        return _act(
            request,
            case,
            lambda: services.cancel_task(actor=request.user, task=task),
            _("Task cancelled."),
        )
    return _act(
        request,
        case,
        lambda: services.complete_task(actor=request.user, task=task),
        _("Task done."),
    )


@staff_required
@require_POST
def add_note(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, form)
    text = form.cleaned_data["text"]
    return _act(
        request,
        case,
        lambda: services.add_note(actor=request.user, case=case, text=text),
        _("Note added."),
    )


@staff_required
@require_POST
def add_evidence(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, case, form)
    upload = form.cleaned_data["file"]
    return _act(
        request,
        case,
        lambda: services.add_evidence(actor=request.user, case=case, uploaded_file=upload),
        _("Evidence added."),
    )


@staff_required
def evidence_download(request: HttpRequest, pk: UUID, evidence_pk: UUID) -> Any:
    case = _get(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, case=case)
    services.record_download(actor=request.user, evidence=evidence)
    readlog.log_read(user=request.user, obj=evidence, action=readlog.DOWNLOAD)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


def _uuid(data: Any, name: str) -> UUID | None:
    try:
        return UUID(str(data.get(name, "")))
    except ValueError:
        return None


@staff_required
@require_POST
def link(request: HttpRequest) -> HttpResponse:
    """Link a communication to a case, from the case's page or the communication's page."""
    case = get_object_or_404(selectors.cases_for(request.user), pk=_uuid(request.POST, "case"))
    communication = get_object_or_404(
        Communication.objects.visible_to(request.user), pk=_uuid(request.POST, "communication")
    )
    response = _act(
        request,
        case,
        lambda: services.link_communication(
            actor=request.user, case=case, communication=communication
        ),
        _("Communication linked to the case."),
    )
    target = redirects.safe_next(request, request.POST.get("next"))
    return redirect(target) if target else response
