"""Clause 3's consent flow in a real browser (headless Debian Chromium):

A Japanese officer asks the Kyrgyz contact point for written consent to pass the subject and
the acts of a Kyrgyz share (not its text, not the names) to a prosecutor. The Kyrgyz contact
point grants it with conditions and an expiry date and downloads the consent as a PDF. The
officer makes the export package: it holds exactly the consented fields, every page is
watermarked, the manifest's hashes are right, and the ledger shows the disclosure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from sswbridge.accounts.models import Role
from sswbridge.disclosure.models import Disclosure, DisclosureRequest
from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBJECT = "Ак-Жол: жумушчулардын паспорттору ңөү / 旅券の預かり"
SECRET_TEXT = "Informant Асанов Үмүт, 山田花子, SECRET-TEXT-4410"
SECRET_NAMES = "ОсОО Кара-Жол Тревел"
PROSECUTOR = "Tokyo District Public Prosecutors Office 東京地方検察庁"


def _new_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="en-US", accept_downloads=True)
    context.set_default_timeout(30_000)
    return context.new_page()


def _text(pdf: bytes) -> list[str]:
    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _squash(text: str) -> str:
    return "".join(text.split())


def test_request_grant_export_and_ledger(
    page: Any, browser: Any, live_server: Any, sign_in: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")
    jp_officer = factories.make_user("isa", Role.OFFICER, username="jp_officer")
    share = factories.make_communication(
        sender=kg_cp,
        kind="intermediary_share",
        subject=SUBJECT,
        body=f"<p>{SECRET_TEXT}</p>",
        payload={"intermediary_names": SECRET_NAMES, "acts": ["money_or_property"]},
    )

    # The Japanese officer asks for consent: subject and acts only.
    sign_in(page, jp_officer)
    page.goto(f"/exchange/{share.pk}/")
    page.get_by_test_id("request-disclosure").click()
    page.wait_for_url(re.compile(r"/disclosure/new/\?communication="))
    page.get_by_label("Third party:", exact=True).select_option("prosecutor")
    page.get_by_label("Name of the third party").fill(PROSECUTOR)
    page.get_by_label("Purpose:", exact=True).fill("Criminal investigation of the intermediary")
    page.get_by_test_id(f"pick-{share.pk}-subject").check()
    page.get_by_test_id(f"pick-{share.pk}-payload.acts").check()
    page.get_by_test_id("send-disclosure-request").click()
    page.wait_for_url(re.compile(r"/disclosure/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("disclosure-status")).to_contain_text("Awaiting")
    expect(page.get_by_test_id("export-package")).to_have_count(0)
    request = DisclosureRequest.objects.get()
    assert request.communication.delivered_at is not None

    # The Kyrgyz contact point grants it, with conditions and an expiry date.
    kg_page = _new_page(browser, live_server)
    sign_in(kg_page, kg_cp)
    kg_page.goto(f"/exchange/{request.communication_id}/")  # the request in the inbox
    kg_page.get_by_test_id("disclosure-request-link").click()
    kg_page.wait_for_url(re.compile(rf"/disclosure/{request.pk}/$"))
    until = timezone.localdate() + dt.timedelta(days=60)
    kg_page.get_by_label("Consent valid until").fill(until.isoformat())
    conditions = kg_page.get_by_label("Conditions:", exact=True)
    conditions.fill("Only for this investigation; no onward disclosure.")
    kg_page.get_by_test_id("grant-consent").click()
    expect(kg_page.get_by_test_id("disclosure-status")).to_contain_text("Granted")
    reference = kg_page.get_by_test_id("consent-reference").inner_text().strip()
    with kg_page.expect_download() as consent:
        kg_page.get_by_test_id("consent-pdf").click()
    consent_text = "".join(_text(Path(consent.value.path()).read_bytes()))
    assert _squash(reference) in consent_text and _squash(PROSECUTOR) in consent_text
    assert until.isoformat() in consent_text

    # The officer makes the export package.
    page.reload()
    with page.expect_download() as download:
        page.get_by_test_id("export-package").click()
    data = Path(download.value.path()).read_bytes()
    files = {
        n: zipfile.ZipFile(io.BytesIO(data)).read(n)
        for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
    }
    manifest = json.loads(files.pop("manifest.json"))
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == {
        name: hashlib.sha256(body).hexdigest() for name, body in files.items()
    }
    pages = _text(files["disclosure.pdf"])
    assert all(_squash(reference) in p and _squash("東京地方検察庁") in p for p in pages)
    text = "".join(pages)
    assert _squash(SUBJECT) in text
    for absent in (SECRET_TEXT, SECRET_NAMES, "SECRET-TEXT-4410"):
        assert _squash(absent) not in text
        assert absent.encode() not in data

    # The ledger entry, seen by both sides.
    disclosure = Disclosure.objects.get()
    assert disclosure.package_sha256 == hashlib.sha256(data).hexdigest()
    for p in (page, kg_page):
        p.goto("/disclosure/ledger/")
        ledger = p.get_by_test_id("ledger")
        expect(ledger).to_contain_text(reference)
        expect(ledger).to_contain_text(disclosure.package_sha256)
        expect(ledger).to_contain_text("東京地方検察庁")
    kg_page.context.close()
