"""Reads of the registers, always through the shared visibility filter."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from sswbridge.registry.models import Intermediary, IntermediaryName, SendingOrganization


def intermediaries_for(user: Any) -> QuerySet[Intermediary]:
    return (
        Intermediary.objects.visible_to(user)
        .select_related("framework", "originator_side", "originator_agency")
        .prefetch_related(Prefetch("names", queryset=IntermediaryName.objects.order_by("created_at")))
    )


def sending_organizations_for(user: Any) -> QuerySet[SendingOrganization]:
    return SendingOrganization.objects.visible_to(user).select_related(
        "framework", "originator_side", "originator_agency"
    )
