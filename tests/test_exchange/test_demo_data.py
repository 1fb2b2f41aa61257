"""The demo data gives the exchange pages something to show: a share with acts, an overdue
inquiry, an answered one, and a case with a task and a note. Loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.accounts.models import User
from sswbridge.cases.models import Case
from sswbridge.demo.loader import load_demo
from sswbridge.exchange import demo, selectors
from sswbridge.exchange.models import Communication
from sswbridge.readlog.models import ReadEvent
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_share_an_overdue_and_an_answered_inquiry_and_a_case():
    load_demo()
    jp = User.objects.get(username="jp-contact")
    share = Communication.objects.get(kind="intermediary_share", subject=demo.SHARE)
    overdue = selectors.box_for(jp, "outbox", selectors.ListFilter(folder="overdue"))
    answered = Communication.objects.filter(kind="inquiry", answered_at__isnull=False)
    case = Case.objects.get()
    assert share.payload["acts"] == ["penalty_contract", "unexplained_fees"]
    assert (overdue.count(), answered.count()) == (1, 1)
    assert (case.tasks.count(), case.notes.count()) == (1, 1)


def test_the_demo_shows_withheld_fields_a_release_request_reads_and_a_retraction():
    load_demo()
    withheld = Communication.objects.get(subject=demo.WITHHELD)
    assert withheld.withheld_fields == ["informant", "victims"]
    assert withheld.release_requests.get().status == "pending"
    assert ReadEvent.objects.filter(object_id=withheld.pk).exists()
    assert Communication.objects.get(subject=demo.RETRACTED).retracted_at is not None
    kg = User.objects.get(username="kg-contact")
    page = factories.verified_client(kg).get(reverse("exchange:detail", args=[withheld.pk]))
    assert 'data-testid="release"' in page.content.decode()


def test_loading_the_demo_twice_adds_no_communication_or_case():
    load_demo()
    counts = (Communication.objects.count(), Case.objects.count())
    load_demo()
    assert (Communication.objects.count(), Case.objects.count()) == counts


@pytest.mark.parametrize(
    "name", ["exchange:inbox", "exchange:outbox", "exchange:metrics", "cases:list"]
)
def test_the_demo_pages_show_something(name):
    load_demo()
    client = factories.verified_client(User.objects.get(username="jp-contact"))
    page = client.get(reverse(name)).content.decode()
    assert "(demo)" in page or 'data-testid="metrics-table"' in page
