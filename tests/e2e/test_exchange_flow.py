"""The exchange's whole flow in a real browser (headless Debian Chromium):

A Kyrgyz contact point shares information on an intermediary, with acts b) and e) and a PDF
attached, through the compose page. The Japanese contact point is told: a mail arrives at the
test's SMTP server and the inbox shows a badge. The Japanese contact point opens the share
and acknowledges it. The sender sees the times of delivery, opening and acknowledgement.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from sswbridge.accounts.models import Role
from sswbridge.core import jobs
from sswbridge.exchange.models import Communication
from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
SUBJECT = "Kara-Zhol Recruiting takes penalty contracts and unexplained fees"
TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def _new_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    return context.new_page()


def _compose_share(page: Any) -> None:
    page.goto("/exchange/compose/?kind=intermediary_share")
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Text").fill(
        "<p>Workers report <strong>penalty contracts</strong> and fees without basis.</p>"
        "<script>document.title = 'hacked'</script>"
    )
    page.locator('input[name="p_acts"][value="penalty_contract"]').check()  # b)
    page.locator('input[name="p_acts"][value="unexplained_fees"]').check()  # e)
    mentions = page.get_by_test_id("intermediaries")  # a new intermediary, named in Latin
    mentions.get_by_label("Name:", exact=True).fill("Kara-Zhol Recruiting LLC")
    mentions.get_by_label("Script:", exact=True).select_option("Latn")
    mentions.get_by_label("Kind:", exact=True).select_option("corporation")
    mentions.get_by_label("Country:", exact=True).fill("KG")
    page.locator('input[name="attachments"]').set_input_files(
        files=[{"name": "worker-statements.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url(re.compile(r"/exchange/[0-9a-f-]{36}/$"))


def test_a_share_reaches_japan_is_acknowledged_and_the_sender_sees_the_receipts(
    page: Any,
    browser: Any,
    live_server: Any,
    sign_in: Any,
    smtp_server: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")
    jp_cp = factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")

    # The Kyrgyz contact point shares, with acts b) and e), an intermediary and a PDF.
    sign_in(page, kg_cp)
    _compose_share(page)
    share = Communication.objects.get(subject=SUBJECT)
    assert share.payload["acts"] == ["penalty_contract", "unexplained_fees"]
    [attachment] = share.attachments.all()
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    expect(page.get_by_test_id("attachments")).to_contain_text(attachment.sha256)
    expect(page.get_by_test_id("intermediaries")).to_contain_text("Kara-Zhol Recruiting LLC")

    # The Japanese contact point is told by mail (through SMTP) ...
    jobs.run_due_jobs(100)
    [mail] = [m for m in smtp_server.messages if "A communication arrived" in m["Subject"]]
    assert mail["To"] == "jp_cp@example.test"
    assert f"/exchange/{share.pk}/" in mail.get_payload()

    # ... and by a badge on the inbox.
    japan = _new_page(browser, live_server)
    sign_in(japan, jp_cp)
    expect(japan.get_by_test_id("unread-badge")).to_have_text("1")
    japan.get_by_test_id("nav-inbox").click()
    japan.get_by_role("link", name=SUBJECT).click()
    expect(japan.get_by_test_id("body")).to_contain_text("penalty contracts")
    assert japan.title() != "hacked"
    expect(japan.get_by_test_id("attachments")).to_contain_text("worker-statements.pdf")
    expect(japan.get_by_test_id("opened-at")).to_contain_text("jp_cp")

    # The Japanese contact point acknowledges.
    japan.get_by_test_id("acknowledge").click()
    expect(japan.get_by_test_id("acknowledged-at")).to_contain_text("jp_cp")
    expect(japan.get_by_test_id("unread-badge")).to_have_count(0)

    # The sender sees delivery, opening and acknowledgement, with their times.
    page.reload()
    share.refresh_from_db()
    for testid, at in (
        ("delivered-at", share.delivered_at),
        ("opened-at", share.first_opened_at),
        ("acknowledged-at", share.acknowledged_at),
    ):
        shown = page.get_by_test_id(testid).inner_text().strip()
        assert TIME.match(shown), (testid, shown)
        assert at is not None
    page.goto("/exchange/outbox/")
    row = page.get_by_test_id("communications").locator("tr", has_text=SUBJECT)
    cells = [row.locator("td").nth(n).inner_text().strip() for n in (4, 5, 6)]
    assert all(MINUTE.match(cell) for cell in cells), cells  # delivered, opened, acknowledged
    japan.context.close()
