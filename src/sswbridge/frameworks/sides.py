"""A side's calendar as data (issue 16, point 5): its time zone, weekend days and closures,
edited by that side's administrators. A later framework file fills the same fields."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import Side, SideClosure, SideKind

if TYPE_CHECKING:
    from sswbridge.accounts.models import User

ADMINISTRATOR = "administrator"


def visible_sides(user: User) -> QuerySet[Side]:
    """Japan, and the partner sides of the frameworks the user sees."""
    if not user.is_active:
        return Side.objects.none()
    partners = user.visible_frameworks().values("partner_side_id")
    return Side.objects.filter(Q(kind=SideKind.JAPAN) | Q(pk__in=partners))


def may_edit_calendar(user: User, side: Side) -> bool:
    """Only the side's own administrators."""
    return bool(user.is_active and user.role == ADMINISTRATOR and user.agency.side_id == side.pk)


def _require(user: User, side: Side) -> None:
    if not may_edit_calendar(user, side):
        raise PermissionDenied(_("Only the side's administrators may change its calendar."))


def set_calendar(
    *, actor: User, side: Side, time_zone: str | None = None, weekend_days: list[int] | None = None
) -> Side:
    """Set the side's time zone and weekend days (None: unchanged)."""
    _require(actor, side)
    with transaction.atomic():
        locked = Side.objects.select_for_update().get(pk=side.pk)
        before = {"time_zone": locked.time_zone, "weekend_days": locked.weekend_days}
        if time_zone is not None:
            locked.time_zone = time_zone
        if weekend_days is not None:
            locked.weekend_days = sorted(weekend_days) if isinstance(weekend_days, list) else []
        locked.full_clean(validate_unique=False)
        after = {"time_zone": locked.time_zone, "weekend_days": locked.weekend_days}
        if before != after:
            locked.save(update_fields=["time_zone", "weekend_days"])
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=locked,
                changes=audit.diff(before, after),
            )
    return locked


def add_closure(
    *,
    actor: User,
    side: Side,
    name: str,
    first_day: dt.date,
    last_day: dt.date,
    yearly: bool = False,
) -> SideClosure:
    _require(actor, side)
    if last_day < first_day:
        raise ValidationError({"last_day": [_("The last day comes before the first day.")]})
    if yearly and (
        last_day.year - first_day.year > 1
        or (
            last_day.year != first_day.year
            and (last_day.month, last_day.day) >= (first_day.month, first_day.day)
        )
    ):
        raise ValidationError({"last_day": [_("A yearly closure lasts less than a year.")]})
    if not name.strip():
        raise ValidationError({"name": [_("Name the closure.")]})
    with transaction.atomic():
        closure = SideClosure.objects.create(
            side=side, name=name.strip(), first_day=first_day, last_day=last_day, yearly=yearly
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=closure,
            changes=audit.diff(None, _fields(closure)),
        )
    return closure


def remove_closure(*, actor: User, closure: SideClosure) -> None:
    _require(actor, closure.side)
    with transaction.atomic():
        before = _fields(closure)
        pk = closure.pk
        closure.delete()
        audit.record(
            actor=actor,
            action=AuditAction.DELETE,
            object_type="frameworks.sideclosure",
            object_id=str(pk),
            changes=audit.diff(before, None),
        )


def _fields(closure: SideClosure) -> dict[str, Any]:
    return {
        "side": closure.side.code,
        "name": closure.name,
        "first_day": closure.first_day.isoformat(),
        "last_day": closure.last_day.isoformat(),
        "yearly": closure.yearly,
    }
