"""Consultations under /api/v1/consultations: the same records and actions as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from sswbridge.accounts.models import Agency
from sswbridge.consultations import federation as peers
from sswbridge.consultations import ical, selectors, services
from sswbridge.consultations.models import (
    ActionItem,
    AgendaItem,
    Consultation,
    MinutesApproval,
    MinutesVersion,
)
from sswbridge.consultations.schemas import (
    ActionItemIn,
    ActionItemOut,
    ActionUpdateIn,
    AgendaItemIn,
    AgendaItemOut,
    ConsultationDetailOut,
    ConsultationIn,
    ConsultationOut,
    ConsultationPageIn,
    ConsultationPageOut,
    MinutesIn,
    MinutesOut,
    OutcomeIn,
    ParticipantIn,
    ParticipantOut,
    StatusIn,
)
from sswbridge.core import exportguard
from sswbridge.core.api import ERRORS, ErrorOut, run
from sswbridge.core.api import auth_user as _user
from sswbridge.core.api import error as _error
from sswbridge.core.archive import FrameworkArchived
from sswbridge.federation import acts
from sswbridge.frameworks.models import Framework, Side

router = Router(tags=["consultations"])

DETAIL = {200: ConsultationDetailOut, **ERRORS}


def _clean(value: str) -> str:
    return value.replace("\x00", "")


def _run(action: Callable[[], Any], status: int = 200) -> Status[Any]:
    return run(
        action,
        refused=services.NotPermitted,
        conflicts=(services.ConsultationError, FrameworkArchived),
        status=status,
    )


def _get(request: HttpRequest, consultation_id: UUID) -> Consultation:
    found = selectors.consultation_for(_user(request), consultation_id)
    if found is None:
        raise HttpError(404, _("No such consultation."))
    return found


def _summary(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "framework": c.framework.code,
        "title": c.title,
        "kind": c.kind,
        "status": c.status,
        "starts_at": c.starts_at,
        "ends_at": c.ends_at,
        "place": c.place,
        "video_link": c.video_link,
        "marking": c.marking,
        "originator_side": c.originator_side.code,
        "version": c.version,
    }


def _participant(p: Any) -> dict[str, Any]:
    agency = p.agency.code if p.agency else None
    return {
        "id": p.pk,
        "side": p.side.code,
        "name": p.name,
        "position": p.position,
        "agency": agency,
    }


def _agenda_item(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "number": item.number,
        "title": item.title,
        "subjects": item.subjects,
        "is_dispute": item.is_dispute,
        "description": item.description,
        "outcome": item.outcome,
        "raised_by_side": item.raised_by_side.code,
        "case_ids": [o.pk for o in item.cases.all()],
        "intermediary_ids": [o.pk for o in item.intermediaries.all()],
        "sending_organization_ids": [o.pk for o in item.sending_organizations.all()],
        "communication_ids": [o.pk for o in item.communications.all()],
    }


def _minutes(v: MinutesVersion) -> dict[str, Any]:
    return {
        "id": v.pk,
        "number": v.number,
        "text": v.text,
        "side": v.side.code,
        "author": v.author.username if v.author else None,
        "created_at": v.created_at,
        "approvals": [_approval(a) for a in v.approvals.all()],
    }


def _approval(a: MinutesApproval) -> dict[str, Any]:
    found = peers.signature(a)
    return {
        "side": a.side.code,
        "approved_by": a.approved_by.username if a.approved_by else None,
        "approved_at": acts.signed_at(a.signed) or a.created_at,
        "signature": None
        if found is None
        else {
            "key_id": found.key_id,
            "signed_at": found.signed_at,
            "verified": found.verified,
            "act": a.signed.get("act"),
            "signature": str(a.signed.get("signature", "")),
        },
    }


def _action(a: ActionItem) -> dict[str, Any]:
    return {
        "id": a.pk,
        "consultation": a.consultation_id,
        "agenda_item": a.agenda_item_id,
        "title": a.title,
        "description": a.description,
        "owner_side": a.owner_side.code,
        "owner_agency": a.owner_agency.code,
        "due_date": a.due_date,
        "status": a.status,
        "progress_note": a.progress_note,
        "done_at": a.done_at,
    }


def _detail(request: HttpRequest, consultation_id: UUID) -> dict[str, Any]:
    user = _user(request)
    c = _get(request, consultation_id)
    state = selectors.minutes_state(c)
    return {
        **_summary(c),
        "participants": [_participant(p) for p in c.participants.select_related("side", "agency")],
        "agenda": [_agenda_item(i) for i in selectors.agenda_of(user, c)],
        "minutes": [_minutes(v) for v in state.versions],
        "minutes_approved": state.approved,
        "action_items": [_action(a) for a in selectors.actions_of(c)],
    }


@router.get("", response=ConsultationPageOut, operation_id="consultations_list_consultations")
def list_consultations(request: HttpRequest, page: Query[ConsultationPageIn]) -> Any:
    """The consultations the caller may see, the latest first."""
    items = selectors.consultations_for(_user(request))
    return {
        "count": items.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": [_summary(c) for c in items[page.offset : page.offset + page.limit]],
    }


@router.post(
    "", response={201: ConsultationOut, **ERRORS}, operation_id="consultations_create_consultation"
)
def create_consultation(request: HttpRequest, payload: ConsultationIn) -> Any:
    """Schedule a periodic or ad hoc consultation (place or video link required)."""
    user = _user(request)
    framework = Framework.objects.visible_to(user).filter(code=_clean(payload.framework)).first()
    if framework is None:
        return Status(404, _error("unknown_framework", _("No such framework.")))
    data = payload.dict(exclude={"framework"})
    return _run(lambda: _summary(services.schedule(actor=user, framework=framework, **data)), 201)


@router.get(
    "/action-items",
    response=list[ActionItemOut],
    operation_id="consultations_list_open_action_items",
)
def open_action_items(request: HttpRequest) -> Any:
    """Open action items of every consultation the caller may see, the earliest due first."""
    return [_action(a) for a in selectors.open_actions_for(_user(request))]


@router.get(
    "/{consultation_id}",
    response=ConsultationDetailOut,
    operation_id="consultations_get_consultation",
)
def get_consultation(request: HttpRequest, consultation_id: UUID) -> Any:
    """One consultation: participants, agenda (with the links the caller may see), every
    version of the minutes with its approvals, and the action items."""
    return _detail(request, consultation_id)


@router.get(
    "/{consultation_id}/calendar.ics",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    operation_id="consultations_get_calendar",
)
def get_calendar(request: HttpRequest, consultation_id: UUID) -> Any:
    """The consultation as an iCalendar (RFC 5545) event: a file that leaves the system, so
    only for the side that originated the consultation (clause 3; the other side needs a
    consent)."""
    c = _get(request, consultation_id)
    if not exportguard.may_export(_user(request), c):
        return Status(
            403, _error(exportguard.ExportRefused.code, exportguard.ExportRefused().message)
        )
    body = ical.to_ics(c, selectors.agenda_of(_user(request), c))
    return HttpResponse(body, content_type="text/calendar")


def _then_detail(request: HttpRequest, c: Consultation, action: Callable[[], Any]) -> Any:
    result = _run(action)
    if result.status_code != 200:
        return result
    return Status(200, _detail(request, c.pk))


@router.post(
    "/{consultation_id}/status",
    response=DETAIL,
    operation_id="consultations_change_consultation_status",
)
def change_status(request: HttpRequest, consultation_id: UUID, payload: StatusIn) -> Any:
    """Record that the consultation was held, or cancel it."""
    c = _get(request, consultation_id)
    return _then_detail(
        request,
        c,
        lambda: services.set_status(actor=_user(request), consultation=c, status=payload.status),
    )


@router.post(
    "/{consultation_id}/participants",
    response={201: ParticipantOut, **ERRORS},
    operation_id="consultations_add_participant",
)
def add_participant(request: HttpRequest, consultation_id: UUID, payload: ParticipantIn) -> Any:
    c = _get(request, consultation_id)
    side = Side.objects.filter(code=_clean(payload.side)).first()
    agency = Agency.objects.filter(code=_clean(payload.agency)).first() if payload.agency else None
    if side is None or (payload.agency and agency is None):
        return Status(400, _error("invalid_input", _("No such side or agency.")))
    return _run(
        lambda: _participant(
            services.add_participant(
                actor=_user(request),
                consultation=c,
                side=side,
                name=payload.name,
                position=payload.position,
                agency=agency,
            )
        ),
        201,
    )


@router.post(
    "/{consultation_id}/agenda",
    response={201: AgendaItemOut, **ERRORS},
    operation_id="consultations_add_agenda_item",
)
def add_agenda_item(request: HttpRequest, consultation_id: UUID, payload: AgendaItemIn) -> Any:
    """Add an item tagged with subjects a)–f) of clause 4.2 (or a dispute), with the cases,
    intermediaries, sending organizations and communications it discusses."""
    c = _get(request, consultation_id)
    return _run(
        lambda: _agenda_item(
            services.add_agenda_item(actor=_user(request), consultation=c, **payload.dict())
        ),
        201,
    )


@router.post(
    "/{consultation_id}/agenda/{item_id}/outcome",
    response={200: AgendaItemOut, **ERRORS},
    operation_id="consultations_record_agenda_outcome",
)
def record_outcome(
    request: HttpRequest, consultation_id: UUID, item_id: UUID, payload: OutcomeIn
) -> Any:
    c = _get(request, consultation_id)
    item = AgendaItem.objects.filter(pk=item_id, consultation=c).first()
    if item is None:
        raise HttpError(404, _("No such agenda item."))
    return _run(
        lambda: _agenda_item(
            services.record_outcome(actor=_user(request), item=item, outcome=payload.outcome)
        )
    )


@router.post(
    "/{consultation_id}/minutes",
    response={201: MinutesOut, **ERRORS},
    operation_id="consultations_draft_minutes",
)
def draft_minutes(request: HttpRequest, consultation_id: UUID, payload: MinutesIn) -> Any:
    """A new version of the minutes (by the side that drafts them)."""
    c = _get(request, consultation_id)
    return _run(
        lambda: _minutes(
            services.draft_minutes(actor=_user(request), consultation=c, text=payload.text)
        ),
        201,
    )


@router.post(
    "/{consultation_id}/minutes/{version_id}/approve",
    response=DETAIL,
    operation_id="consultations_approve_minutes",
)
def approve_minutes(request: HttpRequest, consultation_id: UUID, version_id: UUID) -> Any:
    """The caller's side approves this (the latest) version of the minutes."""
    c = _get(request, consultation_id)
    version = MinutesVersion.objects.filter(pk=version_id, consultation=c).first()
    if version is None:
        raise HttpError(404, _("No such version of the minutes."))
    return _then_detail(
        request, c, lambda: services.approve_minutes(actor=_user(request), minutes=version)
    )


@router.post(
    "/{consultation_id}/action-items",
    response={201: ActionItemOut, **ERRORS},
    operation_id="consultations_add_action_item",
)
def add_action_item(request: HttpRequest, consultation_id: UUID, payload: ActionItemIn) -> Any:
    """A corrective measure with its owning agency and due date; reminders are scheduled."""
    c = _get(request, consultation_id)
    agency = Agency.objects.filter(code=_clean(payload.owner_agency)).first()
    if agency is None:
        return Status(400, _error("invalid_input", _("No such agency.")))
    agenda_item = None
    if payload.agenda_item is not None:
        agenda_item = AgendaItem.objects.filter(pk=payload.agenda_item, consultation=c).first()
        if agenda_item is None:
            return Status(400, _error("invalid_input", _("No such item on this agenda.")))
    return _run(
        lambda: _action(
            services.add_action_item(
                actor=_user(request),
                consultation=c,
                title=payload.title,
                owner_agency=agency,
                due_date=payload.due_date,
                description=payload.description,
                agenda_item=agenda_item,
            )
        ),
        201,
    )


@router.get(
    "/{consultation_id}/action-items/{action_id}",
    response={200: ActionItemOut, **ERRORS},
    operation_id="consultations_get_action_item",
)
def get_action_item(request: HttpRequest, consultation_id: UUID, action_id: UUID) -> Any:
    """One action item of the consultation (its ETag guards an update, docs/api.md)."""
    c = _get(request, consultation_id)
    item = ActionItem.objects.filter(pk=action_id, consultation=c).first()
    if item is None:
        raise HttpError(404, _("No such action item."))
    return _action(item)


@router.patch(
    "/{consultation_id}/action-items/{action_id}",
    response={200: ActionItemOut, **ERRORS},
    operation_id="consultations_update_action_item",
)
def update_action_item(
    request: HttpRequest, consultation_id: UUID, action_id: UUID, payload: ActionUpdateIn
) -> Any:
    """The owning side reports progress: in progress, done or cancelled."""
    c = _get(request, consultation_id)
    item = ActionItem.objects.filter(pk=action_id, consultation=c).first()
    if item is None:
        raise HttpError(404, _("No such action item."))
    return _run(
        lambda: _action(
            services.update_action_item(
                actor=_user(request),
                item=item,
                status=payload.status,
                progress_note=payload.progress_note,
            )
        )
    )
