"""Case pages: the list, a case's page with its timeline and forms, and the actions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
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
from sswbridge.core import redirects
from sswbridge.core.actions import post_action
from sswbridge.core.forms import apply_errors
from sswbridge.exchange.models import Communication
from sswbridge.readlog import selectors as reads
from sswbridge.readlog import services as readlog

PAGE_SIZE = 50


def _get(request: HttpRequest, pk: UUID) -> Case:
    return get_object_or_404(selectors.cases_for(request.user), pk=pk)


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
            "may_write": services.may_write(staff_user(request)),
        },
    )


@staff_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not services.may_write(staff_user(request)):
        raise PermissionDenied
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(actor=staff_user(request), **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
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
    user = staff_user(request)
    readlog.log_read(user=user, obj=case)
    may_change = services.may_change(user, case)
    own_side = case.originator_side_id == user.agency.side_id
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
            task_form=TaskForm(owners=services.task_owners(case)),
            link_form=LinkForm(communications=selectors.linkable_communications(user, case)),
        )
    if may_change:
        context.update(note_form=NoteForm(), evidence_form=EvidenceForm())
    if context["may_reopen"]:
        context["reopen_form"] = ReopenForm()
    return render(request, "cases/case_detail.html", context)


REFUSALS = (services.CaseError,)
"""What a case page's form says as a message; NotPermitted (403) goes on up."""


def _writer(request: HttpRequest) -> None:
    """A role that may not work on cases gets 403 on every case form, valid or not."""
    if not services.may_write(staff_user(request)):
        raise PermissionDenied


def _back(case: Case) -> HttpResponse:
    return redirect("cases:detail", pk=case.pk)


@staff_required
@require_POST
def change_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    _writer(request)
    form = StatusForm(request.POST)
    return post_action(
        request,
        lambda: services.change_status(
            actor=staff_user(request), case=case, status=form.cleaned_data["status"]
        ),
        done=_("Status changed."),
        back=_back(case),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def close(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    _writer(request)
    form = CloseForm(request.POST)
    return post_action(
        request,
        lambda: services.close_case(
            actor=staff_user(request),
            case=case,
            outcome=form.cleaned_data["outcome"],
            decision=form.cleaned_data["decision"],
        ),
        done=_("Case closed."),
        back=_back(case),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def reopen(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _writer(request)
    return post_action(
        request,
        lambda: services.reopen(actor=staff_user(request), case=case, reason=reason),
        done=_("Case reopened."),
        back=_back(case),
        refusals=REFUSALS,
    )


@staff_required
@require_POST
def add_task(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    _writer(request)
    form = TaskForm(request.POST, owners=services.task_owners(case))
    return post_action(
        request,
        lambda: services.add_task(
            actor=staff_user(request),
            case=case,
            title=form.cleaned_data["title"],
            owner=form.cleaned_data.get("owner"),
            due_date=form.cleaned_data.get("due_date"),
        ),
        done=_("Task added."),
        back=_back(case),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def finish_task(request: HttpRequest, pk: UUID, task_pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    task = get_object_or_404(Task, pk=task_pk, case=case)
    _writer(request)
    if request.POST.get("action") == "cancel":
        return post_action(
            request,
            lambda: services.cancel_task(actor=staff_user(request), task=task),
            done=_("Task cancelled."),
            back=_back(case),
            refusals=REFUSALS,
        )
    return post_action(
        request,
        lambda: services.complete_task(actor=staff_user(request), task=task),
        done=_("Task done."),
        back=_back(case),
        refusals=REFUSALS,
    )


@staff_required
@require_POST
def add_note(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    _writer(request)
    form = NoteForm(request.POST)
    return post_action(
        request,
        lambda: services.add_note(
            actor=staff_user(request), case=case, text=form.cleaned_data["text"]
        ),
        done=_("Note added."),
        back=_back(case),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def add_evidence(request: HttpRequest, pk: UUID) -> HttpResponse:
    case = _get(request, pk)
    _writer(request)
    form = EvidenceForm(request.POST, request.FILES)
    return post_action(
        request,
        lambda: services.add_evidence(
            actor=staff_user(request), case=case, uploaded_file=form.cleaned_data["file"]
        ),
        done=_("Evidence added."),
        back=_back(case),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
def evidence_download(request: HttpRequest, pk: UUID, evidence_pk: UUID) -> Any:
    case = _get(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, case=case)
    services.record_download(actor=staff_user(request), evidence=evidence)
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
    _writer(request)
    response = post_action(
        request,
        lambda: services.link_communication(
            actor=staff_user(request), case=case, communication=communication
        ),
        done=_("Communication linked to the case."),
        back=_back(case),
        refusals=REFUSALS,
    )
    target = redirects.safe_next(request, request.POST.get("next"))
    return redirect(target) if target else response
