"""The portal's search and verify answers, pinned for a few questions over published sending
organizations (approved, suspended then revoked, another approved) and an improvement
order: what each finds, with its status, date, reason and whether the match is exact. Any
change to how the registers are read for search must give these same answers."""

from __future__ import annotations

import datetime as dt

import pytest

from sswbridge.accounts.models import Role
from sswbridge.publication import search
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories, registers
from tests.helpers.publication import publish_on_partner_portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    japan = factories.make_user("isa", Role.REGISTRAR)
    registers.approved(
        partner, jp_kg, name_ky="«Ак-Жол» ЖЧК", name_ru="ОсОО «Ак-Жол»", name_en="Ak-Jol LLC",
        registration_number="111111-3301-OOO", tax_number="01234567890123",
    )  # fmt: skip
    revoked = registers.approved(
        partner, jp_kg, name_ky="«Көк-Жар» ЖЧК", name_ru="ОсОО «Кок-Жар»", name_en="Kok-Jar LLC",
        registration_number="777777-3301-OOO",
    )  # fmt: skip
    for status, reason, day in (
        ("suspended", "Inspection under way", dt.date(2026, 4, 1)),
        ("revoked", "Collected deposits from workers", dt.date(2026, 5, 4)),
    ):
        sending_services.change_status(
            actor=partner, organization=revoked, status=status, reason=reason,
            effective_date=day,
        )  # fmt: skip
    registers.approved(
        partner, jp_kg, name_ky="«Ак-Жол Трэвел» ЖЧК", name_ru="ОсОО «Ак-Жол Тревел»",
        name_en="Ak-Jol Travel LLC", registration_number="222222-3301-OOO",
    )  # fmt: skip
    publish_on_partner_portal(registers.order(japan, jp_kg), partner)
    return partner


def _answer(entries: list[search.Entry]) -> list[tuple[object, ...]]:
    return [
        (e.register, e.name, e.other_names, e.number, e.status, e.reason, e.exact) for e in entries
    ]


def _dated(entries: list[search.Entry]) -> list[tuple[str, bool]]:
    return [(e.name, e.status_date is not None) for e in entries]


SENDING = "sending_organizations"
ORDERS = "improvement_orders"
AK_JOL = (SENDING, "Ak-Jol LLC", ["«Ак-Жол» ЖЧК", "ОсОО «Ак-Жол»"], "111111-3301-OOO")
TRAVEL = (
    SENDING, "Ak-Jol Travel LLC", ["«Ак-Жол Трэвел» ЖЧК", "ОсОО «Ак-Жол Тревел»"],
    "222222-3301-OOO",
)  # fmt: skip
KOK_JAR = (SENDING, "Kok-Jar LLC", ["«Көк-Жар» ЖЧК", "ОсОО «Кок-Жар»"], "777777-3301-OOO")
SAKURA = (ORDERS, "株式会社さくら精工", ["Sakura Seiko Co., Ltd."], "")
MEASURES = "Pay the overdue wages and report the measures taken."


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ак жол", [(*AK_JOL, "approved", "", True), (*TRAVEL, "approved", "", False)]),
        ("Ak-Jol LLC", [(*AK_JOL, "approved", "", True), (*TRAVEL, "approved", "", False)]),
        ("777777 3301", [(*KOK_JAR, "revoked", "Collected deposits from workers", False)]),
        ("01234567890123", [(*AK_JOL, "approved", "", True)]),
        ("さくら", [(*SAKURA, "improvement_order", MEASURES, False)]),
        ("Nobody", []),
    ],
)
def test_search_finds_these_organizations(published, text, found):
    results = search.search("kg", text)
    assert _answer([e for entries in results.values() for e in entries]) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kok-Jar", [(*KOK_JAR, "revoked", "Collected deposits from workers", True)]),
        ("Ak-Jol", [(*AK_JOL, "approved", "", True)]),
        ("Sakura Seiko", [(*SAKURA, "improvement_order", MEASURES, True)]),
        ("Ak", []),
    ],
)
def test_verify_answers_these_organizations(published, text, found):
    assert _answer(search.verify("kg", text) or []) == found


def test_each_answer_carries_its_date(published):
    answers = search.verify("kg", "Kok-Jar") or []
    assert [e.status_date for e in answers] == [dt.date(2026, 5, 4)]
    assert _dated(search.search("kg", "Ak-Jol")[SENDING]) == [
        ("Ak-Jol LLC", True),
        ("Ak-Jol Travel LLC", True),
    ]


def test_an_organization_not_published_on_the_portal_is_not_found(published, jp_kg):
    registers.applied(published, jp_kg, name_en="Ak-Jol Pending LLC")
    names = [e.name for e in search.search("kg", "Ak-Jol")[SENDING]]
    assert "Ak-Jol Pending LLC" not in names and search.search("jp", "Ak-Jol") == {}
