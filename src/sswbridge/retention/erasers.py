"""For each kind of record: which records are candidates, from which date their period runs,
and how their personal fields are erased. Writes are plain `UPDATE`s, called only by
`services.erase_one` inside its transaction: erasure is due even in a terminated framework's
read-only archive (its guard works on `save`), and changes nothing but the personal fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from sswbridge.exchange.models import Communication
from sswbridge.orders.models import ImprovementOrder
from sswbridge.retention.catalogue import KINDS, RetentionKind
from sswbridge.sending.models import SendingOrganization
from sswbridge.sending.models.organizations import SendingOrganizationStatus
from sswbridge.suspensions.models import (
    AffectedPerson,
    Dependant,
    ReturnAssistanceRequest,
    ReturnStatus,
)


@dataclass(frozen=True)
class Candidate:
    kind: str
    obj: Any
    reference_date: dt.date


def pseudonym(prefix: str, pk: Any) -> str:
    """A stable label from the record's id, never from its data."""
    return f"{prefix}-{str(pk).replace('-', '')[:8].upper()}"


def _fields(kind: str) -> dict[str, dict[str, str]]:
    return {part.model: {k: str(v) for k, v in part.fields.items()} for part in KINDS[kind].parts}


# --- workers affected by a suspension ------------------------------------------------------


def _persons(before: dt.date) -> Iterator[Candidate]:
    rows = (
        AffectedPerson.objects.annotate(
            open_requests=Count(
                "return_requests", filter=~Q(return_requests__status=ReturnStatus.CLOSED)
            ),
            last_closed=Max("return_requests__closed_on"),
        )
        .filter(open_requests=0, updated_at__date__lte=before)
        .select_related("framework", "originator_side")
        .order_by("created_at")
    )
    for person in rows:
        changed = timezone.localdate(person.updated_at)
        closed = person.last_closed
        yield Candidate(
            RetentionKind.AFFECTED_PERSON, person, max(changed, closed) if closed else changed
        )


def _erase_person(person: AffectedPerson) -> dict[str, dict[str, str]]:
    AffectedPerson.objects.filter(pk=person.pk).update(
        name=pseudonym("P", person.pk), employer="", situation_note=""
    )
    for dependant in Dependant.objects.filter(person=person).only("pk"):
        Dependant.objects.filter(pk=dependant.pk).update(
            name=pseudonym("D", dependant.pk), date_of_birth=None
        )
    requests = ReturnAssistanceRequest.objects.filter(person=person)
    letters = Communication.objects.filter(pk__in=requests.values("communication_id"))
    notice = gettext("The personal data in this letter was erased at the end of its period.")
    for letter in letters.only("pk", "payload"):
        payload = letter.payload if isinstance(letter.payload, dict) else {}
        Communication.objects.filter(pk=letter.pk).update(
            body=notice, payload={key: "" for key in payload}
        )
    requests.update(assistance="")
    return _fields(RetentionKind.AFFECTED_PERSON)


# --- sending organizations no longer approved -----------------------------------------------

ENDED = (
    SendingOrganizationStatus.REFUSED,
    SendingOrganizationStatus.REVOKED,
    SendingOrganizationStatus.EXPIRED,
)


def _organizations(before: dt.date) -> Iterator[Candidate]:
    rows = (
        SendingOrganization.objects.filter(status__in=ENDED, updated_at__date__lte=before)
        .exclude(representatives="", phone="", email="")
        .select_related("framework", "originator_side")
        .order_by("created_at")
    )
    for org in rows:
        yield Candidate(RetentionKind.SENDING_ORG_CONTACTS, org, timezone.localdate(org.updated_at))


def _erase_organization(org: SendingOrganization) -> dict[str, dict[str, str]]:
    # updated_at moves with the erasure, so the published register (and its downloads) change.
    SendingOrganization.objects.filter(pk=org.pk).update(
        representatives="", phone="", email="", updated_at=timezone.now()
    )
    return _fields(RetentionKind.SENDING_ORG_CONTACTS)


# --- improvement orders --------------------------------------------------------------------


def _orders(before: dt.date) -> Iterator[Candidate]:
    rows = (
        ImprovementOrder.objects.filter(order_date__lte=before)
        .exclude(representative="")
        .select_related("framework", "originator_side")
        .order_by("order_date")
    )
    for order in rows:
        yield Candidate(RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE, order, order.order_date)


def _erase_order(order: ImprovementOrder) -> dict[str, dict[str, str]]:
    ImprovementOrder.objects.filter(pk=order.pk).update(
        representative="", updated_at=timezone.now()
    )
    # The notice to the partner carried the representative in its details.
    if order.communication_id is None:
        return _fields(RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE)
    letter = Communication.objects.filter(pk=order.communication_id).only("payload").first()
    if (
        letter is not None
        and isinstance(letter.payload, dict)
        and "representative" in letter.payload
    ):
        Communication.objects.filter(pk=letter.pk).update(
            payload={**letter.payload, "representative": ""}
        )
    return _fields(RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE)


Finder = Callable[[dt.date], Iterator[Candidate]]
Eraser = Callable[[Any], dict[str, dict[str, str]]]

ERASERS: dict[str, tuple[Finder, Eraser]] = {
    RetentionKind.AFFECTED_PERSON: (_persons, _erase_person),
    RetentionKind.SENDING_ORG_CONTACTS: (_organizations, _erase_organization),
    RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE: (_orders, _erase_order),
}
