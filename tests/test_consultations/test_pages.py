"""The consultation pages: a consultation is run through the forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sswbridge.accounts.models import Agency
from sswbridge.consultations import services
from sswbridge.consultations.models import ActionItem, Consultation, MinutesVersion
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_a_consultation_is_run_through_the_forms(jp_officer, jp_cp, kg_cp, kg_officer, jp_kg):
    jp = factories.verified_client(jp_officer)
    jp.post(
        reverse("consultations:create"),
        {
            "framework": jp_kg.pk,
            "title": "Annual consultation",
            "kind": "periodic",
            "starts_at": "2026-10-01T10:00",
            "place": "Tokyo",
            "marking": "both",
        },
    )
    c = Consultation.objects.get()
    jp.post(reverse("consultations:agenda_add", args=[c.pk]), {"title": "Fees", "subjects": ["b"]})
    jp.post(reverse("consultations:minutes_draft", args=[c.pk]), {"text": "Agreed."})
    version = MinutesVersion.objects.get()
    for user in (jp_cp, kg_cp):
        factories.verified_client(user).post(
            reverse("consultations:minutes_approve", args=[c.pk, version.pk])
        )
    due = (timezone.localdate() + dt.timedelta(days=9)).isoformat()
    jp.post(
        reverse("consultations:action_add", args=[c.pk]),
        {
            "title": "Publish the fee rules",
            "owner_agency": Agency.objects.get(code="kg-ceca").pk,
            "due_date": due,
        },
    )
    action = ActionItem.objects.get()
    factories.verified_client(kg_officer).post(
        reverse("consultations:action_update", args=[c.pk, action.pk]), {"status": "done"}
    )
    page = jp.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert "Version 1 approved by both sides" in page
    assert "Fees" in page
    action.refresh_from_db()
    assert action.status == "done"


def test_the_list_query_count_does_not_grow(consultation, jp_officer, kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("consultations:list"))
        return len(queries)

    client.get(reverse("consultations:list"))
    few = count()
    for n in range(4):
        services.schedule(
            actor=jp_officer,
            framework=jp_kg,
            title=f"Ad hoc {n}",
            kind="ad_hoc",
            starts_at=timezone.now(),
            place="Bishkek",
        )
    assert count() == few


def test_participants_links_disputes_and_earlier_minutes_through_the_forms(
    consultation, jp_officer, kg_cp, jp_kg
):
    from sswbridge.frameworks.models import Side

    org = factories.make_sending_organization(jp_kg, name_en="Ala-Too Labour Bridge LLC")
    letter = factories.make_communication(jp_kg, sender=kg_cp, subject="Deposits in Osh")
    jp, kg = factories.verified_client(jp_officer), factories.verified_client(kg_cp)
    url = reverse("consultations:detail", args=[consultation.pk])
    for client, side, name in ((jp, "JP", "Hanako Sato"), (kg, "KG", "Aibek Toktogulov")):
        response = client.post(
            reverse("consultations:participant_add", args=[consultation.pk]),
            {"side": Side.objects.get(code=side).pk, "name": name, "position": "Director"},
        )
        assert response.status_code == 302
    kg.post(
        reverse("consultations:agenda_add", args=[consultation.pk]),
        {
            "title": "Deposits taken by sending organizations",
            "subjects": ["b"],
            "sending_organizations": [org.pk],
            "communications": [letter.pk],
        },
    )
    kg.post(
        reverse("consultations:agenda_add", args=[consultation.pk]),
        {"title": "Reading of clause 3", "is_dispute": "on"},
    )
    for text in ("First draft of the minutes.", "Second draft of the minutes."):
        jp.post(reverse("consultations:minutes_draft", args=[consultation.pk]), {"text": text})
    page = kg.get(url).content.decode()
    participants = page[
        page.index('data-testid="participants"') : page.index(
            "</ul>", page.index('data-testid="participants"')
        )
    ]
    assert "Hanako Sato" in participants and "Aibek Toktogulov" in participants
    assert reverse("sending:sending_organization_detail", args=[org.pk]) in page
    assert reverse("exchange:detail", args=[letter.pk]) in page
    assert "Dispute (clause 10)" in page
    assert "Version 2 awaiting approval" in page
    assert "Earlier versions" in page and "First draft of the minutes." in page
    assert [v.number for v in MinutesVersion.objects.filter(consultation=consultation)] == [2, 1]
