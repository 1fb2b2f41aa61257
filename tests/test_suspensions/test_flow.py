"""Suspension → return-assistance request → completion, in the UI and in the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from sswbridge.frameworks.models import SSWField
from sswbridge.suspensions.models import AffectedPerson, ReturnAssistanceRequest, Suspension
from tests.helpers import factories
from tests.helpers.api import Api

pytestmark = pytest.mark.django_db

BASE = "/api/v1/suspensions"


def test_the_whole_flow_in_the_pages(jp_officer, kg_cp):
    jp = factories.verified_client(jp_officer)
    jp.post(
        reverse("suspensions:create"),
        {
            "framework": factories.jp_kg().pk,
            "field": SSWField.objects.get(code="construction").pk,
            "starts_on": "2026-04-01",
            "legal_basis": "Article 7-2",
            "scope": "New entries",
        },
    )
    suspension = Suspension.objects.get()
    jp.post(
        reverse("suspensions:person_add", args=[suspension.pk]),
        {
            "name": "Aibek Toktogulov",
            "status_of_residence": "ssw_ii",
            "employer": "Yamada Kensetsu",
            "residence_situation": "may_not_remain",
        },
    )
    person = AffectedPerson.objects.get()
    jp.post(
        reverse("suspensions:dependant_add", args=[person.pk]),
        {"relation": "child", "name": "Aiperi"},
    )
    child = person.dependants.get()
    jp.post(
        reverse("suspensions:return_request", args=[person.pk]),
        {"assistance": "Temporary passport", "dependants": [child.pk]},
    )
    req = ReturnAssistanceRequest.objects.get()
    kg = factories.verified_client(kg_cp)
    dashboard = kg.get(reverse("suspensions:returns")).content.decode()
    assert "Aibek Toktogulov" in dashboard
    today = timezone.localdate().isoformat()
    for status in ("received", "passport_issued", "departed", "closed"):
        kg.post(
            reverse("suspensions:return_advance", args=[req.pk]), {"status": status, "on": today}
        )
    req.refresh_from_db()
    assert req.status == "closed"
    assert "Aibek Toktogulov" not in kg.get(reverse("suspensions:returns")).content.decode()


def test_the_whole_flow_in_the_api(jp_officer, kg_cp):
    jp, kg = Api(jp_officer, BASE), Api(kg_cp, BASE)
    suspension = jp.post(
        "",
        {
            "framework": "jp-kg",
            "field": "construction",
            "starts_on": "2026-04-01",
            "legal_basis": "Article 7-2",
            "scope": "New entries",
        },
    )
    assert suspension.status_code == 201, suspension.content
    sid = suspension.json()["id"]
    refused = jp.post(
        f"/{sid}/persons",
        {
            "name": "Nurlan Asanov",
            "status_of_residence": "ssw_i",
            "employer": "Yamada Kensetsu",
            "dependants": [{"relation": "spouse", "name": "Aida"}],
        },
    )
    assert refused.status_code == 400
    person = jp.post(
        f"/{sid}/persons",
        {
            "name": "Aibek Toktogulov",
            "status_of_residence": "ssw_ii",
            "employer": "Yamada Kensetsu",
            "residence_situation": "may_not_remain",
            "dependants": [{"relation": "spouse", "name": "Aida"}],
        },
    ).json()
    assert [d["name"] for d in person["dependants"]] == ["Aida"]
    assert kg.get(f"/{sid}").json()["persons"][0]["name"] == "Aibek Toktogulov"
    req = jp.post(
        f"/persons/{person['id']}/return-requests",
        {"assistance": "Temporary passport", "dependant_ids": [person["dependants"][0]["id"]]},
    ).json()
    assert [r["id"] for r in kg.get("/return-requests").json()] == [req["id"]]
    today = timezone.localdate().isoformat()
    assert (
        jp.post(
            f"/return-requests/{req['id']}/progress", {"status": "received", "on": today}
        ).status_code
        == 403
    )
    for status in ("received", "passport_issued", "departed", "closed"):
        step = kg.post(f"/return-requests/{req['id']}/progress", {"status": status, "on": today})
        assert step.status_code == 200, step.content
    assert kg.get(f"/return-requests/{req['id']}").json()["closed_on"] == today
    assert kg.get("/return-requests").json() == []


def test_a_user_of_another_framework_gets_404(leaving, jp_uz):
    from sswbridge.accounts.models import Role

    api = Api(factories.make_user("uz-agency", Role.CONTACT_POINT), BASE)
    assert api.get(f"/persons/{leaving.pk}").status_code == 404
    assert api.get(f"/{leaving.suspension_id}").status_code == 404
    assert api.get("").json() == []
