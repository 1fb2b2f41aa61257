"""Reads of the consultations, always through `visible_to`.

An agenda item shows only the linked records the reader may see: a case internal to Japan,
linked by Japan, stays invisible to the partner on a shared agenda."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from sswbridge.cases.models import Case
from sswbridge.consultations.models import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    AgendaItem,
    Consultation,
    MinutesApproval,
    MinutesVersion,
)
from sswbridge.exchange.models import Communication
from sswbridge.intermediaries.models import Intermediary
from sswbridge.sending.models import SendingOrganization


def consultations_for(user: Any) -> QuerySet[Consultation]:
    return Consultation.objects.visible_to(user).select_related(
        "framework", "originator_side", "originator_agency"
    )


def consultation_for(user: Any, pk: Any) -> Consultation | None:
    found: Consultation | None = consultations_for(user).filter(pk=pk).first()
    return found


def agenda_of(user: Any, consultation: Consultation) -> QuerySet[AgendaItem]:
    """The agenda with the linked records the user may see."""
    return (
        AgendaItem.objects.filter(consultation=consultation)
        .select_related("raised_by_side")
        .prefetch_related(
            Prefetch("cases", queryset=Case.objects.visible_to(user)),
            Prefetch("intermediaries", queryset=Intermediary.objects.visible_to(user)),
            Prefetch(
                "sending_organizations", queryset=SendingOrganization.objects.visible_to(user)
            ),
            Prefetch("communications", queryset=Communication.objects.visible_to(user)),
        )
    )


def minutes_of(consultation: Consultation) -> QuerySet[MinutesVersion]:
    return (
        MinutesVersion.objects.filter(consultation=consultation)
        .select_related("side", "author")
        .prefetch_related(
            Prefetch(
                "approvals", queryset=MinutesApproval.objects.select_related("side", "approved_by")
            )
        )
    )


def actions_of(consultation: Consultation) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(consultation=consultation).select_related(
        "owner_side", "owner_agency", "agenda_item"
    )


def open_actions_for(user: Any) -> QuerySet[ActionItem]:
    """Open action items of every consultation the user may see, the earliest due first."""
    return (
        ActionItem.objects.filter(
            consultation__in=Consultation.objects.visible_to(user).values("pk"),
            status__in=OPEN_ACTION_STATUSES,
        )
        .select_related("consultation", "owner_side", "owner_agency")
        .order_by("due_date", "created_at")
    )


@dataclass
class MinutesState:
    """The minutes of a consultation as the page shows them."""

    versions: list[MinutesVersion] = field(default_factory=list)
    approved: bool = False
    drafting_side_id: Any = None

    @property
    def latest(self) -> MinutesVersion | None:
        return self.versions[0] if self.versions else None


def minutes_state(consultation: Consultation) -> MinutesState:
    versions = list(minutes_of(consultation))
    state = MinutesState(versions=versions)
    if versions:
        state.drafting_side_id = versions[-1].side_id
        parties = {s.pk for s in consultation.framework.sides()}
        state.approved = parties <= {a.side_id for a in versions[0].approvals.all()}
    return state
