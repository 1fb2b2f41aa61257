"""The intermediary's page lists the cases about it or holding a communication that names it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.exchange import services as exchange
from tests import factories

cases = pytest.importorskip("sswbridge.cases.services")

pytestmark = pytest.mark.django_db


def _page(user, item):
    client = factories.verified_client(user)
    return client.get(reverse("registry:intermediary_detail", args=[item.pk])).content.decode()


def test_a_case_about_the_intermediary_is_listed(kg_cp, jp_kg, ak_jol):
    cases.open_case(
        actor=kg_cp,
        framework=jp_kg,
        title="Deposits taken by Ak-Jol",
        subject_type="intermediary",
        intermediary=ak_jol,
    )
    assert "Deposits taken by Ak-Jol" in _page(kg_cp, ak_jol)


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
