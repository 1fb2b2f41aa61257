"""/api/v1/public serves the published lists without a token, and nothing else."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_support_list_is_served_without_a_token(published_list):
    body = Client().get("/api/v1/public/kg/support-organizations", {"limit": 5}).json()
    assert body["count"] == len(published_list)
    assert len(body["items"]) == 5
    assert body["updated_at"] and "Creative Commons" in body["licence"]


def test_one_support_organization_by_its_number(published_list):
    number = published_list[3]["registration_number"]
    body = Client().get(f"/api/v1/public/kg/support-organizations/{number}").json()
    assert body["address"] == published_list[3]["address"]


def test_nothing_is_served_for_a_portal_that_did_not_publish_it(published_list, jp_uz):
    number = published_list[3]["registration_number"]
    assert Client().get(f"/api/v1/public/uz/support-organizations/{number}").status_code == 404
    assert Client().get("/api/v1/public/uz/support-organizations").json()["count"] == 0


def test_an_unknown_portal_is_404_with_the_error_body(published_list):
    response = Client().get("/api/v1/public/xx/support-organizations")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_verify_answers_found_with_the_status(published_list):
    number = published_list[2]["registration_number"]
    body = Client().get("/api/v1/public/kg/verify", {"q": number}).json()
    assert body["found"] is True
    assert body["entries"][0]["status"] == "registered"
    assert body["entries"][0]["good"] is True


def test_verify_answers_not_found(published_list):
    body = Client().get("/api/v1/public/kg/verify", {"q": "Nobody K.K."}).json()
    assert body == {"query": "Nobody K.K.", "found": False, "entries": []}


def test_the_portals_and_their_languages(published_list):
    portals = {p["code"]: p["languages"] for p in Client().get("/api/v1/public/portals").json()}
    assert portals["jp"] == ["ja", "en"] and portals["kg"] == ["ky", "ru", "en"]
