"""Every write of the retention rules: setting a period, and erasing what is past its period.

The job (`jobs.py`) and `sswbridge apply-retention` call `apply_retention`; each record is
erased in its own transaction together with its `Erasure` row and its audit entry, which
names the kind, the record, the fields, the method and the period, never the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import labels
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import Framework
from sswbridge.retention.catalogue import KINDS, RetentionKind
from sswbridge.retention.erasers import ERASERS, Candidate
from sswbridge.retention.models import Erasure, RetentionPolicy

ERASE_ACTION = "retention_erase"
MAX_DAYS = 100 * 365


# --- periods -------------------------------------------------------------------------------


def may_set_policy(user: User, framework: Framework | None) -> bool:
    """Administrators: Japan's for the period of every framework (Japan runs the system),
    each side's for the frameworks it takes part in."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.ADMINISTRATOR:
        return False
    if framework is None:
        return bool(user.is_japan)
    return Framework.objects.visible_to(user).filter(pk=framework.pk).exists()


def periods() -> dict[tuple[int | None, str], int]:
    """Every period set, by (framework id or None, kind)."""
    return {(p.framework_id, p.kind): p.days for p in RetentionPolicy.objects.all()}


def period_for(kind: str, framework_id: int | None, table: dict[Any, int] | None = None) -> int:
    """The framework's own period, else the one for every framework, else the default."""
    table = periods() if table is None else table
    if framework_id is not None and (framework_id, kind) in table:
        return table[(framework_id, kind)]
    return table.get((None, kind), KINDS[kind].default_days)


def set_policy(
    *, actor: User, kind: str, days: int | None, framework: Framework | None = None
) -> RetentionPolicy | None:
    """Set a period (`days`), or go back to the default (`days=None`)."""
    if kind not in RetentionKind.values:
        raise ValidationError({"kind": [str(_("Not a valid kind of record."))]})
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": [str(_("Between 1 and %(max)d days.") % {"max": MAX_DAYS})]})
    if not may_set_policy(actor, framework):
        raise PermissionDenied(str(_("Only administrators set retention periods.")))
    with transaction.atomic():
        current = (
            RetentionPolicy.objects.select_for_update()
            .filter(framework=framework, kind=kind)
            .order_by("pk")
            .first()
        )
        before = {"days": current.days} if current else None
        scope = {"kind": kind, "framework": framework.code if framework else ""}
        if days is None:
            if current is not None:
                current.delete()
                audit.record(
                    actor=actor,
                    action=AuditAction.DELETE,
                    obj=None,
                    object_type="retention.retentionpolicy",
                    object_id=str(current.pk),
                    framework=framework,
                    changes={**audit.diff(before, None), **scope},
                )
            return None
        policy = current or RetentionPolicy(framework=framework, kind=kind)
        policy.days = days
        policy.updated_by = actor
        policy.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE if current else AuditAction.CREATE,
            obj=policy,
            framework=framework,
            changes={**audit.diff(before, {"days": days}), **scope},
        )
        return policy


# --- erasure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    kind: str
    object_type: str
    object_id: str
    framework_code: str
    reference_date: dt.date
    period_days: int


def _already_erased(object_type: str) -> set[str]:
    # An erasure recorded before its model moved to another app names the old label.
    erased = Erasure.objects.filter(object_type__in=labels.aliases(object_type))
    return set(erased.values_list("object_id", flat=True))


def due(*, today: dt.date) -> list[tuple[Due, Candidate]]:
    """Every record whose period has run out by `today` and that is not yet erased."""
    table = periods()
    found: list[tuple[Due, Candidate]] = []
    for kind, (finder, _eraser) in ERASERS.items():
        shortest = min(
            [KINDS[kind].default_days, *(d for (_fw, k), d in table.items() if k == kind)]
        )
        seen: set[str] | None = None
        for candidate in finder(today - dt.timedelta(days=shortest)):
            obj = candidate.obj
            object_type = obj._meta.label_lower
            if seen is None:
                seen = _already_erased(object_type)
            days = period_for(kind, obj.framework_id, table)
            if str(obj.pk) in seen or candidate.reference_date + dt.timedelta(days=days) > today:
                continue
            item = Due(
                kind, object_type, str(obj.pk), obj.framework.code, candidate.reference_date, days
            )
            found.append((item, candidate))
    return found


def erase_one(item: Due, candidate: Candidate) -> Erasure | None:
    """Erase one record's personal fields, with its `Erasure` row and audit entry."""
    _finder, eraser = ERASERS[item.kind]
    obj = candidate.obj
    with transaction.atomic():
        locked = (
            type(obj)
            .objects.select_for_update(no_key=True)
            .filter(pk=obj.pk)
            .order_by("pk")
            .first()
        )
        if (
            locked is None
            or Erasure.objects.filter(
                object_type=item.object_type, object_id=item.object_id
            ).exists()
        ):
            return None
        fields = eraser(locked)
        erasure = Erasure.objects.create(
            kind=item.kind,
            object_type=item.object_type,
            object_id=item.object_id,
            framework=obj.framework,
            side_code=obj.originator_side.code,
            fields=fields,
            period_days=item.period_days,
            reference_date=item.reference_date,
        )
        audit.record(
            actor=None,
            action=ERASE_ACTION,
            obj=locked,
            side_code=obj.originator_side.code,
            changes={
                "kind": item.kind,
                "fields": fields,
                "period_days": item.period_days,
                "period_ran_from": item.reference_date.isoformat(),
            },
        )
        return erasure


def apply_retention(*, today: dt.date | None = None, dry_run: bool = False) -> list[Due]:
    """Erase the personal data of every record past its period; `dry_run` only lists them."""
    today = today or timezone.localdate()
    done: list[Due] = []
    for item, candidate in due(today=today):
        if dry_run or erase_one(item, candidate) is not None:
            done.append(item)
    return done
