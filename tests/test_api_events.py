"""The event feed (issue 15, point 5; audit/feed.py): in order, what changed among the records
the reader may see now; a cursor never shows an event twice nor skips one, also while others
write; visibility is the records' own, judged at reading."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Any

import pytest
from django.db import connection

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.exchange.models import Communication
from tests.helpers import factories
from tests.helpers.api import Api, ExchangeApi

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="feed_jp_cp")


@pytest.fixture
def kg_cp(jp_kg: Any) -> Any:
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="feed_kg_cp")


def _send(api: ExchangeApi, subject: str, **extra: Any) -> str:
    created = api.post(
        "/communications",
        {"framework": "jp-kg", "kind": "inquiry", "subject": subject, "send": True, **extra},
    )
    assert created.status_code == 201, created.content
    return str(created.json()["id"])


def _all(api: Api, after: int = 0, limit: int = 50) -> tuple[list[dict[str, Any]], int]:
    events: list[dict[str, Any]] = []
    while True:
        page = api.get("", after=after, limit=limit)
        assert page.status_code == 200, page.content
        body = page.json()
        events += body["events"]
        after = body["next"]
        if not body["more"]:
            return events, after


def _feed(user: Any) -> Api:
    return Api(user, base="/api/v1/events")


def test_the_recipient_sees_a_sent_communication_and_the_sender_its_receipts(
    jp_cp: Any, kg_cp: Any
) -> None:
    japan, kyrgyz = ExchangeApi(jp_cp), ExchangeApi(kg_cp)
    sent = _send(japan, "Where is A. Osmonov?")

    events, cursor = _all(_feed(kg_cp))
    mine = [e for e in events if e["object_id"] == sent]
    assert [e["type"] for e in mine] == ["communication.sent"]
    assert mine[0]["object_type"] == "exchange.communication"
    assert mine[0]["framework"] == "jp-kg"
    assert set(mine[0]) == {
        "cursor",
        "type",
        "occurred_at",
        "framework",
        "object_type",
        "object_id",
    }

    assert kyrgyz.get(f"/communications/{sent}").status_code == 200  # opens it
    assert kyrgyz.post(f"/communications/{sent}/acknowledge").status_code == 200
    later, _ = _all(_feed(jp_cp))
    receipts = [e["type"] for e in later if e["object_id"] == sent]
    assert receipts == ["communication.sent", "communication.opened", "communication.acknowledged"]

    # The recipient reads on from its cursor: only what came after, nothing twice.
    after, _ = _all(_feed(kg_cp), after=cursor)
    assert [e["type"] for e in after if e["object_id"] == sent] == [
        "communication.opened",
        "communication.acknowledged",
    ]
    cursors = [e["cursor"] for e in later]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)


def test_a_draft_and_a_side_only_record_make_no_event_for_the_other_side(
    jp_cp: Any, kg_cp: Any
) -> None:
    japan = ExchangeApi(jp_cp)
    draft = japan.post(
        "/communications",
        {"framework": "jp-kg", "kind": "inquiry", "subject": "Draft", "send": False},
    )
    assert draft.status_code == 201
    hidden = factories.make_intermediary(marking="kg")
    factories.make_intermediary(marking="both")

    kyrgyz_events, _ = _all(_feed(kg_cp))
    assert str(draft.json()["id"]) not in {e["object_id"] for e in kyrgyz_events}

    visible_to_japan, _ = _all(_feed(jp_cp))
    assert str(hidden.pk) not in {e["object_id"] for e in visible_to_japan}

    # Sent later, the draft is a new event at the end for the recipient.
    _, cursor = _all(_feed(kg_cp))
    assert japan.post(f"/communications/{draft.json()['id']}/send").status_code == 200
    news, _ = _all(_feed(kg_cp), after=cursor)
    assert [(e["type"], e["object_id"]) for e in news] == [
        ("communication.sent", str(draft.json()["id"]))
    ]


def test_a_user_of_another_framework_sees_nothing_of_jp_kg(jp_cp: Any, jp_uz: Any) -> None:
    _send(ExchangeApi(jp_cp), "Only for jp-kg")
    uzbek = factories.make_user("uz-agency", Role.CONTACT_POINT, username="feed_uz_cp")
    events, _ = _all(_feed(uzbek))
    assert all(e["framework"] != "jp-kg" for e in events)


def test_pages_of_one_event_read_the_same_events_as_one_page(jp_cp: Any, kg_cp: Any) -> None:
    japan = ExchangeApi(jp_cp)
    for n in range(5):
        _send(japan, f"Question {n}")
    whole, _ = _all(_feed(kg_cp), limit=200)
    paged, _ = _all(_feed(kg_cp), limit=1)
    assert paged == whole and len(whole) >= 5


def test_a_bad_cursor_answers_422(kg_cp: Any) -> None:
    feed = _feed(kg_cp)
    assert feed.get("", after="yesterday").status_code == 422
    assert feed.get("", after=-1).status_code == 422
    assert feed.get("", limit=0).status_code == 422


@pytest.mark.django_db(transaction=True)
def test_a_reader_following_the_feed_while_others_send_misses_nothing_and_sees_nothing_twice(
    live_server: Any, jp_kg: Any
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("the live server shares the test's one in-memory SQLite connection")
    sender = factories.make_user("isa", Role.CONTACT_POINT, username="feed_sender")
    reader = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="feed_reader")
    tokens = {}
    for user in (sender, reader):
        raw, fields = ApiToken.generate()
        ApiToken.objects.create(user=user, **fields)
        tokens[user.username] = raw

    def call(token: str, path: str, body: Any = None) -> Any:
        request = urllib.request.Request(
            live_server.url + path,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.loads(answer.read())

    senders, per_sender = 3, 8

    def send(n: int) -> None:
        for i in range(per_sender):
            call(
                tokens["feed_sender"],
                "/api/v1/exchange/communications",
                {"framework": "jp-kg", "kind": "inquiry", "subject": f"{n}-{i}", "send": True},
            )

    threads = [threading.Thread(target=send, args=(n,)) for n in range(senders)]
    for thread in threads:
        thread.start()
    seen: list[dict[str, Any]] = []
    after = 0
    while True:
        page = call(tokens["feed_reader"], f"/api/v1/events?after={after}&limit=3")
        seen += page["events"]
        after = page["next"]
        if not page["more"] and not any(t.is_alive() for t in threads):
            break
    for thread in threads:
        thread.join()
    sent = [e["object_id"] for e in seen if e["type"] == "communication.sent"]
    assert len(sent) == len(set(sent)) == senders * per_sender
    assert set(sent) == {str(pk) for pk in Communication.objects.values_list("pk", flat=True)}
    cursors = [e["cursor"] for e in seen]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
