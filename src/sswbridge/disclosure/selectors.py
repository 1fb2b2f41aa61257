"""Permission-filtered reads of the disclosure app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sswbridge.cases.models import Case
from sswbridge.disclosure.models import Disclosure, DisclosureRequest
from sswbridge.exchange.models import Communication, CommunicationStatus


def requests_for(user: Any) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.visible_to(user).select_related(
        "framework", "originator_agency", "owner_side", "requested_by", "communication"
    )


def ledger_for(user: Any) -> QuerySet[Disclosure]:
    return Disclosure.objects.visible_to(user).select_related(
        "request", "request__framework", "exported_by", "exported_by__agency"
    )


def candidates_for(user: Any) -> tuple[list[Communication], list[Case]]:
    """What the user may ask to disclose: the other side's sent communications and cases."""
    side_id = user.agency.side_id
    comms = (
        Communication.objects.visible_to(user)
        .filter(status=CommunicationStatus.SENT, superseded=False, retracted_at__isnull=True)
        .exclude(originator_side_id=side_id)
        .order_by("-sent_at")[:100]
    )
    cases = (
        Case.objects.visible_to(user)
        .exclude(originator_side_id=side_id)
        .prefetch_related("evidence")
        .order_by("-created_at")[:100]
    )
    return list(comms), list(cases)


def candidate(user: Any, kind: str, pk: Any) -> Communication | Case | None:
    """One item the user may ask to disclose (the other side's, visible), or None."""
    if kind == "communication":
        qs: Any = Communication.objects.visible_to(user).filter(status=CommunicationStatus.SENT)
    elif kind == "case":
        qs = Case.objects.visible_to(user)
    else:
        return None
    agency = getattr(user, "agency", None)
    if agency is None:
        return None
    found: Communication | Case | None = (
        qs.exclude(originator_side_id=agency.side_id).filter(pk=pk).first()
    )
    return found
