"""The SSW fields are editable data: Japan's registrars and administrators keep them in the
UI and through the API, each change audited; nobody else may change them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.audit.models import AuditEntry
from sswbridge.frameworks.models import SSWField
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _api(user: Any) -> Client:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_every_staff_user_reads_the_fields_with_ssw_ii(jp_kg):
    client = factories.verified_client(factories.make_user("kg-ceca", Role.OFFICER))
    page = client.get("/frameworks/fields/").content.decode()
    assert "介護" in page and "Nursing care" in page
    fields = _api(factories.make_user("kg-ceca")).get("/api/v1/frameworks/fields").json()
    assert {"code": "construction", "ssw2_open": True}.items() <= next(
        f for f in fields if f["code"] == "construction"
    ).items()


def test_a_japanese_registrar_edits_a_field_in_the_ui_and_it_is_audited(db):
    registrar = factories.make_user("isa", Role.REGISTRAR)
    client = factories.verified_client(registrar)
    assert client.get("/frameworks/fields/railway/edit/").status_code == 200
    response = client.post(
        "/frameworks/fields/railway/edit/",
        {
            "code": "railway",
            "name_en": "Railway",
            "name_ja": "鉄道",
            # as the edit form shows them (issue 16)
            "names": json.dumps(SSWField.objects.get(code="railway").names),
            "ssw2_open": "on",
            "active": "on",
            "sort_order": "140",
        },
    )
    assert response.status_code == 302
    assert SSWField.objects.get(code="railway").ssw2_open is True
    assert SSWField.objects.get(code="railway").names["ru"] == "Железнодорожный транспорт"
    entry = AuditEntry.objects.filter(object_type="frameworks.sswfield").latest("seq")
    assert (entry.actor_label, entry.agency_code) == (registrar.username, "isa")
    assert entry.changes == {"ssw2_open": [False, True]}


def test_a_japanese_registrar_adds_and_changes_a_field_through_the_api(db):
    api = _api(factories.make_user("isa", Role.REGISTRAR))
    created = api.post(
        "/api/v1/frameworks/fields",
        {"code": "test-field", "name_en": "Test field", "name_ja": "試験分野"},
        content_type="application/json",
    )
    assert created.status_code == 201
    changed = api.patch(
        "/api/v1/frameworks/fields/test-field", {"active": False}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["active"] is False
    assert SSWField.objects.get(code="test-field").active is False


@pytest.mark.parametrize(
    "agency,role",
    [("isa", Role.OFFICER), ("isa", Role.CONTACT_POINT), ("kg-mlssm", Role.REGISTRAR)],
)
def test_others_may_not_change_the_fields(jp_kg, agency, role):
    user = factories.make_user(agency, role)
    client = factories.verified_client(user)
    assert client.get("/frameworks/fields/railway/edit/").status_code == 403
    assert client.post("/frameworks/fields/new/", {"code": "x"}).status_code == 403
    response = _api(user).patch(
        "/api/v1/frameworks/fields/railway", {"ssw2_open": True}, content_type="application/json"
    )
    assert response.status_code == 403
    assert SSWField.objects.get(code="railway").ssw2_open is False


def test_a_bad_field_is_refused_with_400_and_changes_nothing(db):
    api = _api(factories.make_user("isa", Role.ADMINISTRATOR))
    response = api.post(
        "/api/v1/frameworks/fields",
        {"code": "not a slug!", "name_en": "X", "name_ja": "X"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not SSWField.objects.filter(name_en="X").exists()
