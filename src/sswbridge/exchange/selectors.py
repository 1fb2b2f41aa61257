"""Reads of the exchange: inbox and outbox of the user's side, always through `visible_to`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from html import escape
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import User
from sswbridge.exchange import hooks
from sswbridge.exchange.models import Attachment, Communication, CommunicationStatus


class Box(StrEnum):
    INBOX = "inbox"
    OUTBOX = "outbox"


class Folder(StrEnum):
    """Lists within a box. Inbox: what my side received; outbox: what my side sent."""

    ALL = "all"
    UNREAD = "unread"
    AWAITING_ACK = "awaiting_ack"
    AWAITING_ANSWER = "awaiting_answer"
    OVERDUE = "overdue"
    DRAFTS = "drafts"


FOLDER_LABELS = {
    Box.INBOX: {
        Folder.ALL: _("All received"),
        Folder.UNREAD: _("Unread"),
        Folder.AWAITING_ACK: _("Awaiting my acknowledgement"),
        Folder.AWAITING_ANSWER: _("Awaiting my answer"),
        Folder.OVERDUE: _("Overdue"),
    },
    Box.OUTBOX: {
        Folder.ALL: _("All sent"),
        Folder.UNREAD: _("Not yet opened by them"),
        Folder.AWAITING_ACK: _("Awaiting their acknowledgement"),
        Folder.AWAITING_ANSWER: _("Awaiting their answer"),
        Folder.OVERDUE: _("Overdue (their answer)"),
        Folder.DRAFTS: _("Drafts"),
    },
}


@dataclass(frozen=True)
class ListFilter:
    folder: str = Folder.ALL
    kind: str = ""
    sent_from: dt.date | None = None
    sent_to: dt.date | None = None
    q: str = ""


RELATED = (
    "framework",
    "originator_side",
    "originator_agency",
    "recipient_side",
    "recipient_agency",
    "sender_user",
    "first_opened_by",
    "acknowledged_by",
)


def communications_for(user: User | AnonymousUser) -> QuerySet[Communication]:
    """Every communication the user may see, with what list and detail pages show."""
    return Communication.objects.visible_to(user).select_related(*RELATED)


def communication_for(
    user: User | AnonymousUser, pk: Any, *, mentions: bool = False
) -> Communication | None:
    """One communication the user may see (None: none, or not visible), with the related
    records that `communications_for` joins, fetched by `attach_related` instead: a lookup by
    key with eight joins spends ten times longer in PostgreSQL's planner than in its executor.
    With `mentions`, also the intermediaries it names that the user may see."""
    qs: QuerySet[Communication] = Communication.objects.visible_to(user).filter(pk=pk)
    if mentions:
        qs = with_mentions(qs, user)
    found = qs.first()
    return attach_related([found])[0] if found is not None else None


def attach_related(
    rows: list[Communication], names: tuple[str, ...] = RELATED
) -> list[Communication]:
    """Fill in the related records a page of `rows` shows (`names`, default `RELATED`) with
    one query per related table (frameworks, sides, agencies, users), not one per relation
    as `prefetch_related` would, nor eight joins, which PostgreSQL takes longer to plan than
    to run. A list is sliced first and then given its related records."""
    fields = [Communication._meta.get_field(name) for name in names]
    by_model: dict[Any, set[Any]] = {}
    for f in fields:
        ids = by_model.setdefault(f.related_model, set())
        ids.update(getattr(c, f.attname) for c in rows)  # type: ignore[union-attr]
    found = {
        model: model._default_manager.in_bulk([i for i in ids if i is not None])
        for model, ids in by_model.items()
    }
    for f in fields:
        records = found[f.related_model]
        for c in rows:
            f.set_cached_value(c, records.get(getattr(c, f.attname)))  # type: ignore[union-attr]
    return rows


def _listed(user: User) -> QuerySet[Communication]:
    """What lists start from; a page of it is given its related records by
    `attach_related`."""
    return Communication.objects.visible_to(user)


def with_mentions(
    qs: QuerySet[Communication], user: User | AnonymousUser
) -> QuerySet[Communication]:
    """A list of communications with the register entries each names that the user may see
    (the intermediaries, prefetched by the register's `Mentions`; exchange/hooks.py)."""
    return hooks.mentions().prefetch(qs, user)


def box_for(user: User, box: str, filters: ListFilter | None = None) -> QuerySet[Communication]:
    """The inbox (received by the user's side) or outbox (sent by it), filtered."""
    filters = filters or ListFilter()
    side_id = user.agency.side_id
    qs = _listed(user)
    if box == Box.INBOX:
        qs = qs.filter(recipient_side_id=side_id, status=CommunicationStatus.SENT)
    elif filters.folder == Folder.DRAFTS:
        return _search(qs.filter(originator_side_id=side_id, status="draft"), filters, user)
    else:
        qs = qs.filter(originator_side_id=side_id, status=CommunicationStatus.SENT)
    qs = qs.filter(superseded=False)
    return _search(_folder(qs, filters.folder), filters, user)


def _folder(qs: QuerySet[Communication], folder: str) -> QuerySet[Communication]:
    awaiting_answer = Q(due_date__isnull=False, answered_at__isnull=True)
    if folder == Folder.UNREAD:
        return qs.filter(first_opened_at__isnull=True)
    if folder == Folder.AWAITING_ACK:
        return qs.filter(acknowledged_at__isnull=True)
    if folder == Folder.AWAITING_ANSWER:
        return qs.filter(awaiting_answer)
    if folder == Folder.OVERDUE:
        return qs.filter(awaiting_answer, due_date__lt=timezone.localdate())
    return qs


def _matching_ids(user: User, text: str) -> QuerySet[Any]:
    """The ids of communications whose subject or body holds `text`, or that name an
    intermediary the user may see whose name holds it (an intermediary the user may not see
    is never searched, so never revealed).

    A union of three id lists, not one OR over the table: on PostgreSQL each part is a
    trigram index scan (migration 0005), where an OR with the intermediary names could only
    be a scan of every communication."""
    subject = Communication.objects.filter(subject__icontains=text)
    in_body = Q(body__icontains=text)
    if escape(text) != text:  # the body is stored as sanitized HTML: "&" is "&amp;"
        in_body |= Q(body__icontains=escape(text))
    body = Communication.objects.filter(in_body)
    named = hooks.mentions().matching(user, text)
    return subject.order_by().values("pk").union(body.order_by().values("pk"), named.order_by())


def _search(
    qs: QuerySet[Communication], filters: ListFilter, user: User
) -> QuerySet[Communication]:
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sent_from:
        qs = qs.filter(sent_at__date__gte=filters.sent_from)
    if filters.sent_to:
        qs = qs.filter(sent_at__date__lte=filters.sent_to)
    text = " ".join(filters.q.split())
    if text:
        # `pk IN (...)`: each communication appears once, without DISTINCT. A retracted
        # communication's text is not searched for the other side.
        shown = Q(retracted_at__isnull=True) | Q(originator_side_id=user.agency.side_id)
        qs = qs.filter(Q(pk__in=_matching_ids(user, text)) & shown)
    return qs


UNREAD_BADGE_CAP = 99


def unread_count(user: User | AnonymousUser | None) -> int:
    """Unread communications in the user's inbox, counted up to `UNREAD_BADGE_CAP` + 1 (the
    badge on every page says "99+" beyond; counting a large inbox to the end costs more than
    the page it is shown on)."""
    if not isinstance(user, User) or user.agency is None:
        return 0
    unread = box_for(user, Box.INBOX, ListFilter(folder=Folder.UNREAD)).order_by()
    return unread[: UNREAD_BADGE_CAP + 1].count()


def versions_of(user: User, communication: Communication) -> list[Communication]:
    """Every version of a communication the user may see, oldest first."""
    chain = [communication]
    visible = communications_for(user)
    older = communication.supersedes_id
    while older is not None:
        previous = communication_for(user, older)
        if previous is None:
            break
        chain.insert(0, previous)
        older = previous.supersedes_id
    newer = visible.filter(supersedes=communication).first()
    while newer is not None:
        chain.append(newer)
        newer = visible.filter(supersedes=newer).first()
    return chain


def replies_to(user: User, communication: Communication) -> QuerySet[Communication]:
    return communications_for(user).filter(in_reply_to=communication).order_by("sent_at")


def attachments_of(user: User, communication: Communication) -> QuerySet[Attachment]:
    """The attachments of a communication that the user may see (each has its own marking)."""
    return Attachment.objects.visible_to(user).filter(communication=communication)


def attachment_for(user: User, pk: Any) -> Attachment | None:
    """An attachment whose file the user may download: visible, and neither withheld from
    nor retracted for the user's side (`redaction.readable_attachments`)."""
    from sswbridge.exchange.redaction import readable_attachments

    visible = Attachment.objects.visible_to(user).select_related("communication")
    found: Attachment | None = readable_attachments(user, visible).filter(pk=pk).first()
    return found
