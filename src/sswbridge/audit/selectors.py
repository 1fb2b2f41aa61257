"""Reads of the audit trail: the one filter that the pages and the API share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from sswbridge.audit import labels
from sswbridge.audit.models import AuditEntry, AuditEntryQuerySet

if TYPE_CHECKING:
    from sswbridge.accounts.models import User


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def entries_for(user: User, filters: Mapping[str, Any] | None = None) -> AuditEntryQuerySet:
    """The entries `user` may read, narrowed by the filter values, newest first.

    `filters` holds cleaned values: actor (part of a username), action, object_type (the
    model's labels before a move included: `labels.aliases`), object_id, framework (a
    framework code), date_from and date_to (dates, both inclusive).
    """
    entries = AuditEntry.objects.visible_to(user)
    values = dict(filters or {})
    if values.get("actor"):
        entries = entries.filter(actor_label__icontains=values["actor"])
    if values.get("action"):
        entries = entries.filter(action=values["action"])
    if values.get("object_type"):
        entries = entries.filter(object_type__in=labels.aliases(values["object_type"]))
    if values.get("object_id"):
        entries = entries.filter(object_id=values["object_id"])
    if values.get("framework"):
        entries = entries.filter(framework_code=values["framework"])
    if values.get("date_from"):
        entries = entries.filter(created_at__gte=_start_of(values["date_from"]))
    if values.get("date_to"):
        next_day = values["date_to"] + dt.timedelta(days=1)
        entries = entries.filter(created_at__lt=_start_of(next_day))
    return entries.order_by("-seq")
