"""Retention of the workers affected by a suspension, with their dependants and return letters:
the eraser this app registers with the retention catalogue (retention/erasers.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Count, Max, Q
from django.utils import timezone

from sswbridge.exchange import erasure as exchange_erasure
from sswbridge.retention import erasers
from sswbridge.retention.catalogue import RetentionKind
from sswbridge.suspensions.models import (
    AffectedPerson,
    Dependant,
    ReturnAssistanceRequest,
    ReturnStatus,
    TravelDocument,
    TravelDocumentStatus,
)


def _persons(before: dt.date) -> Iterator[erasers.Candidate]:
    rows = (
        AffectedPerson.objects.annotate(
            open_requests=Count(
                "return_requests", filter=~Q(return_requests__status=ReturnStatus.CLOSED)
            ),
            last_closed=Max("return_requests__closed_on"),
            # A travel document on its way keeps the person (issue 16).
            open_documents=Count(
                "travel_documents",
                filter=Q(
                    travel_documents__status__in=[
                        TravelDocumentStatus.REQUESTED,
                        TravelDocumentStatus.ISSUED,
                    ]
                ),
                distinct=True,
            ),
        )
        .filter(open_requests=0, open_documents=0, updated_at__date__lte=before)
        .select_related("framework", "originator_side")
        .order_by("created_at")
    )
    for person in rows:
        changed = timezone.localdate(person.updated_at)
        closed = person.last_closed
        yield erasers.Candidate(
            RetentionKind.AFFECTED_PERSON, person, max(changed, closed) if closed else changed
        )


def _erase_person(person: AffectedPerson) -> dict[str, dict[str, str]]:
    AffectedPerson.objects.filter(pk=person.pk).update(
        name=erasers.pseudonym("P", person.pk),
        employer="",
        situation_note="",
        nationality="",
        passport_number="",
        residence_card_number="",
        date_of_birth=None,
        contact="",
    )
    TravelDocument.objects.filter(person=person).update(document_number="", issuing_mission="")
    for dependant in Dependant.objects.filter(person=person).only("pk"):
        Dependant.objects.filter(pk=dependant.pk).update(
            name=erasers.pseudonym("D", dependant.pk), date_of_birth=None
        )
    requests = ReturnAssistanceRequest.objects.filter(person=person)
    # The letters: erased here, and on the other node when it holds a copy (issue 14).
    for pk in requests.exclude(communication=None).values_list("communication_id", flat=True):
        exchange_erasure.erase(pk, body=True, payload=None)
    requests.update(assistance="")
    return erasers.fields_of(RetentionKind.AFFECTED_PERSON)


def register() -> None:
    erasers.register(RetentionKind.AFFECTED_PERSON, _persons, _erase_person)
