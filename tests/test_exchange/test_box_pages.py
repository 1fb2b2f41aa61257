"""The inbox and outbox pages are paged without counting the whole list: one row more than
the page says whether there is a next page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.exchange.views import boxes
from tests.helpers import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(kg_cp, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(boxes, "PAGE_SIZE", 2)
    return [factories.make_communication(sender=kg_cp, subject=f"Notice {n}") for n in range(3)]


def _page(user, query: str = "") -> str:  # type: ignore[no-untyped-def]
    client = factories.verified_client(user)
    return client.get(reverse("exchange:inbox") + query).content.decode()


def test_the_first_page_links_to_the_next_one(three, jp_cp):
    html = _page(jp_cp)
    assert ("Notice 2" in html, "Notice 0" in html, "page=2" in html) == (True, False, True)


def test_the_last_page_links_back_and_not_on(three, jp_cp):
    html = _page(jp_cp, "?page=2")
    assert ("Notice 0" in html, "page=1" in html, "page=3" in html) == (True, True, False)


@pytest.mark.parametrize("wanted", ["x", "-4", "0", "99999999999"])
def test_a_page_number_out_of_range_is_no_error(three, jp_cp, wanted):
    client = factories.verified_client(jp_cp)
    assert client.get(reverse("exchange:inbox"), {"page": wanted}).status_code == 200
