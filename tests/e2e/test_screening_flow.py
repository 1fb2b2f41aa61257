"""Automatic screening in a real browser: a Kyrgyz registrar records an application whose
name is a Latin spelling of a reported intermediary; its page shows the hit with the
explanation; the registrar marks it not a match with a note; the hit is gone, the pair is
on the list of known false positives, and saving the application again brings no alert."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from sswbridge.accounts.models import Role
from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_examiner_marks_a_hit_not_a_match_and_it_does_not_alert_again(
    page: Any, sign_in: Any
) -> None:
    factories.make_intermediary(factories.jp_kg())  # ОсОО Ак-Жол Тревел
    registrar = factories.make_user("kg-mlssm", Role.REGISTRAR)
    sign_in(page, registrar)

    page.goto("/registry/sending-organizations/new/")
    page.get_by_label("Name (English)").fill("Ak-Jol Travel LLC")
    page.get_by_label("State registration number").fill("777-OOO")
    page.get_by_role("button", name="Save").click()

    hit = page.get_by_test_id("hit")
    expect(hit).to_contain_text("ОсОО Ак-Жол Тревел")
    expect(hit).to_contain_text("legal form set aside")
    page.get_by_label("Note on the decision").fill("A different company, other founders")
    page.get_by_test_id("decide-not-match").click()
    expect(page.get_by_test_id("hit")).to_have_count(0)
    expect(page.get_by_test_id("no-hits")).to_be_visible()

    page.get_by_role("link", name="Decisions and known false positives").click()
    expect(page.get_by_test_id("decision-not_match")).to_contain_text(
        "A different company, other founders"
    )

    page.go_back()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Names in other languages").fill("ru: ОсОО Ак-Жол Тревел")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("no-hits")).to_be_visible()
    expect(page.get_by_test_id("hit")).to_have_count(0)
