"""The one permission-aware filter for framework-scoped records.

Every view and API endpoint that lists or fetches shared data goes through
`filter_visible` (usually as `Model.objects.visible_to(user)`). Nothing filters
by hand. When in doubt, deny.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Q, QuerySet

from sswbridge.core.models import Marking

if TYPE_CHECKING:
    from sswbridge.accounts.models import Agency

Q_T = TypeVar("Q_T", bound=QuerySet[Any])


def reader_agency(user: Any) -> Agency | None:
    """The opening check of every `visible_to`: the agency of a signed-in, active user, or
    None when the user may see nothing (no user, anonymous, inactive, or of no agency)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    agency: Agency | None = getattr(user, "agency", None)
    return agency


def filter_visible(queryset: Q_T, user: Any) -> Q_T:
    agency = reader_agency(user)
    if agency is None:
        return queryset.none()
    frameworks = user.visible_frameworks()
    rule = (
        Q(marking=Marking.AGENCY, originator_agency_id=agency.pk)
        | Q(marking=Marking.SIDE, originator_side_id=agency.side_id)
        | Q(marking__in=[Marking.BOTH, Marking.PUBLIC])
    )
    return queryset.filter(framework__in=frameworks).filter(rule)
