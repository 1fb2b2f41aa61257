"""The exchange under /api/v1/exchange: the same lists, receipts and actions as the pages
(communications, their kinds and attachments)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS, ErrorOut
from sswbridge.core.api import auth_user as _user
from sswbridge.core.api import error as _error
from sswbridge.exchange import attachments, receipts, redaction, selectors, services
from sswbridge.exchange.api.common import (
    NEW,
    ONE,
    clean,
    communication_or_404,
    reread_out,
    run_action,
)
from sswbridge.exchange.kinds import CommunicationKind, all_kinds
from sswbridge.exchange.models import Communication
from sswbridge.exchange.schemas import (
    AnswerIn,
    AttachmentOut,
    BoxFilterIn,
    CommunicationIn,
    CommunicationOut,
    CommunicationPageOut,
    CorrectionIn,
    KindOut,
    MarkingIn,
    communication_out,
)
from sswbridge.frameworks.models import Framework
from sswbridge.readlog import services as readlog

router = Router(tags=["exchange"])


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


@router.get("/kinds", response=list[KindOut], operation_id="exchange_list_kinds")
def list_kinds(request: HttpRequest) -> Any:
    """Every kind of communication, with its fields and answer rules."""
    return [_kind_out(kind) for kind in all_kinds()]


def _page(request: HttpRequest, box: str, filters: BoxFilterIn) -> dict[str, Any]:
    wanted = selectors.ListFilter(
        folder=filters.folder,
        kind=clean(filters.kind),
        sent_from=filters.sent_from,
        sent_to=filters.sent_to,
        q=clean(filters.q),
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


@router.get("/inbox", response=CommunicationPageOut, operation_id="exchange_list_inbox")
def inbox(request: HttpRequest, filters: Query[BoxFilterIn]) -> Any:
    """What the user's side received; `folder` picks unread, awaiting_ack, and so on."""
    return _page(request, selectors.Box.INBOX, filters)


@router.get("/outbox", response=CommunicationPageOut, operation_id="exchange_list_outbox")
def outbox(request: HttpRequest, filters: Query[BoxFilterIn]) -> Any:
    """What the user's side sent, with delivery, opening and acknowledgement times."""
    return _page(request, selectors.Box.OUTBOX, filters)


@router.post("/communications", response=NEW, operation_id="exchange_create_communication")
def create_communication(request: HttpRequest, payload: CommunicationIn) -> Any:
    """Create a communication to the other side's contact point, and send it unless `send` is
    false."""
    framework = Framework.objects.visible_to(_user(request)).filter(code=clean(payload.framework))
    found = framework.first()
    if found is None:
        return Status(404, _error("unknown_framework", _("No such framework.")))
    create = services.send_new if payload.send else services.create_draft
    names = bool(payload.intermediary_ids or payload.new_intermediaries)
    return run_action(
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


@router.get(
    "/communications/{communication_id}",
    response=CommunicationOut,
    operation_id="exchange_get_communication",
)
def get_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """One communication; fetching it as the recipient side records its first opening."""
    c = communication_or_404(request, communication_id)
    receipts.mark_opened(actor=_user(request), communication=c)
    readlog.log_read(user=_user(request), obj=c, channel=readlog.API)
    return communication_out(_user(request), c)


def _created_out(request: HttpRequest, c: Communication, *, names: bool) -> dict[str, Any]:
    """A communication the user has just made, as made: its sender always sees it, and its
    related records are those it was made with, so it is not read again. When it `names`
    intermediaries, they are read as the sender may see them."""
    return communication_out(_user(request), c, intermediaries=None if names else [])


@router.post(
    "/communications/{communication_id}/send",
    response=ONE,
    operation_id="exchange_send_communication",
)
def send_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """Send a draft."""
    c = communication_or_404(request, communication_id)
    return run_action(
        lambda: reread_out(request, services.send(actor=_user(request), communication=c))
    )


@router.post(
    "/communications/{communication_id}/acknowledge",
    response=ONE,
    operation_id="exchange_acknowledge_communication",
)
def acknowledge_communication(request: HttpRequest, communication_id: UUID) -> Any:
    """The recipient contact point acknowledges receipt."""
    c = communication_or_404(request, communication_id)
    return run_action(
        lambda: reread_out(request, receipts.acknowledge(actor=_user(request), communication=c))
    )


@router.post(
    "/communications/{communication_id}/answer",
    response=NEW,
    operation_id="exchange_answer_communication",
)
def answer_communication(request: HttpRequest, communication_id: UUID, payload: AnswerIn) -> Any:
    """Send an answer of one of the kinds that answer this communication."""
    c = communication_or_404(request, communication_id)
    return run_action(
        lambda: reread_out(
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


@router.post(
    "/communications/{communication_id}/correct",
    response=NEW,
    operation_id="exchange_correct_communication",
)
def correct_communication(
    request: HttpRequest, communication_id: UUID, payload: CorrectionIn
) -> Any:
    """Send a corrected version; the old one stays, with its hash."""
    c = communication_or_404(request, communication_id)
    return run_action(
        lambda: reread_out(
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


@router.get(
    "/communications/{communication_id}/attachments",
    response=list[AttachmentOut],
    operation_id="exchange_list_attachments",
)
def list_attachments(request: HttpRequest, communication_id: UUID) -> Any:
    """The communication's attachments that the user may see, with their SHA-256."""
    c = communication_or_404(request, communication_id)
    user = _user(request)
    readlog.log_read(user=user, obj=c, channel=readlog.API)
    view = redaction.view_for(user, c, selectors.attachments_of(user, c))
    if view.retracted:
        return []
    return [item.attachment or redaction.withheld_placeholder(item, c) for item in view.attachments]


@router.post(
    "/communications/{communication_id}/attachments",
    response={201: list[AttachmentOut], **ERRORS},
    operation_id="exchange_add_attachments",
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
    c = communication_or_404(request, communication_id)
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
    operation_id="exchange_download_attachment",
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
