"""Names that look alike but are not the same party must stay below the threshold."""

from __future__ import annotations

import pytest

from sswbridge.screening import names
from sswbridge.screening.entries import ORGANIZATION, PERSON, Entry, Query
from sswbridge.screening.match import rate
from sswbridge.screening.settings import DEFAULT_THRESHOLD


def score(query: str, candidate: str, kind: str) -> float:
    entry = Entry("t:1", (candidate,), kind=kind)
    return rate(Query(query, kind=kind), names.form(query), entry, [names.form(candidate)]).score


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Asanov Bakyt", "Asanov Nurlan"),
        ("Асанова Айгүл", "Asanova Jyldyz"),
        ("Bakyt Asan uulu", "Asanov Talant"),
        ("山田太郎", "Yamada Keiko"),
    ],
)
def test_same_surname_with_another_given_name_is_not_a_match(left: str, right: str) -> None:
    assert score(left, right, PERSON) < DEFAULT_THRESHOLD


def test_same_given_name_with_another_surname_is_not_a_match() -> None:
    assert score("Бакыт Асанов", "Bakyt Osmonov", PERSON) < DEFAULT_THRESHOLD


def test_swapped_given_name_and_surname_roots_are_not_a_match() -> None:
    assert score("Ivan Petrov", "Petr Ivanov", PERSON) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Ak-Jol Travel", "Ak-Jol Construction"),
        ("ОсОО «Ак-Жол Тревел»", "Ak-Jol Stroy LLC"),
        ("株式会社山田商事", "山田建設株式会社"),
        ("山田商事", "Yamada Kensetsu"),
    ],
)
def test_sibling_companies_sharing_a_brand_word_are_not_a_match(left: str, right: str) -> None:
    assert score(left, right, ORGANIZATION) < DEFAULT_THRESHOLD


def test_a_surname_alone_is_not_a_match_for_a_full_person_name() -> None:
    assert score("Asanov", "Asanov Bakyt", PERSON) < DEFAULT_THRESHOLD


# Issue 19, point 4 -----------------------------------------------------------------------


def _rating(query: str, candidate: str, kind: str) -> tuple[float, list[str]]:
    entry = Entry("t:1", (candidate,), kind=kind)
    result = rate(Query(query, kind=kind), names.form(query), entry, [names.form(candidate)])
    return result.score, [reason for reason, _change in result.adjustments]


def test_a_sibling_company_with_another_business_word_is_not_a_hit_and_says_why() -> None:
    score_, reasons = _rating(
        "Jibek Jolu Education Center International LLC",
        "Jibek Jolu Logistics International LLC",
        ORGANIZATION,
    )
    assert score_ < DEFAULT_THRESHOLD
    assert "business_differs" in reasons


def test_another_legal_form_counts_only_when_the_names_differ_too() -> None:
    same, same_reasons = _rating("Altyn Tau Logistics LLC", "Altyn Tau Logistics JSC", ORGANIZATION)
    other, reasons = _rating("Altyn Tau Logistic LLC", "Altyn Tau Logistics JSC", ORGANIZATION)
    assert (same, same_reasons) == (1.0, [])
    assert "legal_form_differs" in reasons and other < 1.0


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Asanov Bakyt Nurlanovich", "Asanov Ermek Nurlanovich"),  # brothers
        ("Đỗ Hữu Thảo", "Đỗ Hữu Trang"),  # the whole-string rescue no longer applies
    ],
)
def test_a_brother_or_sister_is_not_a_hit(left: str, right: str) -> None:
    assert score(left, right, PERSON) < DEFAULT_THRESHOLD


def test_a_middle_name_left_out_is_still_the_same_person() -> None:
    assert score("Aileen Macaraeg Garcia", "Aileen Garcia", PERSON) >= DEFAULT_THRESHOLD
