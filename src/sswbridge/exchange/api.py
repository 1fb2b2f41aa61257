"""The exchange under /api/v1/exchange: the same lists, receipts and actions as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS, ErrorOut, run
from sswbridge.core.api import auth_user as _user
from sswbridge.core.api import error as _error
from sswbridge.exchange import (
    attachments,
    metrics,
    notify,
    periods,
    receipts,
    redaction,
    selectors,
    services,
)
from sswbridge.exchange.kinds import CommunicationKind, all_kinds
from sswbridge.exchange.models import Communication
from sswbridge.exchange.schemas import (
    AnswerIn,
    AnswerPeriodIn,
    AnswerPeriodOut,
    AttachmentOut,
    BoxFilterIn,
    CommunicationIn,
    CommunicationOut,
    CommunicationPageOut,
    CorrectionIn,
    KindMetricsOut,
    KindOut,
    MarkedReadOut,
    MarkingIn,
    NotificationPageOut,
    NotificationPreferenceSchema,
    communication_out,
)
from sswbridge.frameworks.models import Framework
from sswbridge.readlog import services as readlog

router = Router(tags=["exchange"])

ONE = {200: CommunicationOut, **ERRORS}
NEW = {201: CommunicationOut, **ERRORS}


def _run(action: Callable[[], Any], status: int = 200) -> Status[Any]:
    return run(
        action, refused=services.NotPermitted, conflicts=(services.ExchangeError,), status=status
    )


def _clean(value: str) -> str:
    return value.replace("\x00", "")


def _get(request: HttpRequest, communication_id: UUID) -> Communication:
    user = _user(request)
    found = selectors.communication_for(user, communication_id, mentions=True)
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
    return [_kind_out(kind) for kind in all_kinds()]


def _page(request: HttpRequest, box: str, filters: BoxFilterIn) -> dict[str, Any]:
    wanted = selectors.ListFilter(
        folder=filters.folder,
        kind=_clean(filters.kind),
        sent_from=filters.sent_from,
        sent_to=filters.sent_to,
        q=_clean(filters.q),
    )
    items = selectors.box_for(_user(request), box, wanted)
    window = selectors.with_mentions(items, _user(request))
    rows = selectors.attach_related(list(window[filters.offset : filters.offset + filters.limit]))
    # The items carry their full content: a list read is a read of each (one INSERT).
    readlog.log_reads(user=_user(request), objs=rows)
    return {
        "count": items.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [communication_out(_user(request), c) for c in rows],
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
    names = bool(payload.intermediary_ids or payload.new_intermediaries)
    return _run(
        lambda: _created_out(
            request,
            create(
                actor=_user(request),
                framework=found,
                kind=payload.kind,
                subject=payload.subject,
                body=payload.body,
                payload=payload.payload,
                marking=payload.marking,
                withheld_fields=payload.withheld_fields,
                intermediary_ids=payload.intermediary_ids,
                new_intermediaries=[item.dict() for item in payload.new_intermediaries],
            ),
            names=names,
        ),
        status=201,
    )


@router.get("/communications/{communication_id}", response=CommunicationOut)
def get_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """One communication; fetching it as the recipient side records its first opening."""
    c = _get(request, communication_id)
    receipts.mark_opened(actor=_user(request), communication=c)
    readlog.log_read(user=_user(request), obj=c, channel=readlog.API)
    return communication_out(_user(request), c)


def _reload(request: HttpRequest, c: Communication) -> Communication:
    return _get(request, c.pk)


def _created_out(request: HttpRequest, c: Communication, *, names: bool) -> dict[str, Any]:
    """A communication the user has just made, as made: its sender always sees it, and its
    related records are those it was made with, so it is not read again. When it `names`
    intermediaries, they are read as the sender may see them."""
    return communication_out(_user(request), c, intermediaries=None if names else [])


def _out(request: HttpRequest, c: Communication) -> dict[str, Any]:
    """The communication after an action, read again as the user may now see it."""
    return communication_out(_user(request), _reload(request, c))


@router.post("/communications/{communication_id}/send", response=ONE)
def send_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """Send a draft."""
    c = _get(request, communication_id)
    return _run(lambda: _out(request, services.send(actor=_user(request), communication=c)))


@router.post("/communications/{communication_id}/acknowledge", response=ONE)
def acknowledge_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """The recipient contact point acknowledges receipt."""
    c = _get(request, communication_id)
    return _run(lambda: _out(request, receipts.acknowledge(actor=_user(request), communication=c)))


@router.post("/communications/{communication_id}/answer", response=NEW)
def answer_communication(request: HttpRequest, communication_id: UUID, payload: AnswerIn) -> Any:
    """Send an answer of one of the kinds that answer this communication."""
    c = _get(request, communication_id)
    return _run(
        lambda: _out(
            request,
            receipts.answer(
                actor=_user(request),
                communication=c,
                kind=payload.kind,
                subject=payload.subject,
                body=payload.body,
                payload=payload.payload,
                marking=payload.marking,
            ),
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
        lambda: _out(
            request,
            services.correct(
                actor=_user(request),
                communication=c,
                subject=payload.subject,
                body=payload.body,
                payload=payload.payload,
                marking=payload.marking,
                withheld_fields=payload.withheld_fields,
            ),
        ),
        status=201,
    )


# Attachments ---------------------------------------------------------------------------


@router.get("/communications/{communication_id}/attachments", response=list[AttachmentOut])
def list_attachments(request: HttpRequest, communication_id: UUID) -> Any:
    """The communication's attachments that the user may see, with their SHA-256."""
    c = _get(request, communication_id)
    user = _user(request)
    readlog.log_read(user=user, obj=c, channel=readlog.API)
    view = redaction.view_for(user, c, selectors.attachments_of(user, c))
    if view.retracted:
        return []
    return [item.attachment or redaction.withheld_placeholder(item, c) for item in view.attachments]


@router.post(
    "/communications/{communication_id}/attachments",
    response={201: list[AttachmentOut], **ERRORS},
)
def add_attachments(
    request: HttpRequest,
    communication_id: UUID,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
    marking: Form[MarkingIn | None] = None,
    withheld: Form[bool] = False,
) -> Any:
    """Attach files (multipart, field `files`) to a draft; PDF, images and office documents,
    checked by content, up to the configured size. All or nothing."""
    c = _get(request, communication_id)
    try:
        saved = services.add_attachments(
            actor=_user(request),
            communication=c,
            files=list(files or []),
            marking=marking,
            withheld=withheld,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(400, _error("invalid_input", _("The request is not valid."), errors))
    except services.NotPermitted as exc:
        return Status(403, _error(exc.code, exc.message))
    except services.ExchangeError as exc:
        return Status(exc.status, _error(exc.code, exc.message))
    return Status(201, saved)


@router.get(
    "/attachments/{attachment_id}/download",
    response={200: bytes, 404: ErrorOut},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file; its SHA-256 is in X-Content-SHA256",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def download_attachment(request: HttpRequest, attachment_id: UUID) -> Any:
    """Download an attachment; every download is logged in the audit trail."""
    found = selectors.attachment_for(_user(request), attachment_id)
    if found is None:
        raise HttpError(404, _("No such attachment."))
    attachments.record_download(actor=_user(request), attachment=found)
    readlog.log_read(user=_user(request), obj=found, action=readlog.DOWNLOAD, channel=readlog.API)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
    response["X-Content-SHA256"] = found.sha256
    return response


# Notifications ---------------------------------------------------------------------------


@router.get("/notifications", response=NotificationPageOut)
def list_notifications(
    request: HttpRequest, unread: bool = False, limit: int = 50, offset: int = 0
) -> Any:
    """The user's notifications, newest first."""
    items = notify.notifications_for(_user(request))
    unread_items = items.filter(read_at__isnull=True)
    shown = unread_items if unread else items
    limit, offset = max(1, min(limit, 200)), max(0, min(offset, 10_000_000))
    return {
        "count": shown.count(),
        "unread": unread_items.count(),
        "items": list(shown[offset : offset + limit]),
    }


@router.post("/notifications/{notification_id}/read", response={200: MarkedReadOut, 404: ErrorOut})
def read_notification(request: HttpRequest, notification_id: int) -> Any:
    """Mark one of the user's notifications read."""
    user = _user(request)
    if not notify.notifications_for(user).filter(pk=notification_id).exists():
        raise HttpError(404, _("No such notification."))
    return {"marked_read": notify.mark_read(actor=user, notification_ids=[notification_id])}


@router.post("/notifications/read", response=MarkedReadOut)
def read_all_notifications(request: HttpRequest) -> Any:
    """Mark all of the user's notifications read."""
    return {"marked_read": notify.mark_read(actor=_user(request))}


@router.get("/notification-preferences", response=list[NotificationPreferenceSchema])
def get_preferences(request: HttpRequest) -> Any:
    """Per kind: whether the user is told by e-mail and in the app."""
    return [
        {"kind": kind, "email": email, "in_app": in_app}
        for kind, (email, in_app) in notify.preferences_of(_user(request)).items()
    ]


@router.put(
    "/notification-preferences",
    response={200: list[NotificationPreferenceSchema], 400: ErrorOut},
)
def put_preferences(request: HttpRequest, payload: list[NotificationPreferenceSchema]) -> Any:
    """Set the choices for the kinds given; kinds left out keep theirs."""
    user = _user(request)
    try:
        notify.set_preferences(actor=user, choices={p.kind: (p.email, p.in_app) for p in payload})
    except ValidationError as exc:
        return Status(
            400, _error("invalid_input", _("The request is not valid."), exc.message_dict)
        )
    return get_preferences(request)


# Answer periods and metrics ---------------------------------------------------------------


def _framework(request: HttpRequest, code: str) -> Framework:
    found = Framework.objects.visible_to(_user(request)).filter(code=_clean(code)).first()
    if found is None:
        raise HttpError(404, _("No such framework."))
    return found


def _period_out(period: periods.Period) -> dict[str, Any]:
    return {
        "kind": period.kind.key,
        "label": str(period.kind.label),
        "business_days": period.business_days,
        "is_default": period.is_default,
    }


@router.get("/frameworks/{code}/answer-periods", response=list[AnswerPeriodOut])
def get_answer_periods(request: HttpRequest, code: str) -> Any:
    """The framework's answer period, in business days, for every kind that needs an answer."""
    return [_period_out(p) for p in periods.periods_for(_framework(request, code))]


@router.put(
    "/frameworks/{code}/answer-periods/{kind}",
    response={200: AnswerPeriodOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def put_answer_period(request: HttpRequest, code: str, kind: str, payload: AnswerPeriodIn) -> Any:
    """Set a kind's answer period (contact points of the framework and administrators)."""
    framework = _framework(request, code)
    try:
        period = periods.set_answer_days(
            actor=_user(request),
            framework=framework,
            kind=_clean(kind),
            business_days=payload.business_days,
        )
    except ValidationError as exc:
        return Status(
            400, _error("invalid_input", _("The request is not valid."), exc.message_dict)
        )
    except PermissionDenied as exc:
        return Status(403, _error("forbidden", str(exc)))
    return _period_out(period)


@router.get("/metrics", response=list[KindMetricsOut])
def get_metrics(request: HttpRequest, framework: str = "") -> Any:
    """Per receiving side and kind: median and 90th-percentile seconds from sending to
    acknowledgement and to answer, and how many answers are overdue."""
    chosen = _framework(request, framework) if framework else None
    return [
        {
            "side": row.side.code,
            "kind": row.kind,
            "sent": row.sent,
            "acknowledged": row.acknowledged,
            "answered": row.answered,
            "ack_median_seconds": row.ack_median,
            "ack_p90_seconds": row.ack_p90,
            "answer_median_seconds": row.answer_median,
            "answer_p90_seconds": row.answer_p90,
            "overdue": row.overdue,
        }
        for row in metrics.metrics_for(_user(request), chosen)
    ]


# Retraction and requests for withheld content live in their own module, on a sub-router
# with the same prefix (it uses the helpers above).
from sswbridge.exchange.api_confidentiality import router as confidentiality_router  # noqa: E402

router.add_router("", confidentiality_router)
