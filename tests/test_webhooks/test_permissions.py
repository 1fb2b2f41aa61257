"""Who manages webhooks: the administrators of the endpoint's own agency; other roles of that
agency are refused (403), and another agency's endpoint does not exist for anyone (404)."""

from __future__ import annotations

from typing import Any

import pytest

from sswbridge.accounts.models import Role
from sswbridge.webhooks import services
from sswbridge.webhooks.models import Endpoint
from tests.helpers import factories
from tests.helpers.api import Api

pytestmark = pytest.mark.django_db

URL = "https://93.184.215.14/hooks"


@pytest.fixture
def kg_admin(jp_kg: Any) -> Any:
    return factories.make_user("kg-ceca", Role.ADMINISTRATOR, username="perm_kg_admin")


@pytest.fixture
def kg_endpoint(kg_admin: Any) -> Endpoint:
    return services.add_endpoint(actor=kg_admin, url=URL, event_types=["communication"])


def _api(user: Any) -> Api:
    return Api(user, base="/api/v1/webhooks")


def test_an_administrator_registers_an_endpoint_and_sees_its_secret_once(kg_admin: Any) -> None:
    api = _api(kg_admin)
    created = api.post("/endpoints", {"url": URL, "event_types": ["communication"]})
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]
    assert secret.startswith("whsec_")
    assert created.json()["agency"] == "kg-ceca"
    listed = api.get("/endpoints")
    assert [e["id"] for e in listed.json()] == [created.json()["id"]]
    assert secret not in listed.content.decode()
    assert secret not in api.get(f"/endpoints/{created.json()['id']}").content.decode()


def test_an_officer_may_not_register_an_endpoint(jp_kg: Any) -> None:
    officer = factories.make_user("kg-ceca", Role.OFFICER)
    answer = _api(officer).post("/endpoints", {"url": URL, "event_types": ["communication"]})
    assert answer.status_code == 403
    assert Endpoint.objects.count() == 0


def test_an_officer_of_the_agency_may_not_read_its_delivery_log(kg_endpoint: Endpoint) -> None:
    officer = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    assert _api(officer).get(f"/endpoints/{kg_endpoint.pk}/deliveries").status_code == 403
    assert _api(officer).get("/endpoints").status_code == 403


def test_the_administrator_reads_the_delivery_log(kg_endpoint: Endpoint, kg_admin: Any) -> None:
    answer = _api(kg_admin).get(f"/endpoints/{kg_endpoint.pk}/deliveries")
    assert answer.status_code == 200
    assert answer.json() == []


def test_another_sides_administrator_does_not_see_the_endpoint(kg_endpoint: Endpoint) -> None:
    jp_admin = factories.make_user("isa", Role.ADMINISTRATOR)
    api = _api(jp_admin)
    assert api.get("/endpoints").json() == []
    assert api.get(f"/endpoints/{kg_endpoint.pk}").status_code == 404
    assert api.get(f"/endpoints/{kg_endpoint.pk}/deliveries").status_code == 404
    assert api.post(f"/endpoints/{kg_endpoint.pk}/deactivate").status_code == 404
    kg_endpoint.refresh_from_db()
    assert kg_endpoint.active


def test_the_administrator_deactivates_the_endpoint(kg_endpoint: Endpoint, kg_admin: Any) -> None:
    answer = _api(kg_admin).post(f"/endpoints/{kg_endpoint.pk}/deactivate")
    assert answer.status_code == 200
    assert answer.json()["active"] is False


def test_an_officer_may_not_deactivate_the_endpoint(kg_endpoint: Endpoint) -> None:
    officer = factories.make_user("kg-ceca", Role.OFFICER)
    assert _api(officer).post(f"/endpoints/{kg_endpoint.pk}/deactivate").status_code == 403
    kg_endpoint.refresh_from_db()
    assert kg_endpoint.active


def test_the_pages_serve_the_administrator_and_refuse_the_officer(
    kg_endpoint: Endpoint, kg_admin: Any
) -> None:
    admin = factories.verified_client(kg_admin)
    officer = factories.verified_client(factories.make_user("kg-ceca", Role.OFFICER))
    assert admin.get("/webhooks/").status_code == 200
    assert admin.get(f"/webhooks/{kg_endpoint.pk}/").status_code == 200
    assert officer.get("/webhooks/").status_code == 403
    assert officer.get(f"/webhooks/{kg_endpoint.pk}/").status_code == 403


def test_the_page_registers_an_endpoint_and_shows_its_secret_once(kg_admin: Any) -> None:
    admin = factories.verified_client(kg_admin)
    answer = admin.post("/webhooks/add/", {"url": URL, "event_types": ["communication"]})
    assert answer.status_code == 200
    endpoint = Endpoint.objects.get(agency=kg_admin.agency)
    assert endpoint.secret in answer.content.decode()
    assert endpoint.secret not in admin.get("/webhooks/").content.decode()
    assert endpoint.secret not in admin.get(f"/webhooks/{endpoint.pk}/").content.decode()


def test_the_page_refuses_a_private_target(kg_admin: Any) -> None:
    admin = factories.verified_client(kg_admin)
    answer = admin.post("/webhooks/add/", {"url": "https://10.0.0.1/", "event_types": ["case"]})
    assert answer.status_code == 400
    assert not Endpoint.objects.exists()


def test_another_sides_administrator_gets_404_on_the_endpoint_page(kg_endpoint: Endpoint) -> None:
    jp_admin = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    assert jp_admin.get(f"/webhooks/{kg_endpoint.pk}/").status_code == 404
    assert jp_admin.post(f"/webhooks/{kg_endpoint.pk}/deactivate/").status_code == 404
