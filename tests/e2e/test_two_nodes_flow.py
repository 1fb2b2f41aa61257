"""Two real nodes in a real browser (headless Debian Chromium).

Japan's node is this test process (its pages and federation endpoint on the live server), the
Kyrgyz node a real `sswbridge serve` process with its own database and key. A Japanese officer
signs in on Japan's node and shares information on an intermediary, with a PDF attached and
the informant withheld, and sends an inquiry about it. The Kyrgyz contact point, signed in on
the Kyrgyz node, sees both arrive, opens the share (the informant shown as withheld, the file
there), acknowledges it, and answers the inquiry. On Japan's node the officer sees the signed
receipts of the other node: delivered, opened, acknowledged, answered.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from sswbridge.accounts.models import Role
from sswbridge.core import nodekey
from sswbridge.exchange.models import Communication
from sswbridge.federation import delivery
from sswbridge.federation import services as federation
from sswbridge.frameworks.models import Side
from tests.e2e.conftest import CHROMIUM
from tests.helpers import factories
from tests.helpers.browser import sign_in_with_password
from tests.helpers.nodes import kyrgyz_node, serving

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
SHARE = "Ala-Too Recruiting keeps workers' passports"
INQUIRY = "Is Ala-Too Recruiting licensed?"
INFORMANT = "Nurlan, cousin of a worker, +996 555 010 203"
PASSWORD = "kyrgyz contact point password 42"
TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
SIGNED = "signed receipt of the other node"


def _until(check: Callable[[], Any], timeout: float = 60) -> None:
    """Until `check` holds; on SQLite a read that meets the live server's thread writing the
    shared in-memory database ("table is locked") is asked again."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except OperationalError as error:
            if "locked" not in str(error):
                raise
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def _compose(page: Any, kind: str, subject: str) -> None:
    page.goto(f"/exchange/compose/?kind={kind}")
    page.get_by_label("Subject").fill(subject)
    page.get_by_label("Text").fill("<p>Workers placed in Chiba report it.</p>")
    if kind == "intermediary_share":
        page.locator('input[name="p_acts"][value="human_rights"]').check()
        page.locator('textarea[name="p_informant"], input[name="p_informant"]').fill(INFORMANT)
        page.locator('input[name="withheld_fields"][value="informant"]').check()
        page.locator('input[name="attachments"]').set_input_files(
            files=[{"name": "statements.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url(re.compile(r"/exchange/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("delivery-queued")).to_be_visible()


def _enrol(page: Any, totp_now: Any) -> None:
    """The Kyrgyz contact point's first sign-in on its node: password, then a TOTP device."""
    sign_in_with_password(page, "aibek", PASSWORD)
    page.wait_for_url("**/accounts/enrol/")
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Six-digit code from your authenticator app").fill(totp_now(secret))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/recovery-codes/")
    page.get_by_role("link", name="I have saved my codes — continue").click()
    page.wait_for_url("**/home/")


def test_a_share_crosses_to_the_kyrgyz_node_and_its_signed_receipts_come_back(
    page: Any,
    browser: Any,
    live_server: Any,
    sign_in: Any,
    totp_now: Any,
    settings: Any,
    tmp_path: Any,
    jp_kg: Any,
) -> None:
    assert CHROMIUM.exists()
    settings.HOSTED_SIDES = [("", "jp")]
    settings.MEDIA_ROOT = tmp_path / "media"
    node = kyrgyz_node(tmp_path / "kg-node", live_server.url, nodekey.current().public.raw_base64)
    node.command(
        "createuser", "--agency", "kg-ceca", "--role", Role.CONTACT_POINT,
        "--email", "aibek@example.kg", "--username", "aibek", "--password", PASSWORD,
    )  # fmt: skip
    kg_key = nodekey.load(node.folder / "node_key.pem").public
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="KG"),
        base_url=node.url,
        public_key=kg_key.raw_base64,
    )
    officer = factories.make_user("isa", Role.OFFICER, username="jp_officer")

    with serving(node):
        # Japan's officer shares and asks, on Japan's node: queued until the peer's receipt.
        sign_in(page, officer)
        _compose(page, "intermediary_share", SHARE)
        share_url = page.url
        _compose(page, "inquiry", INQUIRY)
        inquiry_url = page.url
        share = Communication.objects.get(subject=SHARE)
        inquiry = Communication.objects.get(subject=INQUIRY)
        assert share.withheld_fields == ["informant"]
        assert delivery.deliver_all().delivered == 2

        # The Kyrgyz contact point, on the Kyrgyz node, sees both arrive.
        context = browser.new_context(base_url=node.url, locale="en-US")
        context.set_default_timeout(15_000)
        kyrgyz = context.new_page()
        _enrol(kyrgyz, totp_now)
        expect(kyrgyz.get_by_test_id("unread-badge")).to_have_text("2")
        kyrgyz.get_by_test_id("nav-inbox").click()
        kyrgyz.get_by_role("link", name=SHARE).click()
        expect(kyrgyz.get_by_test_id("body")).to_contain_text("Workers placed in Chiba")
        expect(kyrgyz.get_by_test_id("withheld")).to_have_count(1)
        expect(kyrgyz.get_by_test_id("attachments")).to_contain_text("statements.pdf")
        expect(kyrgyz.get_by_test_id("attachments")).to_contain_text(
            hashlib.sha256(PDF).hexdigest()
        )
        assert INFORMANT not in kyrgyz.content()
        kyrgyz.get_by_test_id("acknowledge").click()
        expect(kyrgyz.get_by_test_id("acknowledged-at")).to_contain_text("aibek")

        kyrgyz.get_by_test_id("nav-inbox").click()
        kyrgyz.get_by_role("link", name=INQUIRY).click()
        kyrgyz.get_by_role("link", name="Answer").click()
        kyrgyz.get_by_label("Text").fill("<p>Its licence was revoked in March.</p>")
        kyrgyz.get_by_role("button", name="Send", exact=True).click()
        kyrgyz.wait_for_url(re.compile(r"/exchange/[0-9a-f-]{36}/$"))
        context.close()

        # Back on Japan's node: the receipts, signed by the Kyrgyz node, and the answer.
        def arrived() -> bool:
            share.refresh_from_db()
            inquiry.refresh_from_db()
            return bool(
                share.acknowledged_at
                and inquiry.answered_at
                and Communication.objects.filter(in_reply_to=inquiry).exists()
            )

        _until(arrived)
        page.goto(share_url)
        expect(page.get_by_test_id("delivery-queued")).to_have_count(0)
        assert TIME.match(page.get_by_test_id("delivered-at").inner_text().strip())
        for testid in ("opened-at", "acknowledged-at"):
            expect(page.get_by_test_id(testid)).to_contain_text(SIGNED)
            assert TIME.match(page.get_by_test_id(testid).inner_text().strip())
        page.goto(inquiry_url)
        assert TIME.match(page.get_by_test_id("delivered-at").inner_text().strip())
        assert TIME.match(page.get_by_test_id("answered-at").inner_text().strip())
        expect(page.get_by_test_id("opened-at")).to_contain_text(SIGNED)

        # The informant never left Japan's node.
        dump = json.dumps(node.query("SELECT * FROM exchange_communication"), default=str)
        dump += json.dumps(node.query("SELECT * FROM federation_envelope"), default=str)
        assert "Nurlan" not in dump and SHARE in dump
