"""Reads of clause 8, always through `visible_to`; the public reads only public suspensions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sswbridge.core.models import Marking
from sswbridge.frameworks.models import FrameworkStatus
from sswbridge.suspensions.models import (
    AffectedPerson,
    ReturnAssistanceRequest,
    ReturnStatus,
    Suspension,
)


def suspensions_for(user: Any) -> QuerySet[Suspension]:
    return Suspension.objects.visible_to(user).select_related("framework", "field")


def public_suspensions() -> QuerySet[Suspension]:
    """What the public portals show: public suspensions of frameworks signed or in force."""
    return Suspension.objects.filter(
        marking=Marking.PUBLIC,
        framework__status__in=[FrameworkStatus.IN_FORCE, FrameworkStatus.SIGNED],
    ).select_related("framework", "field")


def persons_for(user: Any) -> QuerySet[AffectedPerson]:
    return AffectedPerson.objects.visible_to(user).select_related(
        "framework", "suspension", "suspension__field"
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
