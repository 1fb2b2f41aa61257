"""The intermediary's page, and GET /api/v1/registry/intermediaries/{id}/cases, list the
cases about it or holding a communication that names it, as far as the reader may see them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken
from sswbridge.exchange import services as exchange
from tests.helpers import factories

cases = pytest.importorskip("sswbridge.cases.services")

pytestmark = pytest.mark.django_db


def _page(user, item):
    client = factories.verified_client(user)
    return client.get(
        reverse("intermediaries:intermediary_detail", args=[item.pk])
    ).content.decode()


def _api(user, item):
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.get(f"/api/v1/registry/intermediaries/{item.pk}/cases")
    return response.status_code, [case["title"] for case in response.json().get("items", [])]


def test_a_case_about_the_intermediary_is_listed(kg_cp, jp_kg, ak_jol):
    cases.open_case(
        actor=kg_cp,
        framework=jp_kg,
        title="Deposits taken by Ak-Jol",
        subject_type="intermediary",
        intermediary=ak_jol,
    )
    assert "Deposits taken by Ak-Jol" in _page(kg_cp, ak_jol)
    assert _api(kg_cp, ak_jol) == (200, ["Deposits taken by Ak-Jol"])


def test_a_case_holding_a_share_that_names_it_is_listed(kg_cp, jp_kg, ak_jol):
    share = exchange.send_new(
        actor=kg_cp,
        framework=jp_kg,
        kind="general_notice",
        subject="Notice",
        intermediary_ids=[ak_jol.pk],
    )
    case = cases.open_case(
        actor=kg_cp, framework=jp_kg, title="Fees without basis", subject_type="other"
    )
    cases.link_communication(actor=kg_cp, case=case, communication=share)
    assert "Fees without basis" in _page(kg_cp, ak_jol)
    assert _api(kg_cp, ak_jol) == (200, ["Fees without basis"])


def test_a_case_of_the_other_side_is_not_listed(kg_cp, jp_cp, jp_kg, ak_jol):
    cases.open_case(
        actor=kg_cp,
        framework=jp_kg,
        title="Kyrgyz side only",
        subject_type="intermediary",
        intermediary=ak_jol,
        marking="side",
    )
    assert "Kyrgyz side only" not in _page(jp_cp, ak_jol)
    assert _api(jp_cp, ak_jol) == (200, [])
    assert _api(kg_cp, ak_jol) == (200, ["Kyrgyz side only"])


def test_a_user_of_another_framework_gets_404_from_the_api(kg_cp, jp_kg, jp_uz, ak_jol):
    from sswbridge.accounts.models import Role

    cases.open_case(
        actor=kg_cp,
        framework=jp_kg,
        title="Both sides",
        subject_type="intermediary",
        intermediary=ak_jol,
        marking="both",
    )
    status, _titles = _api(factories.make_user("uz-agency", Role.CONTACT_POINT), ak_jol)
    assert status == 404
