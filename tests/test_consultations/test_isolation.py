"""A user of another framework gets 404 from every write of consultations, the lifecycle
and suspensions, with valid bodies (the shared isolation tables cover the rest)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken, Role
from tests.helpers import factories
from tests.helpers.isolation import world_lifecycle

pytestmark = pytest.mark.django_db

BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/v1/consultations/{consultation_id}/status"): {"status": "held"},
    ("POST", "/api/v1/consultations/{consultation_id}/participants"): {"side": "UZ", "name": "x"},
    ("POST", "/api/v1/consultations/{consultation_id}/agenda"): {"title": "x", "subjects": ["a"]},
    ("POST", "/api/v1/consultations/{consultation_id}/agenda/{item_id}/outcome"): {"outcome": "x"},
    ("POST", "/api/v1/consultations/{consultation_id}/minutes"): {"text": "x"},
    ("POST", "/api/v1/consultations/{consultation_id}/action-items"): {
        "title": "x",
        "owner_agency": "uz-agency",
        "due_date": "2030-01-01",
    },
    ("PATCH", "/api/v1/consultations/{consultation_id}/action-items/{action_id}"): {
        "status": "done"
    },
    ("POST", "/api/v1/lifecycle/frameworks/{code}/reviews"): {
        "review_date": "2030-01-01",
        "title": "x",
    },
    ("POST", "/api/v1/lifecycle/reviews/{review_id}/outcome"): {"outcome": "x"},
    ("POST", "/api/v1/lifecycle/frameworks/{code}/texts"): {"text": "x"},
    ("POST", "/api/v1/lifecycle/frameworks/{code}/amendments"): {"new_text": "x"},
    ("POST", "/api/v1/lifecycle/frameworks/{code}/termination-notices"): {"explanation": ""},
    ("POST", "/api/v1/suspensions/return-requests/{request_id}/progress"): {
        "status": "received",
        "on": "2026-01-01",
    },
    ("PATCH", "/api/v1/suspensions/persons/{person_id}"): {"residence_situation": "may_remain"},
    ("POST", "/api/v1/suspensions/persons/{person_id}/dependants"): {
        "relation": "child",
        "name": "x",
    },
    ("POST", "/api/v1/suspensions/persons/{person_id}/return-requests"): {"assistance": "x"},
    ("POST", "/api/v1/suspensions/{suspension_id}/lift"): {"lifted_on": "2030-01-01"},
    ("POST", "/api/v1/suspensions/{suspension_id}/persons"): {
        "name": "x",
        "status_of_residence": "ssw_i",
        "employer": "x",
    },
    ("POST", "/api/v1/suspensions/{suspension_id}/persons/upload"): {},
    ("POST", "/api/v1/suspensions/persons/{person_id}/travel-documents"): {
        "issuing_mission": "x",
        "requested_on": "2026-01-01",
    },
    ("POST", "/api/v1/suspensions/travel-documents/{document_id}/progress"): {
        "status": "issued",
        "on": "2026-01-02",
        "document_number": "TD123456",
    },
}


def test_every_write_that_needs_a_body_is_listed():
    needing = {k for k, (kind, _b) in world_lifecycle.OPERATIONS.items() if kind == "object_body"}
    assert needing == set(BODIES)


@pytest.fixture
def world(jp_kg, jp_uz):
    w = world_lifecycle.world(jp_kg)
    w.update(
        consultation_id=w["consultation"].pk,
        item_id=w["agenda_item"].pk,
        action_id=w["action_item"].pk,
        code="jp-kg",
        review_id=w["review"].pk,
        request_id=w["return_request"].pk,
        person_id=w["person"].pk,
        suspension_id=w["suspension"].pk,
        document_id=w["travel_document"].pk,
    )
    return w


@pytest.mark.parametrize("role", [Role.CONTACT_POINT, Role.OFFICER])
def test_api_writes_of_another_framework_answer_404(world, role):
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=factories.make_user("uz-agency", role), **fields)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    for (method, path), body in BODIES.items():
        url = re.sub(r"\{(\w+)\}", lambda m: str(world[m.group(1)]), path)
        response = client.generic(method, url, data=_json(body), content_type="application/json")
        assert response.status_code == 404, (method, path, response.content)


def _json(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body)


@pytest.mark.parametrize("role", [Role.CONTACT_POINT, Role.OFFICER])
def test_page_actions_of_another_framework_answer_404(world, role):
    client = factories.verified_client(factories.make_user("uz-agency", role))
    for name, (kind, kwargs) in world_lifecycle.PAGES.items():
        if kind != "post":
            continue
        response = client.post(reverse(name, kwargs=kwargs(world)), {"text": "x", "title": "x"})
        assert response.status_code == 404, name
