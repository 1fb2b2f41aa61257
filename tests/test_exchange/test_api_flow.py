"""The Done-when flows through /api/v1 alone: a Kyrgyz share with acts b) and e), a new
intermediary and a PDF reaches the Japanese contact point (mail through SMTP, unread in the
inbox), is opened and acknowledged, and the sender reads the receipt times; an inquiry left
past its due date lists as overdue and its reminder mail is sent exactly once."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sswbridge.core import jobs
from sswbridge.exchange import notify
from sswbridge.exchange.models import Communication
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def test_a_share_with_an_intermediary_and_a_pdf_is_told_opened_and_acknowledged(
    kg_cp, jp_cp, smtp_server
):
    kg, jp = Api(kg_cp), Api(jp_cp)
    draft = kg.post(
        "/communications",
        {
            "framework": "jp-kg",
            "kind": "intermediary_share",
            "subject": "Kara-Zhol Recruiting",
            "body": "<p>Penalty contracts and fees without a basis.</p>",
            "payload": {"acts": ["penalty_contract", "unexplained_fees"]},
            "send": False,
            "new_intermediaries": [
                {
                    "kind": "corporation",
                    "country": "KG",
                    "names": [{"value": "Kara-Zhol Recruiting LLC", "script": "Latn"}],
                }
            ],
        },
    ).json()
    cid = draft["id"]
    attached = kg.client.post(
        f"/api/v1/exchange/communications/{cid}/attachments",
        {"files": [SimpleUploadedFile("statements.pdf", PDF, content_type="application/pdf")]},
    )
    assert attached.status_code == 201
    sent = kg.post(f"/communications/{cid}/send").json()
    assert (sent["status"], sent["payload"]["acts"]) == (
        "sent",
        ["penalty_contract", "unexplained_fees"],
    )

    jobs.run_due_jobs(100)
    [mail] = smtp_server.messages
    assert (mail["To"], f"/exchange/{cid}/" in mail.get_payload()) == ("jp_cp@example.test", True)
    unread = jp.get("/inbox", folder="unread").json()
    assert [item["id"] for item in unread["items"]] == [cid]
    assert jp.get("/notifications", unread="true").json()["unread"] == 1

    opened = jp.get(f"/communications/{cid}").json()
    assert [i["names"][0]["value"] for i in opened["intermediaries"]] == [
        "Kara-Zhol Recruiting LLC"
    ]
    [pdf] = jp.get(f"/communications/{cid}/attachments").json()
    assert pdf["sha256"] == hashlib.sha256(PDF).hexdigest()
    jp.post(f"/communications/{cid}/acknowledge")

    [seen] = kg.get("/outbox").json()["items"]
    share = Communication.objects.get(pk=cid)
    delivered = dt.datetime.fromisoformat(seen["delivered_at"].replace("Z", "+00:00"))
    assert abs(delivered - share.delivered_at) < dt.timedelta(milliseconds=1)
    assert (seen["first_opened_by"], seen["acknowledged_by"]) == ("jp_cp", "jp_cp")
    assert None not in (seen["first_opened_at"], seen["acknowledged_at"])


def test_an_overdue_inquiry_lists_as_overdue_and_is_reminded_once(kg_cp, jp_cp, smtp_server):
    kg, jp = Api(kg_cp), Api(jp_cp)
    cid = kg.post(
        "/communications",
        {"framework": "jp-kg", "kind": "inquiry", "subject": "Where is A. Osmonov?"},
    ).json()["id"]
    Communication.objects.filter(pk=cid).update(
        due_date=timezone.localdate() - dt.timedelta(days=2)
    )
    jobs.run_due_jobs(100)
    smtp_server.messages.clear()
    for _sweep in range(2):
        jobs.enqueue(notify.SWEEP_JOB, {})
        jobs.run_due_jobs(100)
    [item] = jp.get("/inbox", folder="overdue").json()["items"]
    assert (item["id"], item["overdue"]) == (cid, True)
    assert [m["Subject"] for m in smtp_server.messages] == [
        "[SSW Bridge] An answer is overdue: Inquiry"
    ]
