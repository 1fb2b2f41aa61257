"""Sign-in with two factors in a real browser (headless Debian Chromium)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import factories
from tests.helpers.browser import sign_in_with_password

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_new_user_enrols_by_qr_code_sees_recovery_codes_and_reaches_the_dashboard(
    page: Any, totp_now: Any, settings: Any
) -> None:
    user = factories.make_user("kg-ceca", enrolled=False)

    sign_in_with_password(page, user.email, factories.PASSWORD)
    page.wait_for_url("**/accounts/enrol/")
    expect(page.locator("figure.qr svg")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Six-digit code from your authenticator app").fill(totp_now(secret))
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/accounts/recovery-codes/")
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(
        settings.RECOVERY_CODE_COUNT
    )
    page.get_by_role("link", name="I have saved my codes — continue").click()
    page.wait_for_url("**/home/")
    expect(page.get_by_test_id("current-user")).to_have_text(user.username)


def test_enrolled_user_signs_in_with_password_and_code(page: Any, sign_in: Any) -> None:
    user = factories.make_user("isa")
    sign_in(page, user)
    expect(page.get_by_test_id("current-user")).to_have_text(user.username)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_wrong_password_shows_an_error_and_stays_signed_out(page: Any) -> None:
    user = factories.make_user("isa")
    sign_in_with_password(page, user.username, "not the password at all")
    expect(page.get_by_role("alert")).to_contain_text("The username or password is not correct.")
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_sign_out_returns_to_the_public_page(page: Any, sign_in: Any) -> None:
    user = factories.make_user("isa")
    sign_in(page, user)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    page.goto("/home/")
    page.wait_for_url("**/accounts/login/**")
