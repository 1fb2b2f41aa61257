"""The Content Security Policy in a real browser: an injected inline script does not run, and
the pages themselves (including the API's documentation) trigger no refusal."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _context(browser: Any, live_server: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return context, page, refused


def test_an_injected_inline_script_is_refused(browser, live_server):
    context, page, refused = _context(browser, live_server)
    try:
        page.goto("/accounts/login/")
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
        )
        assert page.evaluate("() => window.injected === undefined")
        page.wait_for_timeout(200)
        assert refused, "the browser reported no refusal"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/portal/kg/", "/api/v1/docs"])
def test_pages_load_without_refusals(browser, live_server, path):
    context, page, refused = _context(browser, live_server)
    try:
        assert page.goto(path).status == 200
        page.wait_for_load_state("networkidle")
        assert refused == []
    finally:
        context.close()
