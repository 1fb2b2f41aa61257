"""Reads of the read log, through `ReadEvent.objects.visible_to`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from sswbridge.readlog.models import ReadEvent


def reads_for(user: Any) -> QuerySet[ReadEvent]:
    """Every read of the user's side's items that the user may see, newest first."""
    return ReadEvent.objects.visible_to(user).select_related("user", "agency")


def reads_of(user: Any, obj: Any) -> QuerySet[ReadEvent]:
    """Reads of one item and of what hangs off it (a communication's attachments, a case's
    evidence files)."""
    return reads_for(user).filter(Q(object_id=obj.pk) | Q(parent_id=obj.pk))


@dataclass(frozen=True)
class ReadFilter:
    object_type: str = ""
    object_id: Any = None
    reader: str = ""


def filtered(user: Any, filters: ReadFilter) -> QuerySet[ReadEvent]:
    qs = reads_for(user)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(Q(object_id=filters.object_id) | Q(parent_id=filters.object_id))
    if filters.reader:
        qs = qs.filter(user__username=filters.reader)
    return qs
