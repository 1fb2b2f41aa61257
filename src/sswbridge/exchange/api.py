"""The exchange under /api/v1/exchange: the same lists, receipts and actions as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from sswbridge.exchange import selectors, services
from sswbridge.exchange.kinds import KINDS_LIST, CommunicationKind
from sswbridge.exchange.models import Communication
from sswbridge.exchange.schemas import (
    AnswerIn,
    BoxFilterIn,
    CommunicationIn,
    CommunicationOut,
    CommunicationPageOut,
    CorrectionIn,
    ErrorOut,
    KindOut,
)
from sswbridge.frameworks.models import Framework

router = Router(tags=["exchange"])

ERRORS: dict[int | str, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
ONE = {200: CommunicationOut, **ERRORS}
NEW = {201: CommunicationOut, **ERRORS}


def _error(code: str, message: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "errors": errors}


def _run(action: Callable[[], Communication], status: int = 200) -> Status[Any]:
    """Call a service; its refusals become 4xx answers with a machine-readable code."""
    try:
        return Status(status, action())
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(400, _error("invalid_input", _("The request is not valid."), errors))
    except services.NotPermitted as exc:
        return Status(403, _error(exc.code, exc.message))
    except services.ExchangeError as exc:
        return Status(exc.status, _error(exc.code, exc.message))


def _user(request: HttpRequest) -> Any:
    """The token's user (TokenAuth puts it in `request.auth`)."""
    return request.auth  # type: ignore[attr-defined]


def _clean(value: str) -> str:
    return value.replace("\x00", "")


def _get(request: HttpRequest, communication_id: UUID) -> Communication:
    found = selectors.communications_for(_user(request)).filter(pk=communication_id).first()
    if found is None:
        raise HttpError(404, _("No such communication."))
    return found


def _kind_out(kind: CommunicationKind) -> dict[str, Any]:
    return {
        "key": kind.key,
        "label": str(kind.label),
        "clause": kind.clause,
        "needs_answer": kind.needs_answer,
        "answer_kinds": list(kind.answer_kinds),
        "default_answer_days": kind.default_answer_days,
        "default_marking": kind.default_marking,
        "reply_only": kind.reply_only,
        "fields": [
            {
                "name": f.name,
                "label": str(f.label),
                "type": str(f.type),
                "required": f.required,
                "required_if": list(f.required_if) if f.required_if else None,
                "max_length": f.max_length,
                "choices": [{"value": v, "label": str(label)} for v, label in f.choices],
            }
            for f in kind.fields
        ],
    }


@router.get("/kinds", response=list[KindOut])
def list_kinds(request: HttpRequest) -> Any:
    """Every kind of communication, with its fields and answer rules."""
    return [_kind_out(kind) for kind in KINDS_LIST]


def _page(request: HttpRequest, box: str, filters: BoxFilterIn) -> dict[str, Any]:
    wanted = selectors.ListFilter(
        folder=filters.folder,
        kind=_clean(filters.kind),
        sent_from=filters.sent_from,
        sent_to=filters.sent_to,
        q=_clean(filters.q),
    )
    items = selectors.box_for(_user(request), box, wanted)
    window = items[filters.offset : filters.offset + filters.limit]
    return {
        "count": items.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(window),
    }


@router.get("/inbox", response=CommunicationPageOut)
def inbox(request: HttpRequest, filters: Query[BoxFilterIn]) -> Any:
    """What the user's side received; `folder` picks unread, awaiting_ack, and so on."""
    return _page(request, selectors.Box.INBOX, filters)


@router.get("/outbox", response=CommunicationPageOut)
def outbox(request: HttpRequest, filters: Query[BoxFilterIn]) -> Any:
    """What the user's side sent, with delivery, opening and acknowledgement times."""
    return _page(request, selectors.Box.OUTBOX, filters)


@router.post("/communications", response=NEW)
def create_communication(request: HttpRequest, payload: CommunicationIn) -> Any:
    """Create a communication to the other side's contact point, and send it unless `send` is
    false."""
    framework = Framework.objects.visible_to(_user(request)).filter(code=_clean(payload.framework))
    found = framework.first()
    if found is None:
        return Status(404, _error("unknown_framework", _("No such framework.")))
    create = services.send_new if payload.send else services.create_draft
    return _run(
        lambda: create(
            actor=_user(request),
            framework=found,
            kind=payload.kind,
            subject=payload.subject,
            body=payload.body,
            payload=payload.payload,
            marking=payload.marking,
        ),
        status=201,
    )


@router.get("/communications/{communication_id}", response=CommunicationOut)
def get_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """One communication; fetching it as the recipient side records its first opening."""
    c = _get(request, communication_id)
    services.mark_opened(actor=_user(request), communication=c)
    return c


def _reload(request: HttpRequest, c: Communication) -> Communication:
    return _get(request, c.pk)


@router.post("/communications/{communication_id}/send", response=ONE)
def send_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """Send a draft."""
    c = _get(request, communication_id)
    return _run(lambda: _reload(request, services.send(actor=_user(request), communication=c)))


@router.post("/communications/{communication_id}/acknowledge", response=ONE)
def acknowledge_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """The recipient contact point acknowledges receipt."""
    c = _get(request, communication_id)
    return _run(
        lambda: _reload(request, services.acknowledge(actor=_user(request), communication=c))
    )


@router.post("/communications/{communication_id}/answer", response=NEW)
def answer_communication(request: HttpRequest, communication_id: UUID, payload: AnswerIn) -> Any:
    """Send an answer of one of the kinds that answer this communication."""
    c = _get(request, communication_id)
    return _run(
        lambda: services.answer(
            actor=_user(request),
            communication=c,
            kind=payload.kind,
            subject=payload.subject,
            body=payload.body,
            payload=payload.payload,
            marking=payload.marking,
        ),
        status=201,
    )


@router.post("/communications/{communication_id}/correct", response=NEW)
def correct_communication(
    request: HttpRequest, communication_id: UUID, payload: CorrectionIn
) -> Any:
    """Send a corrected version; the old one stays, with its hash."""
    c = _get(request, communication_id)
    return _run(
        lambda: services.correct(
            actor=_user(request),
            communication=c,
            subject=payload.subject,
            body=payload.body,
            payload=payload.payload,
            marking=payload.marking,
        ),
        status=201,
    )
