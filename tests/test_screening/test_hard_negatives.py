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
