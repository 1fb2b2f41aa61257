"""The lists of the inbox and outbox (issue 3, point 4): unread, awaiting my acknowledgement,
awaiting my answer, awaiting theirs, overdue — each side its own, in the UI and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import ApiToken
from sswbridge.exchange import receipts
from tests.helpers import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def four(kg_cp: Any, jp_cp: Any) -> dict[str, Any]:
    """Kyrgyz → Japan: a notice nobody opened; a notice opened but not acknowledged; an
    acknowledged inquiry awaiting its answer; an overdue inquiry; an answered inquiry."""
    make = factories.make_communication
    unread = make(sender=kg_cp, subject="F-unread")
    opened = make(sender=kg_cp, subject="F-opened")
    receipts.mark_opened(actor=jp_cp, communication=opened)
    waiting = make(sender=kg_cp, kind="inquiry", subject="F-waiting")
    receipts.acknowledge(actor=jp_cp, communication=waiting)
    late = make(sender=kg_cp, kind="inquiry", subject="F-late", due_date=dt.date(2024, 1, 5))
    receipts.acknowledge(actor=jp_cp, communication=late)
    done = make(sender=kg_cp, kind="inquiry", subject="F-done")
    receipts.acknowledge(actor=jp_cp, communication=done)
    receipts.answer(
        actor=jp_cp, communication=done, kind="inquiry_answer", subject="F-answer", body=""
    )
    return {"unread": unread, "opened": opened, "waiting": waiting, "late": late, "done": done}


EXPECTED = {
    "all": {"F-unread", "F-opened", "F-waiting", "F-late", "F-done"},
    "unread": {"F-unread"},
    "awaiting_ack": {"F-unread", "F-opened"},
    "awaiting_answer": {"F-waiting", "F-late"},
    "overdue": {"F-late"},
}


def _api(user: Any) -> Client:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _subjects(items: list[dict[str, Any]]) -> set[str]:
    return {i["subject"] for i in items if i["subject"].startswith("F-")}


@pytest.mark.parametrize("folder", list(EXPECTED))
def test_the_recipients_inbox_lists(four, jp_cp, folder):
    items = _api(jp_cp).get("/api/v1/exchange/inbox", {"folder": folder}).json()["items"]
    assert _subjects(items) == EXPECTED[folder]
    page = factories.verified_client(jp_cp).get("/exchange/inbox/", {"folder": folder})
    body = page.content.decode()
    assert {s for s in EXPECTED["all"] if f">{s}<" in body} == EXPECTED[folder]


@pytest.mark.parametrize("folder", list(EXPECTED))
def test_the_senders_outbox_lists_what_awaits_the_other_side(four, kg_cp, folder):
    items = _api(kg_cp).get("/api/v1/exchange/outbox", {"folder": folder}).json()["items"]
    assert _subjects(items) == EXPECTED[folder]


def test_each_side_has_its_own_boxes(four, kg_cp, jp_cp):
    """What Kyrgyz sent is not in the Kyrgyz inbox; only Japan's answer travels back."""
    assert _subjects(_api(kg_cp).get("/api/v1/exchange/inbox").json()["items"]) == {"F-answer"}
    outbox = _api(jp_cp).get("/api/v1/exchange/outbox").json()["items"]
    assert _subjects(outbox) == {"F-answer"}


def test_an_unknown_folder_is_a_400_not_a_500(jp_cp):
    response = _api(jp_cp).get("/api/v1/exchange/inbox", {"folder": "everything"})
    assert response.status_code in (400, 422)
    assert "code" in response.json()


def test_the_inbox_page_filters_by_kind_date_and_text(four, jp_cp, kg_cp):
    broker = factories.make_intermediary(
        four["unread"].framework, names=[("Tash-Kol Agency", "Latn", "en")]
    )
    factories.make_communication(
        sender=kg_cp, subject="F-named", intermediary_ids=[broker.pk], body="<p>Deposits</p>"
    )
    client = factories.verified_client(jp_cp)

    def shown(**query: str) -> set[str]:
        body = client.get("/exchange/inbox/", query).content.decode()
        return {s for s in [*EXPECTED["all"], "F-named"] if f">{s}<" in body}

    assert shown(kind="inquiry") == {"F-waiting", "F-late", "F-done"}
    assert shown(q="tash-kol") == {"F-named"}  # an intermediary's name
    assert shown(q="deposits") == {"F-named"}  # the body
    assert shown(q="F-wait") == {"F-waiting"}  # the subject
    assert shown(kind="inquiry", folder="overdue") == {"F-late"}
    assert shown(sent_from="2999-01-01") == set()


def test_the_due_date_shows_in_the_list_and_on_the_page(four, jp_cp):
    client = factories.verified_client(jp_cp)
    waiting, late = four["waiting"], four["late"]
    listed = client.get("/exchange/inbox/").content.decode()
    assert waiting.due_date.isoformat() in listed and "2024-01-05" in listed
    page = client.get(f"/exchange/{late.pk}/").content.decode()
    assert "2024-01-05" in page and 'data-testid="overdue"' in page
    page = client.get(f"/exchange/{waiting.pk}/").content.decode()
    assert waiting.due_date.isoformat() in page and 'data-testid="overdue"' not in page
