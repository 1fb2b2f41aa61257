"""Reads of the retention rules: the periods in force, and the erasures of one's own side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from sswbridge.accounts.models import Role
from sswbridge.frameworks.models import Framework
from sswbridge.retention.catalogue import KINDS, RetentionKind
from sswbridge.retention.models import Erasure
from sswbridge.retention.services import periods

READERS = (Role.ADMINISTRATOR, Role.AUDITOR)


@dataclass(frozen=True)
class Period:
    kind: str
    label: str
    clock: str
    framework: str | None  # code; None: every framework
    days: int
    source: str  # "default", "all", "framework"


def may_read(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in READERS)


def periods_for(user: Any) -> list[Period]:
    """For each kind: the period for every framework, then each visible framework's."""
    table = periods()
    frameworks = list(Framework.objects.visible_to(user).order_by("code"))
    rows: list[Period] = []
    for kind in RetentionKind:
        spec = KINDS[kind]
        base, base_source = (
            (table[(None, kind)], "all")
            if (None, kind) in table
            else (
                spec.default_days,
                "default",
            )
        )
        label, clock = str(kind.label), str(spec.clock)
        rows.append(Period(kind.value, label, clock, None, base, base_source))
        for fw in frameworks:
            own = table.get((fw.pk, kind))
            source = "framework" if own is not None else base_source
            days = own if own is not None else base
            rows.append(Period(kind.value, label, clock, fw.code, days, source))
    return rows


def erasures_for(user: Any) -> QuerySet[Erasure]:
    """The erasures of records that the user's side originated, in visible frameworks."""
    if not may_read(user) or user.agency_id is None:
        return Erasure.objects.none()
    return Erasure.objects.filter(
        side_code=user.agency.side.code,
        framework__in=Framework.objects.visible_to(user),
    ).select_related("framework")
