"""`log_read`: the one place that writes the read log; called by every view, download and
API handler that hands the other side's shared items to a reader.

Only reads by the *other* side are logged (the originating side reading its own items is
not a disclosure). One INSERT per read, no audit-chain entry: the read log is its own
append-only table (see `models.py`), so a busy inbox does not lengthen the chain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone

from sswbridge.readlog.models import Channel, ObjectType, ReadAction, ReadEvent

if TYPE_CHECKING:
    from sswbridge.accounts.models import User

VIEW, DOWNLOAD = ReadAction.VIEW, ReadAction.DOWNLOAD
WEB, API = Channel.WEB, Channel.API


def _describe(obj: models.Model) -> tuple[str, Any, Any]:
    """(object type, the row carrying framework and originator, parent id)."""
    label = obj._meta.label_lower
    if label == "exchange.communication":
        return ObjectType.COMMUNICATION, obj, None
    if label == "exchange.attachment":
        return ObjectType.ATTACHMENT, obj, obj.communication_id  # type: ignore[attr-defined]
    if label == "cases.case":
        return ObjectType.CASE, obj, None
    if label == "cases.evidence":
        case = obj.case  # type: ignore[attr-defined]
        return ObjectType.EVIDENCE, case, case.pk
    raise ValueError(f"the read log does not know {label}")


def _event(
    user: User | AnonymousUser, obj: models.Model, action: str, channel: str
) -> ReadEvent | None:
    agency = getattr(user, "agency", None)
    if isinstance(user, AnonymousUser) or agency is None or not user.is_authenticated:
        return None
    object_type, owner, parent_id = _describe(obj)
    if owner.originator_side_id == agency.side_id:
        return None  # the originating side's own reads are not disclosures
    return ReadEvent(
        user_id=user.pk,
        agency_id=agency.pk,
        framework_id=owner.framework_id,
        originator_side_id=owner.originator_side_id,
        originator_agency_id=owner.originator_agency_id,
        object_type=object_type,
        object_id=obj.pk,
        parent_id=parent_id,
        action=action,
        channel=channel,
    )


def log_read(
    *, user: User | AnonymousUser, obj: models.Model, action: str = VIEW, channel: str = WEB
) -> ReadEvent | None:
    """Log that `user` viewed or downloaded `obj` (a communication, attachment, case or
    evidence file); None when the user is of the originating side."""
    event = _event(user, obj, action, channel)
    if event is not None:
        event.save()
    return event


def log_reads(
    *,
    user: User | AnonymousUser,
    objs: Iterable[models.Model],
    action: str = VIEW,
    channel: str = API,
) -> int:
    """Log a list read through the API (its items carry full content): one INSERT, every
    event of it with the same time."""
    events = [e for e in (_event(user, o, action, channel) for o in objs) if e is not None]
    if events:
        at = timezone.now()
        for event in events:
            event.at = at
        ReadEvent.objects.bulk_create(events)
    return len(events)
