"""Foreign names written in katakana as Japanese offices write them (issue 19, point 1)."""

from __future__ import annotations

import pytest

from sswbridge.screening.entries import PERSON, Entry, Query
from sswbridge.screening.explain import KATAKANA_FOREIGN
from sswbridge.screening.index import ScreeningIndex
from sswbridge.screening.katakana import reading


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("アサノフ", "asanov"),
        ("バキト", "bakit"),
        ("ジュマバエフ", "jumabaev"),
        ("スミルノフ", "smirnov"),
        ("ファイズルラエフ", "faizurraev"),
        ("ティムール", "timur"),
    ],
)
def test_support_vowels_are_dropped_and_final_fu_is_read_v(katakana: str, latin: str) -> None:
    assert reading(katakana) == latin


def _index() -> ScreeningIndex:
    return ScreeningIndex(
        [
            Entry("w:1", ("Асанов Бакыт",), kind=PERSON),
            Entry("w:2", ("Жумабаев Нурлан",), kind=PERSON),
            Entry("w:3", ("イワノフ・ドミトリー",), kind=PERSON),
        ]
    )


@pytest.mark.parametrize(
    "query",
    [
        "アサノフ・バキト",
        "アサノフ バキト",
        "ｱｻﾉﾌ･ﾊﾞｷﾄ",
        "アサノーフ・バキート",
        "バキト・アサノフ",
    ],
)
def test_a_katakana_rendering_finds_the_cyrillic_entry(query: str) -> None:
    found = _index().search(Query.of(query, kind=PERSON), threshold=0.9)
    assert [c.entry.id for c in found] == ["w:1"]


def test_a_latin_query_finds_the_katakana_entry_with_vu_bu_and_ti_chi_variants() -> None:
    index = _index()
    for query in ("Ivanov Dmitriy", "イバノフ・ドミトリー", "Иванов Дмитрий"):
        found = index.search(Query.of(query, kind=PERSON), threshold=0.8)
        assert [c.entry.id for c in found] == ["w:3"], query


def test_ti_and_chi_are_one_sound() -> None:
    index = ScreeningIndex([Entry("w:1", ("Тимур Сатыбалдиев",), kind=PERSON)])
    for query in ("ティムール・サティバルディエフ", "チムール・サティバルディエフ"):
        assert index.search(Query.of(query, kind=PERSON), threshold=0.8), query


def test_the_explanation_names_the_katakana_convention() -> None:
    [candidate] = _index().search(
        Query.of("ジュマバエフ・ヌルラン", kind=PERSON), threshold=0.9, explain=True
    )
    assert candidate.explanation is not None
    assert {w.via for w in candidate.explanation.words} == {KATAKANA_FOREIGN}


def test_a_katakana_surname_alone_is_a_partial_name_below_the_threshold() -> None:
    found = _index().search(Query.of("アサノフ", kind=PERSON), threshold=0.4)
    assert [c.entry.id for c in found] == ["w:1"]
    assert 0.4 < found[0].score < 0.7


def test_a_katakana_name_with_another_given_name_does_not_match() -> None:
    found = _index().search(Query.of("アサノフ・エルラン", kind=PERSON), threshold=0.5)
    assert found == []


def test_a_surname_alone_comes_back_in_the_possible_band_and_a_full_name_strong() -> None:
    index = _index()
    [partial] = index.search(Query.of("アサノフ", kind=PERSON), threshold=0.68, partial=True)
    [full] = index.search(Query.of("アサノフ・バキト", kind=PERSON), threshold=0.68)
    assert (partial.entry.id, partial.partial, partial.band) == ("w:1", True, "possible")
    assert full.band == "strong"


def test_automatic_screening_leaves_partial_names_out() -> None:
    assert _index().search(Query.of("アサノフ", kind=PERSON), threshold=0.68) == []
