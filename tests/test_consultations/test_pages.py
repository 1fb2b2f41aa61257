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
from tests import factories

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
