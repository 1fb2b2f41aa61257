"""Redaction, the read log and retraction in a real browser (headless Debian Chromium):

The Kyrgyz contact point shares information on an intermediary, withholding the informant.
The Japanese contact point sees "withheld by the originator" (the informant's name is nowhere
in the page's HTML) and asks for it; the Kyrgyz contact point sees who of Japan read the
share, and releases the field; Japan then sees it. Finally Kyrgyzstan retracts the share and
Japan sees only that it was retracted.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from sswbridge.accounts.models import Role
from sswbridge.exchange.models import Communication
from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBJECT = "Tash-Kul Recruiting keeps the workers' passports"
INFORMANT = "Aigerim Sadykova, sister of a worker"


def _new_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    return context.new_page()


def test_a_withheld_field_is_asked_for_released_and_the_share_retracted(
    page: Any, browser: Any, live_server: Any, sign_in: Any
) -> None:
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")
    jp_cp = factories.make_user(
        "isa", Role.CONTACT_POINT, username="jp_cp", first_name="Kenji", last_name="Mori"
    )

    # Kyrgyzstan shares, withholding the informant.
    sign_in(page, kg_cp)
    page.goto("/exchange/compose/?kind=intermediary_share")
    page.get_by_label("Subject").fill(SUBJECT)
    page.locator('input[name="p_acts"][value="human_rights"]').check()
    page.locator('textarea[name="p_informant"], input[name="p_informant"]').fill(INFORMANT)
    page.locator('input[name="withheld_fields"][value="informant"]').check()
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url(re.compile(r"/exchange/[0-9a-f-]{36}/$"))
    share = Communication.objects.get(subject=SUBJECT)
    assert share.withheld_fields == ["informant"]
    expect(page.get_by_test_id("payload")).to_contain_text(INFORMANT)

    # Japan sees that it is withheld, and not what it is; it asks for it.
    japan = _new_page(browser, live_server)
    sign_in(japan, jp_cp)
    japan.goto(f"/exchange/{share.pk}/")
    expect(japan.get_by_test_id("withheld")).to_have_count(1)
    assert INFORMANT not in japan.content()
    japan.get_by_label("Why do you need it?").fill("The police must hear the informant.")
    japan.get_by_role("button", name="Ask for it").click()
    expect(japan.get_by_test_id("release-requests")).to_contain_text("Pending")

    # Kyrgyzstan sees who of Japan read it, and releases.
    page.reload()
    expect(page.get_by_test_id("reads")).to_contain_text("Kenji Mori")
    page.get_by_test_id("release").click()
    expect(page.get_by_test_id("release-requests")).to_contain_text("Released")

    japan.reload()
    expect(japan.get_by_test_id("payload")).to_contain_text(INFORMANT)

    # Kyrgyzstan retracts; Japan sees only that it was retracted.
    page.get_by_test_id("retract").click()
    page.get_by_label("Why is it retracted?").fill("Sent to the wrong framework.")
    page.get_by_test_id("confirm-retract").click()
    expect(page.get_by_test_id("retracted")).to_contain_text("Sent to the wrong framework.")
    japan.reload()
    expect(japan.get_by_test_id("retracted")).to_contain_text("Retracted on")
    html = japan.content()
    assert SUBJECT not in html and INFORMANT not in html
    japan.context.close()
