"""Communications and the intermediaries they name: search over their names, the API
output, and the content hash. Only intermediaries the reader may see count."""

from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from sswbridge.exchange import envelope, selectors, services
from sswbridge.intermediaries.models import Script
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db


def _share(sender, intermediaries, subject="Share"):  # type: ignore[no-untyped-def]
    return factories.make_communication(
        sender=sender,
        kind="intermediary_share",
        subject=subject,
        payload={"acts": ["unexplained_fees"]},
        intermediary_ids=[i.pk for i in intermediaries],
    )


@pytest.fixture
def broker(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_intermediary(
        jp_kg, names=[("Kara-Too Recruiting", Script.LATIN, "en"), ("Кара-Тоо", "Cyrl", "ky")]
    )


@pytest.fixture
def hidden_broker(jp_kg):  # type: ignore[no-untyped-def]
    """Marked for the Kyrgyz side only: the Japanese side may not see it."""
    return factories.make_intermediary(
        jp_kg, names=[("Hidden Sarybel Agency", Script.LATIN, "en")], marking="side"
    )


def _inbox(user, q):  # type: ignore[no-untyped-def]
    return list(selectors.box_for(user, "inbox", selectors.ListFilter(q=q)))


def test_inbox_search_finds_a_communication_by_an_intermediarys_name(kg_cp, jp_cp, broker):
    c = _share(kg_cp, [broker])
    assert _inbox(jp_cp, "Кара-Тоо") == [c]


def test_search_lists_a_communication_once_however_many_names_match(kg_cp, jp_cp, broker):
    other = factories.make_intermediary(names=[("Kara-Too Travel", Script.LATIN, "en")])
    c = _share(kg_cp, [broker, other])
    assert _inbox(jp_cp, "Kara-Too") == [c]


def test_search_ignores_names_of_intermediaries_the_user_may_not_see(kg_cp, jp_cp, hidden_broker):
    _share(kg_cp, [hidden_broker])
    assert _inbox(jp_cp, "Sarybel") == []


def test_the_sender_side_finds_its_own_hidden_intermediary(kg_cp, hidden_broker):
    c = _share(kg_cp, [hidden_broker])
    found = selectors.box_for(kg_cp, "outbox", selectors.ListFilter(q="Sarybel"))
    assert list(found) == [c]


def test_outbox_search_through_the_api_covers_intermediary_names(kg_cp, broker):
    c = _share(kg_cp, [broker])
    page = Api(kg_cp).get("/outbox", q="Recruiting").json()
    assert [item["id"] for item in page["items"]] == [str(c.pk)]


def test_the_api_lists_the_intermediaries_a_communication_names(kg_cp, jp_cp, broker):
    c = _share(kg_cp, [broker])
    body = Api(jp_cp).get(f"/communications/{c.pk}").json()
    assert [(i["id"], i["names"][0]["value"]) for i in body["intermediaries"]] == [
        (str(broker.pk), "Kara-Too Recruiting")
    ]


def test_the_api_leaves_out_intermediaries_the_reader_may_not_see(
    kg_cp, jp_cp, broker, hidden_broker
):
    c = _share(kg_cp, [broker, hidden_broker])
    listed = Api(jp_cp).get("/inbox").json()["items"][0]["intermediaries"]
    own = Api(kg_cp).get(f"/communications/{c.pk}").json()["intermediaries"]
    assert ([i["id"] for i in listed], len(own)) == ([str(broker.pk)], 2)


def test_listing_intermediaries_costs_the_same_queries_for_one_or_many(kg_cp, jp_cp, broker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = Api(jp_cp)
    _share(kg_cp, [broker])
    api.get("/inbox")  # the token's first use writes its "last used" (once a minute)
    with CaptureQueriesContext(connection) as one:
        api.get("/inbox")
    for n in range(4):
        _share(kg_cp, [broker, factories.make_intermediary()], subject=f"Share {n}")
    with CaptureQueriesContext(connection) as many:
        api.get("/inbox")
    assert len(many) == len(one)


def test_the_content_hash_covers_the_named_intermediaries(kg_cp, broker):
    c = _share(kg_cp, [broker])
    assert envelope.envelope(c)["intermediaries"] == [str(broker.pk)]
    c.intermediary_mentions.all().delete()
    assert not envelope.hash_matches(c)


def test_a_communication_naming_none_has_no_intermediaries_in_its_envelope(kg_cp):
    """So communications sent before intermediaries were hashed keep their hashes."""
    c = factories.make_communication(sender=kg_cp)
    assert ("intermediaries" not in envelope.envelope(c), envelope.hash_matches(c)) == (True, True)


def test_a_correction_names_the_same_intermediaries_and_its_hash_covers_them(kg_cp, broker):
    c = _share(kg_cp, [broker])
    corrected = services.correct(
        actor=kg_cp,
        communication=c,
        subject="Corrected",
        payload={"acts": ["penalty_contract"]},
    )
    assert envelope.envelope(corrected)["intermediaries"] == [str(broker.pk)]
    assert envelope.hash_matches(corrected)


def test_a_second_framework_user_finds_nothing_by_an_intermediarys_name(kg_cp, broker, jp_uz):
    _share(kg_cp, [broker])
    uz = factories.make_user("uz-agency", Role.CONTACT_POINT)
    assert _inbox(uz, "Kara-Too") == []
