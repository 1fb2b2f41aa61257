"""The demo data on a node that hosts one side (`serve --demo --nodes 2`): only that side's
accounts and records are made here, and what it shares is queued for the other node."""

from __future__ import annotations

from typing import Any

import pytest

from sswbridge.accounts.models import User
from sswbridge.demo.loader import load_demo
from sswbridge.exchange import demo
from sswbridge.exchange.models import Communication
from sswbridge.federation import services
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Framework, Side
from sswbridge.intermediaries.models import Intermediary
from sswbridge.sending.models import SendingOrganization
from tests.helpers.federation import PeerNode

pytestmark = pytest.mark.django_db


def _peer(framework: Any, side: str) -> None:
    services.add_peer(
        actor=None,
        framework=framework,
        side=Side.objects.get(code=side),
        base_url=f"https://{side.lower()}.example.test",
        public_key=PeerNode().key.public.raw_base64,
    )


def _queued_subjects() -> set[str]:
    ids = Envelope.objects.filter(direction="out", kind="exchange.communication").values("id")
    return set(Communication.objects.filter(pk__in=ids).values_list("subject", flat=True))


def test_the_kyrgyz_node_makes_kyrgyz_records_and_queues_what_it_shares(settings, jp_kg):
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    _peer(jp_kg, "JP")
    accounts = load_demo()
    assert {a.username.split("-")[0] for a in accounts} == {"kg"}
    assert not User.objects.exclude(agency__side__code="KG").exists()
    assert not Framework.objects.filter(code="jp-uz").exists()
    assert set(Intermediary.objects.values_list("originator_side__code", flat=True)) == {"KG"}
    assert SendingOrganization.objects.exists()
    assert {demo.SHARE, demo.WITHHELD} <= _queued_subjects()
    # Japan's inquiries come from Japan's node; the retraction does not travel yet.
    assert not Communication.objects.filter(subject__in=[demo.OVERDUE, demo.RETRACTED]).exists()
    assert not Communication.objects.filter(delivered_at__isnull=False).exists()
    assert Envelope.objects.filter(to_side__code="JP").count() == Envelope.objects.count()
    # A second run makes nothing new.
    before = (Communication.objects.count(), Envelope.objects.count(), User.objects.count())
    load_demo()
    assert (Communication.objects.count(), Envelope.objects.count(), User.objects.count()) == (
        before
    )


def test_japans_node_makes_japanese_and_uzbek_records_and_queues_its_inquiries(settings, jp_kg):
    settings.HOSTED_SIDES = [("", "jp"), ("jp-uz", "uz")]
    _peer(jp_kg, "KG")
    accounts = load_demo()
    assert {a.username.split("-")[0] for a in accounts} == {"jp", "uz"}
    assert not User.objects.filter(agency__side__code="KG").exists()
    assert not Intermediary.objects.filter(originator_side__code="KG").exists()
    assert {demo.OVERDUE, demo.ANSWERED} <= _queued_subjects()
    assert not Communication.objects.filter(subject=demo.SHARE).exists()
    assert Framework.objects.filter(code="jp-uz").exists()
