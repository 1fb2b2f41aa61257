from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from sswbridge.exchange import services as exchange
from sswbridge.intermediaries.models import Intermediary
from tests.helpers import factories
from tests.helpers.api import RegistryApi as Api
from tests.helpers.intermediaries import AK_JOL, report

pytestmark = pytest.mark.django_db

NEW = {
    "framework": "jp-kg",
    "kind": "corporation",
    "country": "KG",
    "names": AK_JOL,
    "identifiers": [{"type": "email", "value": "Info@Ak-Jol.KG"}],
}


def test_an_officer_reports_an_intermediary_through_the_api(kg_cp):
    response = Api(kg_cp).post("/intermediaries", NEW)
    body = response.json()
    assert response.status_code == 201
    assert (len(body["names"]), body["identifiers"][0]["normalized"]) == (2, "info@ak-jol.kg")


def test_the_api_refuses_a_public_intermediary(kg_cp):
    response = Api(kg_cp).post("/intermediaries", {**NEW, "marking": "public"})
    assert (response.status_code, Intermediary.objects.count()) == (422, 0)


def test_the_api_refuses_a_bad_country_with_a_code(kg_cp):
    response = Api(kg_cp).post("/intermediaries", {**NEW, "country": "K1"})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"country": ["Give a two-letter country code (ISO 3166-1), such as KG or JP."]},
    )


def test_an_auditor_gets_403_from_the_api(kg_auditor):
    response = Api(kg_auditor).post("/intermediaries", NEW)
    assert (response.status_code, response.json()["code"]) == (403, "role_may_not_edit")


def test_a_partner_user_gets_404_for_another_frameworks_code(kg_cp, jp_uz):
    response = Api(kg_cp).post("/intermediaries", {**NEW, "framework": "jp-uz"})
    assert response.status_code == 404


def test_the_api_list_searches_names_and_identifiers(kg_cp, ak_jol):
    api = Api(kg_cp)
    by_phone = api.get("/intermediaries", q="996555123456").json()
    by_name = api.get("/intermediaries", q="ak-jol travel").json()
    nothing = api.get("/intermediaries", q="Sunrise").json()
    assert (by_phone["count"], by_name["count"], nothing["count"]) == (1, 1, 0)


def test_the_api_list_filters_and_pages(kg_cp, jp_kg, ak_jol):
    report(kg_cp, jp_kg, kind="individual", names=[{"value": "Asanov", "script": "Latn"}])
    api = Api(kg_cp)
    people = api.get("/intermediaries", kind="individual").json()
    first = api.get("/intermediaries", limit=1, offset=0).json()
    assert ([i["names"][0]["value"] for i in people["items"]], first["count"]) == (["Asanov"], 2)
    assert len(first["items"]) == 1


def test_names_identifiers_and_links_are_added_through_the_api(kg_cp, jp_kg, ak_jol):
    director = report(
        kg_cp, jp_kg, kind="individual", names=[{"value": "Asanov", "script": "Latn"}]
    )
    api = Api(kg_cp)
    base = f"/intermediaries/{ak_jol.pk}"
    assert (
        api.post(
            base + "/names", {"value": "アクジョル", "script": "Jpan", "language": "ja"}
        ).status_code
        == 201
    )
    assert (
        api.post(base + "/identifiers", {"type": "website", "value": "ak-jol.kg"}).status_code
        == 201
    )
    linked = api.post(base + "/links", {"person": str(director.pk), "relation": "director"})
    body = linked.json()
    assert (len(body["names"]), len(body["identifiers"])) == (3, 2)
    assert body["people"][0]["person"]["id"] == str(director.pk)
    assert api.get(f"/intermediaries/{director.pk}").json()["linked_to"][0]["intermediary"][
        "id"
    ] == str(ak_jol.pk)


def test_patch_changes_the_notes(kg_cp, ak_jol):
    response = Api(kg_cp).patch(f"/intermediaries/{ak_jol.pk}", {"notes": "Moved."})
    assert (response.status_code, response.json()["notes"], response.json()["version"]) == (
        200,
        "Moved.",
        2,
    )


def test_the_other_side_gets_403_when_it_patches(jp_cp, ak_jol):
    response = Api(jp_cp).patch(f"/intermediaries/{ak_jol.pk}", {"notes": "Moved."})
    assert (response.status_code, response.json()["code"]) == (403, "not_originating_side")


def test_a_person_hidden_from_the_user_is_not_linked(kg_cp, jp_kg, ak_jol):
    hidden = report(
        factories.make_user("isa", Role.OFFICER),
        jp_kg,
        kind="individual",
        country="JP",
        marking="agency",
        names=[{"value": "Tanaka", "script": "Latn"}],
    )
    response = Api(kg_cp).post(
        f"/intermediaries/{ak_jol.pk}/links", {"person": str(hidden.pk), "relation": "other"}
    )
    assert (response.status_code, ak_jol.links_out.count()) == (404, 0)


def test_the_communications_endpoint_lists_only_what_the_user_may_see(kg_cp, jp_cp, jp_kg, ak_jol):
    sent = exchange.send_new(
        actor=kg_cp,
        framework=jp_kg,
        kind="general_notice",
        subject="Sent",
        intermediary_ids=[ak_jol.pk],
    )
    exchange.create_draft(
        actor=kg_cp,
        framework=jp_kg,
        kind="general_notice",
        subject="Draft",
        intermediary_ids=[ak_jol.pk],
    )
    japan = Api(jp_cp).get(f"/intermediaries/{ak_jol.pk}/communications").json()
    kyrgyz = Api(kg_cp).get(f"/intermediaries/{ak_jol.pk}/communications").json()
    assert ([i["id"] for i in japan["items"]], kyrgyz["count"]) == ([str(sent.pk)], 2)


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("patch", "", {"notes": "x"}),
        ("post", "/names", {"value": "x", "script": "Latn"}),
        ("post", "/identifiers", {"type": "phone", "value": "123"}),
        ("post", "/links", {"person": "00000000-0000-0000-0000-000000000000", "relation": "other"}),
    ],
)
def test_a_user_of_another_framework_gets_404_for_every_write(ak_jol, jp_uz, method, suffix, body):
    api = Api(factories.make_user("uz-agency", Role.CONTACT_POINT))
    response = getattr(api, method)(f"/intermediaries/{ak_jol.pk}{suffix}", body)
    assert response.status_code == 404
