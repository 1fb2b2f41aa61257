"""Browser fixtures: Debian's headless Chromium driven by Playwright, against `live_server`.

Reusable by every browser test:
  browser      one Chromium for the session, so one per pytest-xdist worker (skipped when
               /usr/bin/chromium is missing)
  page         a fresh browser context (no cookies) and page per test; fails the test when
               the Content Security Policy refused anything on it
  sign_in      sign_in(page, user) signs a user with a confirmed TOTP device in through the UI
  totp_now     totp_now(device_or_b32_secret) -> the six-digit code an authenticator shows now

Tests using them need `@pytest.mark.e2e` and
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`: the live server runs in
another thread, and serialized rollback restores the reference data that the flush removes.
"""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.browser import sign_in_with_password

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _serialized_contents() -> dict[str, str]:
    from django.db import connections

    return {
        conn.alias: conn._test_serialized_contents
        for conn in connections.all()
        if hasattr(conn, "_test_serialized_contents")
    }


@pytest.fixture(scope="session")
def browser(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    saved = _serialized_contents()
    with sync_playwright() as playwright:
        # Once Playwright's event loop runs, Django's connection handler hands this thread new
        # connection objects. They lack the copy of the reference data that the test database
        # took at creation, which serialized rollback restores after each flush: pass it on.
        for alias, contents in saved.items():
            connections[alias]._test_serialized_contents = contents  # type: ignore[attr-defined]
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Whatever the Content Security Policy refuses (inline script or style, another origin)
    # is reported on the console: any such report fails the test.
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert refused == [], f"the Content Security Policy refused: {refused}"


def _totp_now(device_or_secret: Any) -> str:
    from django_otp.oath import TOTP

    if isinstance(device_or_secret, str):
        key, step, t0, digits, drift = base64.b32decode(device_or_secret), 30, 0, 6, 0
    else:
        device = device_or_secret
        device.refresh_from_db()
        key, step, t0, digits, drift = (
            device.bin_key,
            device.step,
            device.t0,
            device.digits,
            device.drift,
        )
    totp = TOTP(key, step, t0, digits, drift)
    totp.time = time.time()
    return f"{totp.token():0{digits}d}"


@pytest.fixture
def totp_now() -> Callable[[Any], str]:
    return _totp_now


@pytest.fixture
def sign_in() -> Callable[..., None]:
    """sign_in(page, user, password=PASSWORD): both factors in the UI, ends on the dashboard."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.helpers import factories

    def _sign_in(page: Any, user: Any, password: str = factories.PASSWORD) -> None:
        sign_in_with_password(page, user.username, password)
        page.wait_for_url("**/accounts/login/verify/")
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        page.get_by_label("Code from your authenticator app, or a recovery code").fill(
            _totp_now(device)
        )
        page.get_by_role("button", name="Verify").click()
        page.wait_for_url("**/home/")

    return _sign_in
