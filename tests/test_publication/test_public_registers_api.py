"""/api/v1/public serves the published registers of sending organizations and improvement
orders without a token (a revocation with its date and reason), searchable by name and by
number; the portal's search page finds an organization by its number too."""

from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from tests.helpers import factories, registers
from tests.helpers.publication import publish_on_partner_portal

pytestmark = pytest.mark.django_db

BASE = "/api/v1/public/kg"


def test_the_sending_organizations_are_served_without_a_token(sending):
    body = Client().get(f"{BASE}/sending-organizations").json()
    by_name = {item["name_en"]: item for item in body["items"]}
    assert body["count"] == 2 and body["updated_at"] and body["licence"]
    assert by_name["Ak-Jol LLC"]["status"] == "approved"
    revoked = by_name["Kok-Jar LLC"]
    assert (revoked["status"], revoked["status_date"], revoked["reason"]) == (
        "revoked",
        "2026-05-04",
        "Collected deposits from workers",
    )
    detail = Client().get(f"{BASE}/sending-organizations/{revoked['id']}").json()
    assert [step["status"] for step in detail["history"]] == ["approved", "revoked"]


def test_the_sending_organizations_are_searched_by_name_and_by_number(sending):
    for q in ("Кок-Жар", sending[1].registration_number):
        body = Client().get(f"{BASE}/sending-organizations", {"q": q}).json()
        assert [item["name_en"] for item in body["items"]] == ["Kok-Jar LLC"], q


def test_the_portal_search_finds_an_organization_by_its_number(sending):
    page = Client().get("/portal/kg/search/", {"q": sending[0].registration_number})
    text = page.content.decode()
    assert "Ak-Jol LLC" in text and "Kok-Jar LLC" not in text


def test_the_improvement_orders_are_served_without_a_token(jp_kg):
    japan = factories.make_user("isa", Role.REGISTRAR)
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    order = registers.order(japan, jp_kg)
    assert Client().get(f"{BASE}/improvement-orders").json()["count"] == 0  # not yet published
    publish_on_partner_portal(order, partner)
    body = Client().get(f"{BASE}/improvement-orders").json()
    assert [item["id"] for item in body["items"]] == [str(order.pk)]
    detail = Client().get(f"{BASE}/improvement-orders/{order.pk}").json()
    assert detail["legal_basis"] == order.legal_basis
    assert Client().get("/api/v1/public/uz/improvement-orders").status_code == 404
