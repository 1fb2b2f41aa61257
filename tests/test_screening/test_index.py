"""The in-memory index: incremental changes, identifiers, explanations."""

from __future__ import annotations

import json

from sswbridge.screening.entries import ORGANIZATION, PERSON, Entry, Query
from sswbridge.screening.index import ScreeningIndex


def ak_jol(**extra: object) -> Entry:
    fields: dict = {"kind": ORGANIZATION, "country": "KG", **extra}
    return Entry("watch:1", ("ОсОО «Ак-Жол Тревел»",), **fields)


def ids(index: ScreeningIndex, name: str, **query: object) -> list[str]:
    return [c.entry.id for c in index.search(Query.of(name, **query), threshold=0.7)]  # type: ignore[arg-type]


def test_an_added_entry_is_found_without_a_rebuild() -> None:
    index = ScreeningIndex([Entry("watch:2", ("Manas Avto",), kind=ORGANIZATION)])
    index.add(ak_jol())
    assert ids(index, "Ak-Jol Trevel LLC") == ["watch:1"]


def test_an_updated_entry_is_found_under_its_new_name_only() -> None:
    index = ScreeningIndex([ak_jol()])
    index.update(Entry("watch:1", ("Манас Авто",), kind=ORGANIZATION))
    assert (ids(index, "Ak-Jol Trevel"), ids(index, "Manas Avto")) == ([], ["watch:1"])


def test_a_removed_entry_is_no_longer_found() -> None:
    index = ScreeningIndex([ak_jol()])
    assert index.remove("watch:1") is True
    assert ids(index, "Ak-Jol Trevel") == []


def test_removing_many_entries_compacts_and_keeps_the_rest() -> None:
    index = ScreeningIndex(
        Entry(f"watch:{i}", (f"Brand{i:04d} Travel",), kind=ORGANIZATION) for i in range(3000)
    )
    for i in range(2000):
        index.remove(f"watch:{i}")
    found = ids(index, "Brand2500 Travel")
    assert (len(index), found[0]) == (1000, "watch:2500")
    assert min(int(f.split(":")[1]) for f in found) >= 2000


def test_a_matching_phone_counts_strongly_whatever_the_name() -> None:
    index = ScreeningIndex([ak_jol(identifiers=(("phone", "+996 555 123 456"),))])
    found = index.search(Query.of("Sapat Service", phone="0555 123-456"), threshold=0.7)
    assert [(c.entry.id, c.identifiers) for c in found] == [("watch:1", ("phone",))]


def test_a_matching_registration_number_ignores_punctuation_and_width() -> None:
    index = ScreeningIndex([ak_jol(identifiers=(("registration_number", "19登-000001"),))])
    found = index.search(Query.of("Other", registration_number="１９登000001"), threshold=0.7)
    assert [c.entry.id for c in found] == ["watch:1"]


def test_a_different_country_lowers_the_score() -> None:
    index = ScreeningIndex([ak_jol()])
    same = index.search(Query.of("Ak-Jol Trevel", country="KG"))[0].score
    other = index.search(Query.of("Ak-Jol Trevel", country="JP"))[0].score
    assert other < same


def test_a_different_birth_date_lowers_the_score_below_the_threshold() -> None:
    index = ScreeningIndex(
        [Entry("watch:3", ("Asanov Bakyt",), kind=PERSON, birth_date="1980-01-02")]
    )
    query = Query("Асанов Бакыт", kind=PERSON, birth_date="1991-05-06")
    assert index.search(query, threshold=0.9) == []


def test_results_are_best_first_within_the_limit_and_threshold() -> None:
    index = ScreeningIndex(
        [
            Entry("watch:1", ("Asanov Bakyt",), kind=PERSON),
            Entry("watch:2", ("Asanov Bakyt Nurlanovich",), kind=PERSON),
            Entry("watch:3", ("Asanov Bakai",), kind=PERSON),
            Entry("watch:4", ("Asanov Nurlan",), kind=PERSON),
        ]
    )
    found = index.search(Query("Asanov Bakyt", kind=PERSON), threshold=0.7, limit=2)
    assert [c.entry.id for c in found] == ["watch:1", "watch:2"]


def test_accept_hides_entries_from_the_results() -> None:
    index = ScreeningIndex([ak_jol(framework="jp-kg"), ak_jol(framework="jp-uz")])
    index.add(Entry("watch:9", ("Ak-Jol Trevel",), kind=ORGANIZATION, framework="jp-uz"))
    found = index.search(Query("Ak-Jol Trevel"), accept=lambda e: e.framework == "jp-kg")
    assert found == []


def test_the_explanation_names_words_transliteration_and_legal_forms() -> None:
    index = ScreeningIndex([ak_jol()])
    (candidate,) = index.search(Query.of("Ak-Jol Trevel L.L.C."), threshold=0.7, explain=True)
    assert candidate.explanation is not None
    explained = candidate.explanation.as_dict()
    assert explained["words"] == [
        {"query": "ak", "candidate": "ак", "via": "bgn", "edits": 0},
        {"query": "jol", "candidate": "жол", "via": "bgn", "edits": 0},
        {"query": "trevel", "candidate": "тревел", "via": "bgn", "edits": 0},
    ]
    assert [(f["side"], f["family"]) for f in explained["legal_forms"]] == [
        ("query", "llc"),
        ("candidate", "llc"),
    ]


def test_the_explanation_names_the_passport_convention() -> None:
    index = ScreeningIndex([Entry("watch:5", ("Жумабаев Жыргалбек",), kind=PERSON)])
    (candidate,) = index.search(Query("Dzhumabaev Dzhyrgalbek"), explain=True)
    assert candidate.explanation is not None
    assert {w.via for w in candidate.explanation.words} == {"passport_dzh"}


def test_the_explanation_notes_uulu_order_and_patronymic() -> None:
    index = ScreeningIndex([Entry("watch:6", ("Асанов Бакыт Нурланович",), kind=PERSON)])
    (candidate,) = index.search(Query("Bakyt Asan uulu", kind=PERSON), explain=True)
    assert candidate.explanation is not None
    assert set(candidate.explanation.notes) >= {"uulu_kyzy", "word_order", "patronymic_aside"}
    assert "father_name" in {w.via for w in candidate.explanation.words}


def test_the_explanation_reads_as_sentences() -> None:
    index = ScreeningIndex([ak_jol(identifiers=(("phone", "+996555123456"),))])
    (candidate,) = index.search(Query.of("ОсОО Ак-Жол Тревел", phone="0555123456"), explain=True)
    assert candidate.explanation is not None
    text = " ".join(candidate.explanation.sentences())
    assert "legal form set aside: осоо" in text and "phone number matches" in text


def test_an_index_restored_from_its_rows_answers_as_the_original() -> None:
    original = ScreeningIndex(
        [
            Entry(id="1", names=("ОсОО «Ак-Жол Тревел»",), kind=ORGANIZATION),
            Entry(
                id="2",
                names=("Асанов Бакыт",),
                kind=PERSON,
                identifiers=(("phone", "0555 123 456"),),
            ),
        ]
    )
    restored = ScreeningIndex.restore(json.loads(json.dumps(original.export())))
    queries = [
        Query.of("Ak-Jol Trevel"),
        Query.of("アサノフ"),
        Query.of("x", phone="+996555123456"),
    ]
    expected = [[(c.entry, c.score) for c in original.search(q, partial=True)] for q in queries]
    got = [[(c.entry, c.score) for c in restored.search(q, partial=True)] for q in queries]
    assert (got, all(expected)) == (expected, True)
