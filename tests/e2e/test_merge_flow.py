"""Entity resolution in a real browser: a registrar sees two records of the same
intermediary (Cyrillic and Latin) suggested as duplicates, merges them after a confirmation
page, sees the merged record point to the one kept, and undoes the merge."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from sswbridge.accounts.models import Role
from sswbridge.intermediaries.models import Intermediary
from sswbridge.intermediaries.services import intermediaries as services
from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _report(actor: Any, name: str, script: str) -> Intermediary:
    return services.create_intermediary(
        actor=actor,
        framework=factories.jp_kg(),
        kind="corporation",
        country="KG",
        names=[{"value": name, "script": script, "language": ""}],
    )


def test_registrar_merges_two_records_and_undoes_the_merge(page: Any, sign_in: Any) -> None:
    registrar = factories.make_user("kg-ceca", Role.REGISTRAR)
    kept = _report(registrar, "ОсОО Ак-Жол Тревел", "Cyrl")
    duplicate = _report(registrar, "Ak Zhol Travel LLC", "Latn")
    sign_in(page, registrar)

    page.goto("/registry/intermediaries/duplicates/")
    row = page.get_by_test_id("duplicate")
    expect(row).to_contain_text("Ak Zhol Travel LLC")
    expect(row).to_contain_text("legal form set aside")
    row.get_by_role("link", name="Merge").click()
    expect(page.get_by_test_id("merge-source")).to_contain_text("Ak Zhol Travel LLC")
    page.get_by_label("Reason").fill("The same agency, reported twice")
    page.get_by_test_id("confirm-merge").click()

    expect(page).to_have_url(f"/registry/intermediaries/{kept.pk}/")
    expect(page.get_by_test_id("names")).to_contain_text("Ak Zhol Travel LLC")
    page.goto(f"/registry/intermediaries/{duplicate.pk}/")
    expect(page.get_by_test_id("merged-into")).to_contain_text("ОсОО Ак-Жол Тревел")
    page.get_by_test_id("merge-history").get_by_role("link").click()
    expect(page.get_by_test_id("merge-status")).to_have_text("In effect")

    page.get_by_test_id("undo-merge").click()
    page.get_by_label("Reason").fill("Two agencies after all")
    page.get_by_test_id("confirm-undo").click()
    expect(page).to_have_url(f"/registry/intermediaries/{duplicate.pk}/")
    expect(page.get_by_test_id("names")).to_contain_text("Ak Zhol Travel LLC")
    expect(page.get_by_test_id("merged-into")).to_have_count(0)
    page.get_by_test_id("merge-history").get_by_role("link").click()
    expect(page.get_by_test_id("merge-status")).to_have_text("Undone")
