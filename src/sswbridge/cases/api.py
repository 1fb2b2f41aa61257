"""Cases under /api/v1/cases: the same list, actions, timeline and evidence as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from sswbridge.accounts.models import User
from sswbridge.cases import selectors, services
from sswbridge.cases.models import Case, Evidence, Task
from sswbridge.cases.schemas import (
    CaseDetailOut,
    CaseFilterIn,
    CaseIn,
    CaseOut,
    CasePageOut,
    CloseIn,
    EvidenceOut,
    LinkIn,
    LinkOut,
    NoteIn,
    NoteOut,
    StatusChangeIn,
    TaskIn,
    TaskOut,
    TimelineItemOut,
)
from sswbridge.core.api import ERRORS, ErrorOut, run
from sswbridge.core.api import auth_user as _user
from sswbridge.core.api import error as _error
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries import selectors as intermediary_selectors
from sswbridge.intermediaries.models import Intermediary
from sswbridge.intermediaries.schemas.intermediaries import PageIn as IntermediaryPageIn
from sswbridge.readlog import services as readlog
from sswbridge.sending.models import SendingOrganization

router = Router(tags=["cases"])


def _run(action: Callable[[], Any], status: int = 200) -> Status[Any]:
    return run(
        action, refused=services.NotPermitted, conflicts=(services.CaseError,), status=status
    )


def _case(request: HttpRequest, case_id: UUID) -> Case:
    found = selectors.cases_for(_user(request)).filter(pk=case_id).first()
    if found is None:
        raise HttpError(404, _("No such case."))
    return found


def _owner(username: str | None) -> User | None:
    if not username:
        return None
    owner = User.objects.filter(username=username.replace("\x00", ""), is_active=True).first()
    if owner is None:
        raise ValidationError({"owner": [str(_("This person cannot see the case."))]})
    return owner


@router.get("", response=CasePageOut, operation_id="cases_list_cases")
def list_cases(request: HttpRequest, filters: Query[CaseFilterIn]) -> Any:
    """The cases the caller may see: their own side's work, and the other side's cases marked
    for both sides."""
    wanted = selectors.CaseFilter(
        status=filters.status or "",
        subject_type=filters.subject_type or "",
        q=filters.q,
        communication=filters.communication,
    )
    items = selectors.cases_for(_user(request), wanted)
    return {
        "count": items.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(items[filters.offset : filters.offset + filters.limit]),
    }


def _subject(model: Any, user: Any, pk: UUID | None) -> Any:
    if pk is None:
        return None
    found = model.objects.visible_to(user).filter(pk=pk).first()
    if found is None:
        name = "intermediary" if model is Intermediary else "sending_organization"
        raise ValidationError({name: [str(_("No such record in this framework."))]})
    return found


@router.post("", response={201: CaseOut, **ERRORS}, operation_id="cases_create_case")
def create_case(request: HttpRequest, payload: CaseIn) -> Any:
    """Open a case; it is internal to the caller's side unless marked for both sides."""
    user = _user(request)
    framework = Framework.objects.visible_to(user).filter(
        code=payload.framework.replace("\x00", "")
    )
    found = framework.first()
    if found is None:
        return Status(404, _error("unknown_framework", _("No such framework.")))
    return _run(
        lambda: services.open_case(
            actor=user,
            framework=found,
            title=payload.title,
            subject_type=payload.subject_type,
            description=payload.description,
            intermediary=_subject(Intermediary, user, payload.intermediary),
            sending_organization=_subject(SendingOrganization, user, payload.sending_organization),
            marking=payload.marking,
            owner=_owner(payload.owner),
        ),
        status=201,
    )


@router.get("/{case_id}", response=CaseDetailOut, operation_id="cases_get_case")
def get_case(request: HttpRequest, case_id: UUID) -> Any:
    """One case with its tasks, notes, evidence and the communications the caller may see."""
    case = _case(request, case_id)
    readlog.log_read(user=_user(request), obj=case, channel=readlog.API)
    return case


@router.get(
    "/{case_id}/timeline", response=list[TimelineItemOut], operation_id="cases_get_timeline"
)
def get_timeline(request: HttpRequest, case_id: UUID) -> Any:
    """The case's timeline, oldest first."""
    case = _case(request, case_id)
    readlog.log_read(user=_user(request), obj=case, channel=readlog.API)
    return [
        {
            "at": item.at,
            "kind": item.kind,
            "label": item.label,
            "actor": item.actor,
            "text": item.text,
            "object_id": str(getattr(item.obj, "pk", "")),
        }
        for item in selectors.timeline(_user(request), case)
    ]


def _reloaded(request: HttpRequest, case: Case) -> Case:
    return _case(request, case.pk)


@router.post(
    "/{case_id}/status", response={200: CaseOut, **ERRORS}, operation_id="cases_change_case_status"
)
def change_status(request: HttpRequest, case_id: UUID, payload: StatusChangeIn) -> Any:
    """Move the case forward: open → under_investigation → awaiting_other_side."""
    case = _case(request, case_id)
    return _run(
        lambda: _reloaded(
            request,
            services.change_status(actor=_user(request), case=case, status=payload.status),
        )
    )


@router.post("/{case_id}/close", response={200: CaseOut, **ERRORS}, operation_id="cases_close_case")
def close_case(request: HttpRequest, case_id: UUID, payload: CloseIn) -> Any:
    """Close the case with its outcome and decision."""
    case = _case(request, case_id)
    return _run(
        lambda: _reloaded(
            request,
            services.close_case(
                actor=_user(request), case=case, outcome=payload.outcome, decision=payload.decision
            ),
        )
    )


@router.post(
    "/{case_id}/reopen", response={200: CaseOut, **ERRORS}, operation_id="cases_reopen_case"
)
def reopen_case(request: HttpRequest, case_id: UUID) -> Any:
    """A contact point reopens a closed case."""
    case = _case(request, case_id)
    return _run(lambda: _reloaded(request, services.reopen(actor=_user(request), case=case)))


@router.post("/{case_id}/tasks", response={201: TaskOut, **ERRORS}, operation_id="cases_add_task")
def add_task(request: HttpRequest, case_id: UUID, payload: TaskIn) -> Any:
    case = _case(request, case_id)
    return _run(
        lambda: services.add_task(
            actor=_user(request),
            case=case,
            title=payload.title,
            owner=_owner(payload.owner),
            due_date=payload.due_date,
        ),
        status=201,
    )


def _task(case: Case, task_id: UUID) -> Task:
    task = Task.objects.filter(pk=task_id, case=case).first()
    if task is None:
        raise HttpError(404, _("No such task."))
    return task


@router.post(
    "/{case_id}/tasks/{task_id}/complete",
    response={200: TaskOut, **ERRORS},
    operation_id="cases_complete_task",
)
def complete_task(request: HttpRequest, case_id: UUID, task_id: UUID) -> Any:
    task = _task(_case(request, case_id), task_id)
    return _run(lambda: services.complete_task(actor=_user(request), task=task))


@router.post(
    "/{case_id}/tasks/{task_id}/cancel",
    response={200: TaskOut, **ERRORS},
    operation_id="cases_cancel_task",
)
def cancel_task(request: HttpRequest, case_id: UUID, task_id: UUID) -> Any:
    task = _task(_case(request, case_id), task_id)
    return _run(lambda: services.cancel_task(actor=_user(request), task=task))


@router.post("/{case_id}/notes", response={201: NoteOut, **ERRORS}, operation_id="cases_add_note")
def add_note(request: HttpRequest, case_id: UUID, payload: NoteIn) -> Any:
    case = _case(request, case_id)
    return _run(
        lambda: services.add_note(actor=_user(request), case=case, text=payload.text), status=201
    )


@router.post(
    "/{case_id}/evidence", response={201: EvidenceOut, **ERRORS}, operation_id="cases_add_evidence"
)
def add_evidence(request: HttpRequest, case_id: UUID, file: File[UploadedFile]) -> Any:
    """Upload an evidence file (multipart, field `file`): PDF, image or office document;
    the type is checked by content and the SHA-256 is stored."""
    case = _case(request, case_id)
    return _run(
        lambda: services.add_evidence(actor=_user(request), case=case, uploaded_file=file),
        status=201,
    )


@router.get(
    "/{case_id}/evidence/{evidence_id}",
    response={404: ErrorOut},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        }
    },
    operation_id="cases_download_evidence",
)
def download_evidence(request: HttpRequest, case_id: UUID, evidence_id: UUID) -> Any:
    """Download an evidence file; every download is recorded in the audit trail."""
    case = _case(request, case_id)
    evidence = Evidence.objects.filter(pk=evidence_id, case=case).first()
    if evidence is None:
        raise HttpError(404, _("No such evidence file."))
    services.record_download(actor=_user(request), evidence=evidence)
    readlog.log_read(
        user=_user(request), obj=evidence, action=readlog.DOWNLOAD, channel=readlog.API
    )
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@router.post(
    "/{case_id}/communications",
    response={201: LinkOut, **ERRORS},
    operation_id="cases_link_communication",
)
def link_communication(request: HttpRequest, case_id: UUID, payload: LinkIn) -> Any:
    """Link a communication (that the caller sees, of the same framework) to the case."""
    case = _case(request, case_id)
    user = _user(request)
    communication = Communication.objects.visible_to(user).filter(pk=payload.communication_id)
    found = communication.first()
    if found is None:
        return Status(404, _error("unknown_communication", _("No such communication.")))
    return _run(
        lambda: services.link_communication(actor=user, case=case, communication=found),
        status=201,
    )


# GET /api/v1/registry/intermediaries/{id}/cases: mounted under /registry beside the
# intermediaries' router, so that the intermediaries app never imports the cases.
intermediary_router = Router(tags=["cases"])


@intermediary_router.get(
    "/intermediaries/{intermediary_id}/cases",
    response=CasePageOut,
    operation_id="cases_list_intermediary_cases",
)
def intermediary_cases(
    request: HttpRequest, intermediary_id: UUID, page: Query[IntermediaryPageIn]
) -> Any:
    """Every case about the intermediary, or holding a communication that names it, that the
    user may see (as the intermediary's page lists them)."""
    user = _user(request)
    item = intermediary_selectors.intermediaries_for(user).filter(pk=intermediary_id).first()
    if item is None:
        raise HttpError(404, _("No such intermediary."))
    about = intermediary_selectors.cases_of(user, item)
    items = selectors.cases_for(user).filter(pk__in=about.values("pk") if about is not None else [])
    items = items.order_by("-created_at", "pk")
    return {
        "count": items.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": list(items[page.offset : page.offset + page.limit]),
    }
