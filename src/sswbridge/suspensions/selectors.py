"""Reads of clause 8, always through `visible_to`; the public reads only public suspensions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, Max, Q, QuerySet

from sswbridge.core.models import Marking
from sswbridge.frameworks.models import FrameworkStatus, Side, SideKind
from sswbridge.suspensions.models import (
    AffectedPerson,
    ReturnAssistanceRequest,
    ReturnStatus,
    Suspension,
    TravelDocument,
)


def suspensions_for(user: Any) -> QuerySet[Suspension]:
    return Suspension.objects.visible_to(user).select_related("framework", "field")


def public_suspensions(*, portal: str | None = None) -> QuerySet[Suspension]:
    """What the public pages show: public suspensions of frameworks signed or in force.

    `portal` ("jp", "kg"): only those of that country's portal; Japan's shows every
    framework's, a partner's only its own frameworks'. None: every portal's (the landing page).
    """
    found = Suspension.objects.filter(
        marking=Marking.PUBLIC,
        framework__status__in=[FrameworkStatus.IN_FORCE, FrameworkStatus.SIGNED],
    ).select_related("framework", "field")
    if portal is not None:
        # In the same query (no read of the side before it): Japan's portal, or the partner's.
        japan = Side.objects.filter(code__iexact=portal, kind=SideKind.JAPAN)
        found = found.filter(Exists(japan) | Q(framework__partner_side__code__iexact=portal))
    return found


def public_suspensions_last_changed(*, portal: str) -> dt.datetime | None:
    """When the suspensions a portal shows last changed (for its ETag and Last-Modified)."""
    latest: dt.datetime | None = public_suspensions(portal=portal).aggregate(
        latest=Max("updated_at")
    )["latest"]
    return latest


def persons_for(user: Any) -> QuerySet[AffectedPerson]:
    return AffectedPerson.objects.visible_to(user).select_related(
        "framework", "suspension", "suspension__field", "field"
    )


def persons_of(user: Any, suspension: Suspension) -> QuerySet[AffectedPerson]:
    return persons_for(user).filter(suspension=suspension).prefetch_related("dependants")


def return_requests_for(user: Any) -> QuerySet[ReturnAssistanceRequest]:
    return (
        ReturnAssistanceRequest.objects.visible_to(user)
        .select_related("framework", "person", "communication")
        .prefetch_related("dependants")
    )


def open_return_requests(user: Any) -> QuerySet[ReturnAssistanceRequest]:
    """The dashboard: open requests, the oldest first."""
    return (
        return_requests_for(user)
        .exclude(status=ReturnStatus.CLOSED)
        .order_by("requested_on", "created_at")
    )


def travel_documents_for(user: Any) -> QuerySet[TravelDocument]:
    """Travel documents, seen as the persons are: by the two sides of the framework."""
    return TravelDocument.objects.visible_to(user).select_related(
        "framework", "person", "person__framework"
    )
