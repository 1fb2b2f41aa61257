"""Retention periods: administrators set them, per framework or for all, in the UI and API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.audit.models import AuditEntry
from sswbridge.retention import services
from sswbridge.retention.catalogue import KINDS, RetentionKind
from sswbridge.retention.models import RetentionPolicy
from tests.helpers import factories

pytestmark = pytest.mark.django_db

KIND = RetentionKind.AFFECTED_PERSON


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_without_a_setting_the_default_applies(jp_kg):
    assert services.period_for(KIND, jp_kg.pk) == KINDS[KIND].default_days


def test_japan_administrator_sets_the_period_for_every_framework(jp_kg):
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    services.set_policy(actor=admin, kind=KIND, days=400)
    assert services.period_for(KIND, jp_kg.pk) == 400
    entry = AuditEntry.objects.get(object_type="retention.retentionpolicy")
    assert entry.changes["days"] == [None, 400]


def test_a_framework_period_wins_over_the_one_for_all(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    RetentionPolicy.objects.create(kind=KIND, days=400)
    services.set_policy(actor=admin, kind=KIND, days=90, framework=jp_kg)
    assert services.period_for(KIND, jp_kg.pk) == 90
    services.set_policy(actor=admin, kind=KIND, days=None, framework=jp_kg)
    assert services.period_for(KIND, jp_kg.pk) == 400


def test_partner_administrator_may_not_set_the_period_for_every_framework(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.set_policy(actor=admin, kind=KIND, days=90)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_set_periods(jp_kg, role):
    user = factories.make_user("isa", role)
    with pytest.raises(PermissionDenied):
        services.set_policy(actor=user, kind=KIND, days=90, framework=jp_kg)


def test_administrator_of_another_framework_may_not_set_this_one(jp_kg, jp_uz):
    admin = factories.make_user("uz-agency", Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.set_policy(actor=admin, kind=KIND, days=90, framework=jp_kg)


def test_the_page_sets_a_period(jp_kg):
    client = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    url = reverse("retention:policies")
    response = client.post(url, {"kind": KIND, "framework": "jp-kg", "days": "120"})
    assert response.status_code == 302
    assert services.period_for(KIND, jp_kg.pk) == 120
    assert "120" in client.get(url).content.decode()


def test_auditor_reads_the_page_but_may_not_post(jp_kg):
    client = factories.verified_client(factories.make_user("isa", Role.AUDITOR))
    url = reverse("retention:policies")
    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": KIND, "days": "120"}).status_code == 403
    assert not RetentionPolicy.objects.exists()


def test_officer_may_not_read_the_page(jp_kg):
    client = factories.verified_client(factories.make_user("isa", Role.OFFICER))
    assert client.get(reverse("retention:policies")).status_code == 403


def test_api_sets_and_lists_periods(jp_kg):
    headers = _bearer(factories.make_user("isa", Role.ADMINISTRATOR))
    response = Client().put(
        "/api/v1/retention/periods",
        {"kind": KIND, "framework": "jp-kg", "days": 200},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    rows = {(r["kind"], r["framework"]): r for r in response.json()}
    assert rows[(KIND, "jp-kg")]["days"] == 200
    assert rows[(KIND, "jp-kg")]["source"] == "framework"
    assert rows[(KIND, None)]["source"] == "default"


def test_api_refuses_an_officer(jp_kg):
    headers = _bearer(factories.make_user("isa", Role.OFFICER))
    response = Client().put(
        "/api/v1/retention/periods",
        {"kind": KIND, "days": 200},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403
    assert Client().get("/api/v1/retention/periods", **headers).status_code == 403


def test_api_hides_a_framework_the_user_does_not_take_part_in(jp_kg, jp_uz):
    headers = _bearer(factories.make_user("uz-agency", Role.ADMINISTRATOR))
    response = Client().put(
        "/api/v1/retention/periods",
        {"kind": KIND, "framework": "jp-kg", "days": 200},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404
