"""One test per kind of variation of issue 5, point 2: each pair must score as a hit."""

from __future__ import annotations

import pytest

from sswbridge.screening import names
from sswbridge.screening.entries import ORGANIZATION, PERSON, Entry, Query
from sswbridge.screening.match import rate
from sswbridge.screening.settings import DEFAULT_THRESHOLD


def score(query: str, candidate: str, kind: str = "") -> float:
    entry = Entry("t:1", (candidate,), kind=kind)
    return rate(Query(query, kind=kind), names.form(query), entry, [names.form(candidate)]).score


def test_kyrgyz_cyrillic_matches_its_bgn_pcgn_spelling() -> None:
    assert score("Жумабаев Жыргалбек", "Jumabayev Jyrgalbek", PERSON) == 1.0


@pytest.mark.parametrize(
    "passport", ["Zhumabaev Zhyrgalbek", "Dzhumabaev Dzhyrgalbek", "Jumabaev Jyrgalbek"]
)
def test_passport_spellings_zh_dzh_j_all_match_the_cyrillic(passport: str) -> None:
    assert score("Жумабаев Жыргалбек", passport, PERSON) == 1.0


def test_bgn_and_passport_latin_spellings_meet() -> None:
    assert score("Ömürzakov Ümütbek", "Omurzakov Yumutbek", PERSON) == 1.0
    assert score("Khasanov Tengir", "Hasanov Tenir", PERSON) == 1.0


def test_plain_ascii_without_marks_matches_kyrgyz_letters() -> None:
    assert score("Төрөкулов Үмүтбек", "Torokulov Umutbek", PERSON) == 1.0


def test_surname_gender_endings_fold() -> None:
    assert score("Asanova Aigul", "Асанов Айгүл", PERSON) == 1.0


def test_uulu_reads_the_fathers_name_as_the_family_name() -> None:
    assert score("Bakyt Asan uulu", "Асанов Бакыт", PERSON) == 1.0
    assert score("Asanov Bakyt uulu", "Bakyt Asan uulu", PERSON) == 1.0


def test_kyzy_for_a_daughter_matches_the_feminine_surname() -> None:
    assert score("Айгүл Асан кызы", "Asanova Aigul", PERSON) == 1.0


def test_a_patronymic_on_one_side_only_is_set_aside() -> None:
    assert score("Иванов Иван Петрович", "Ivan Ivanov", PERSON) >= 0.95


def test_different_patronymics_do_not_match() -> None:
    assert score("Ivanov Ivan Petrovich", "Ivanov Ivan Sergeevich", PERSON) < DEFAULT_THRESHOLD


def test_word_order_does_not_matter() -> None:
    assert score("Бакыт Асанов", "Asanov Bakyt", PERSON) == 1.0


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ОсОО «Ак-Жол Тревел»", "Ak-Jol Trevel LLC"),
        ("ООО Ак-Жол Тревел", "Ак-Жол Тревел ЖЧК"),
        ("Ak-Jol Trevel, L.L.C.", "Ak-Jol Trevel Ltd."),
        ("АО «Манас Авто»", "Manas Avto JSC"),
        ("ЗАО Манас Авто", "Manas Avto Inc."),
        ("ИП Асанова Айгүл", "Asanova Aigul"),
        ("ОФ «Мурас»", "Muras Public Foundation"),
        ("Manas Partners LLP", "Manas Partners"),
        ("株式会社山田商事", "Yamada Shoji Co., Ltd."),
        ("山田商事(株)", "Yamada Shoji K.K."),
        ("㈱山田商事", "山田商事"),
        ("有限会社山田商事", "Yamada Shoji Y.K."),
        ("㈲山田商事", "山田商事"),
        ("合同会社山田商事", "Yamada Shoji G.K."),
        ("一般社団法人山田商事", "山田商事"),
        ("山田事業協同組合", "山田"),
    ],
)
def test_legal_forms_in_any_language_and_position_are_set_aside(left: str, right: str) -> None:
    assert score(left, right, ORGANIZATION) == 1.0


@pytest.mark.parametrize(
    "romaji", ["Yamada Shōji", "Yamada Shouji", "Yamada Shoji", "YAMADA SHOJI"]
)
def test_kanji_match_hepburn_and_passport_romaji(romaji: str) -> None:
    assert score("山田商事", romaji, ORGANIZATION) == 1.0


@pytest.mark.parametrize("romaji", ["Ōno Kensetsu", "Ohno Kensetsu", "Ono Kensetsu"])
def test_long_vowels_of_passport_romaji_fold(romaji: str) -> None:
    assert score("大野建設", romaji, ORGANIZATION) == 1.0


def test_katakana_and_hiragana_match_romaji() -> None:
    assert score("ヤマダショウジ", "Yamada Shoji", ORGANIZATION) == 1.0
    assert score("やまだしょうじ", "Yamada Shōji", ORGANIZATION) == 1.0


def test_half_width_katakana_matches_full_width_and_kanji() -> None:
    assert score("ﾔﾏﾀﾞｼｮｳｼﾞ", "ヤマダショウジ", ORGANIZATION) == 1.0
    assert score("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ", "山田商事", ORGANIZATION) == 1.0


def test_a_one_character_typo_still_matches() -> None:
    assert score("Asanov Bakyt", "Asnov Bakyt", PERSON) >= 0.9


def test_a_two_character_typo_still_matches() -> None:
    assert score("Toktogulov Kubanychbek", "Tokotgulov Kubanychbk", PERSON) >= DEFAULT_THRESHOLD


def test_a_typo_in_the_gender_ending_does_not_defeat_the_folding() -> None:
    assert score("Калыкова Назгүл", "Калыоква Назгүл", PERSON) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "variant", ["Akjol Travel", "Ak Jol Travel", "AkJol-Travel", "Ak-JolTravel"]
)
def test_missing_spaces_and_hyphens_match(variant: str) -> None:
    assert score("Ak-Jol Travel", variant, ORGANIZATION) >= 0.95
