"""Switching the interface language in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _switch(page: Any, language_code: str) -> None:
    page.locator("#language-select").select_option(language_code)
    page.locator("form.lang-switch button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("code", "sign_out"),
    [("ja", "ログアウト"), ("ru", "Выйти"), ("ky", "Чыгуу")],
)
def test_signed_in_officer_switches_language_and_the_page_follows(
    page: Any, sign_in: Any, code: str, sign_out: str
) -> None:
    sign_in(page, factories.make_user("isa"))
    _switch(page, code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("button", name=sign_out)).to_be_visible()
    page.goto("/frameworks/")
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_public_visitor_switches_to_japanese_and_back_to_english(page: Any) -> None:
    page.goto("/")
    _switch(page, "ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("link", name="ログイン", exact=False).first).to_be_visible()
    _switch(page, "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Staff sign-in")).to_be_visible()
