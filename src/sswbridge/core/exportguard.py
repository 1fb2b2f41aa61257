"""The one guard on information leaving the system (clause 3). It sits in core because every
app that lets a file out asks it, and it needs nothing but the marking and the side.

The other side's information leaves only in an export package made under its written consent
(`services.export`). Every other way out — file downloads (CSV, XLSX, JSON), print views and
bulk API exports — asks this guard first:

- what the user's own side originated passes (its own information is not restricted here);
- public records (marking *public*, what the portals publish) pass;
- everything else is the other side's and is refused with `ExportRefused` (403 in HTML,
  `consent_required` in the API).

Paged reads for everyday work (lists and detail pages) are not exports and stay allowed.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import Marking

Q_T = TypeVar("Q_T", bound=QuerySet[Any])


class ExportRefused(PermissionDenied):
    code = "consent_required"

    def __init__(self) -> None:
        self.message = str(
            _(
                "This holds information of the other side. It may leave the system only in an "
                "export package under the other side's written consent."
            )
        )
        super().__init__(self.message)


def _originator_side_id(obj: Any) -> Any:
    """The side that originated a record (an evidence file or a note: its case's)."""
    if hasattr(obj, "originator_side_id"):
        return obj.originator_side_id
    parent = getattr(obj, "case", None) or getattr(obj, "communication", None)
    return getattr(parent, "originator_side_id", None)


def _marking(obj: Any) -> Any:
    if hasattr(obj, "marking"):
        return obj.marking
    parent = getattr(obj, "case", None) or getattr(obj, "communication", None)
    return getattr(parent, "marking", None)


def may_export(user: Any, obj: Any) -> bool:
    agency = getattr(user, "agency", None)
    if _marking(obj) == Marking.PUBLIC:
        return True
    side_id = _originator_side_id(obj)
    return bool(agency is not None and side_id is not None and side_id == agency.side_id)


def require_export_right(user: Any, obj: Any) -> None:
    """Refuse (ExportRefused) unless `obj` may leave the system without consent."""
    if not may_export(user, obj):
        raise ExportRefused


def require_export_right_all(user: Any, objs: Any) -> None:
    for obj in objs:
        require_export_right(user, obj)


def exportable(queryset: Q_T, user: Any, *, side_field: str = "originator_side") -> Q_T:
    """Only what may leave without consent: own side's and public records."""
    agency = getattr(user, "agency", None)
    if agency is None:
        return queryset.none()
    marking = side_field.rsplit("originator_side", 1)[0] + "marking"
    return queryset.filter(Q(**{f"{side_field}_id": agency.side_id}) | Q(**{marking: "public"}))


def count_refused(
    queryset: QuerySet[Any], user: Any, *, side_field: str = "originator_side"
) -> int:
    """How many rows of a visible queryset the guard holds back."""
    return queryset.count() - exportable(queryset, user, side_field=side_field).count()
