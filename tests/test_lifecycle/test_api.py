"""The lifecycle through /api/v1/lifecycle, as a client program would use it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.frameworks.models import Framework, FrameworkStatus
from sswbridge.lifecycle import selectors
from tests.helpers import factories
from tests.helpers.api import Api

pytestmark = pytest.mark.django_db

BASE = "/api/v1/lifecycle"


def test_an_amendment_comes_into_force_through_the_api_only_with_both_consents(jp_cp, kg_cp):
    jp, kg = Api(jp_cp, BASE), Api(kg_cp, BASE)
    assert jp.post("/frameworks/jp-kg/texts", {"text": "As signed"}).status_code == 201
    created = kg.post("/frameworks/jp-kg/amendments", {"new_text": "Revised", "clauses": "9"})
    assert created.status_code == 201
    amendment = created.json()["id"]
    after_one = kg.post(f"/amendments/{amendment}/consent").json()
    assert after_one["status"] == "proposed"
    assert jp.get("/frameworks/jp-kg").json()["text_in_force"] == 1
    after_both = jp.post(f"/amendments/{amendment}/consent").json()
    assert after_both["status"] == "in_force"
    state = jp.get("/frameworks/jp-kg").json()
    assert state["text_in_force"] == 2
    text = jp.get(f"/texts/{state['texts'][0]['id']}").json()
    assert text["text"] == "Revised"
    assert {c["side"] for c in text["consents"]} == {"JP", "KG"}


def test_notice_and_withdrawal_through_the_api(jp_cp, kg_cp):
    jp, kg = Api(jp_cp, BASE), Api(kg_cp, BASE)
    notice = kg.post("/frameworks/jp-kg/termination-notices", {"explanation": ""}).json()
    state = jp.get("/frameworks/jp-kg").json()
    assert state["termination_date"] == notice["termination_date"]
    assert state["days_left"] > 170
    assert kg.post(f"/termination-notices/{notice['id']}/withdrawal-request").status_code == 200
    assert kg.post(f"/termination-notices/{notice['id']}/withdrawal-consent").status_code == 403
    done = jp.post(f"/termination-notices/{notice['id']}/withdrawal-consent")
    assert done.json()["status"] == "withdrawn"


def test_an_auditor_reads_but_does_not_record_a_review(jp_auditor):
    api = Api(jp_auditor, BASE)
    assert api.get("/frameworks/jp-kg").status_code == 200
    response = api.post("/frameworks/jp-kg/reviews", {"review_date": "2025-07-06", "title": "R"})
    assert response.status_code == 403


def test_a_review_is_recorded_and_its_outcome_later(kg_officer):
    api = Api(kg_officer, BASE)
    review = api.post(
        "/frameworks/jp-kg/reviews", {"review_date": "2025-07-06", "title": "Two-year review"}
    ).json()
    done = api.post(f"/reviews/{review['id']}/outcome", {"outcome": "Keep the framework."})
    assert done.json()["status"] == "done"


def test_the_lifecycle_page_runs_a_notice_through_the_forms(jp_cp, kg_cp):
    kg = factories.verified_client(kg_cp)
    kg.post(reverse("lifecycle:notice_give", args=["jp-kg"]), {"text": "We end it."})
    notice = selectors.notices_for(kg_cp).get()
    page = kg.get(reverse("lifecycle:framework", args=["jp-kg"])).content.decode()
    assert notice.termination_date.isoformat() in page
    kg.post(reverse("lifecycle:notice_withdraw", args=[notice.pk]), {"text": ""})
    jp = factories.verified_client(jp_cp)
    jp.post(reverse("lifecycle:notice_withdraw_consent", args=[notice.pk]), {"text": ""})
    notice.refresh_from_db()
    assert notice.status == "withdrawn"
    assert Framework.objects.get(code="jp-kg").status == FrameworkStatus.IN_FORCE


def test_an_amendment_comes_into_force_through_the_pages_only_with_both_consents(jp_cp, kg_cp):
    jp, kg = factories.verified_client(jp_cp), factories.verified_client(kg_cp)
    jp.post(reverse("lifecycle:text_record", args=["jp-kg"]), {"text": "As signed."})
    kg.post(
        reverse("lifecycle:amendment_propose", args=["jp-kg"]),
        {"clauses": "4", "new_text": "As amended in clause 4.", "explanation": "Yearly."},
    )
    [amendment] = selectors.amendments_for(kg_cp)
    consent = reverse("lifecycle:amendment_consent", args=[amendment.pk])
    kg.post(consent, {})
    framework = Framework.objects.get(code="jp-kg")
    assert selectors.text_in_force(jp_cp, framework).text == "As signed."  # one consent only
    jp.post(consent, {})
    in_force = selectors.text_in_force(jp_cp, framework)
    assert (in_force.number, in_force.text) == (2, "As amended in clause 4.")
    page = jp.get(reverse("lifecycle:text", args=[in_force.pk])).content.decode()
    start = page.index('data-testid="text-consents"')
    consents = page[start : page.index("</ul>", start)]
    assert consents.count("<li>") == 2  # each side's written consent, with its letter
    overview = kg.get(reverse("lifecycle:framework", args=["jp-kg"])).content.decode()
    assert 'data-testid="text-in-force"' in overview and "Version 2" in overview
