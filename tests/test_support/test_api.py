"""The register through /api/v1/support: everything the pages do."""

from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.core import jobs
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _headers(user) -> dict[str, str]:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_upload_then_read_the_change_report(registrar, jp_kg, rows, write):
    headers = _headers(registrar)
    first = write(rows)
    with first.open("rb") as handle:
        response = Client().post(
            "/api/v1/support/imports", {"framework": "jp-kg", "file": handle}, **headers
        )
    assert response.status_code == 202
    jobs.run_due_jobs()
    rows[0] = {**rows[0], "representative": "Yamada Hanako"}
    with write(rows).open("rb") as handle:
        second = (
            Client()
            .post("/api/v1/support/imports", {"framework": "jp-kg", "file": handle}, **headers)
            .json()
        )
    jobs.run_due_jobs()
    body = Client().get(f"/api/v1/support/imports/{second['id']}", **headers).json()
    assert body["status"] == "done"
    assert [(c["field"], c["after"]) for c in body["changes"]] == [
        ("representative", "Yamada Hanako")
    ]
    listed = Client().get(
        "/api/v1/support/organizations", {"q": rows[0]["registration_number"]}, **headers
    )
    assert listed.json()["items"][0]["representative"] == "Yamada Hanako"


def test_a_partner_user_may_not_upload(jp_kg, rows, write):
    headers = _headers(factories.make_user("kg-ceca", Role.REGISTRAR))
    with write(rows).open("rb") as handle:
        response = Client().post(
            "/api/v1/support/imports", {"framework": "jp-kg", "file": handle}, **headers
        )
    assert response.status_code == 403
