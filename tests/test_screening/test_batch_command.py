"""`sswbridge screen`: the batch command, its exact columns, its errors."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sswbridge.screening import batch
from sswbridge.screening.entries import Query
from sswbridge.screening.index import ScreeningIndex

WATCHLIST = """id,name,kind,country
w1,ОсОО «Ак-Жол Тревел»,organization,KG
w2,Ak-Jol Construction LLC,organization,KG
w3,Асанов Бакыт Нурланович,person,KG
w4,Asanov Bakai,person,KG
w5,株式会社山田商事,organization,JP
"""
QUERIES = """id,name,kind,country
q1,Akjol Trevel LLC,organization,KG
q2,Bakyt Asan uulu,person,
q3,ﾔﾏﾀﾞｼｮｳｼﾞ,,
q4,Nobody Known,,
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path: Path, *extra: str, queries: str = QUERIES) -> list[list[str]]:
    out = tmp_path / "results.csv"
    call_command(
        "screen",
        "--queries",
        str(write(tmp_path, "queries.csv", queries)),
        "--out",
        str(out),
        "--watchlist",
        str(write(tmp_path, "watch.csv", WATCHLIST)),
        *extra,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_results_have_exactly_the_four_columns(tmp_path: Path) -> None:
    assert run(tmp_path)[0] == ["query_id", "candidate_id", "candidate_name", "score"]


def test_watchlist_mode_finds_each_variant_with_four_decimals(tmp_path: Path) -> None:
    rows = run(tmp_path, "--limit", "1")[1:]
    assert rows == [
        ["q1", "w1", "ОсОО «Ак-Жол Тревел»", "1.0000"],
        ["q2", "w3", "Асанов Бакыт Нурланович", "0.9800"],
        ["q3", "w5", "株式会社山田商事", "1.0000"],
    ]


def test_limit_keeps_the_best_rows_per_query(tmp_path: Path) -> None:
    queries = "id,name,kind,country\nq1,Asanov Bakyt,person,\n"
    rows = run(tmp_path, "--limit", "1", "--threshold", "0.5", queries=queries)[1:]
    assert [row[1] for row in rows] == ["w3"]


def test_threshold_drops_rows_below_it(tmp_path: Path) -> None:
    queries = "id,name,kind,country\nq1,Asanov Bakyt,person,\n"
    low = run(tmp_path, "--threshold", "0.5", queries=queries)[1:]
    high = run(tmp_path, "--threshold", "0.9", queries=queries)[1:]
    assert ([row[1] for row in low], [row[1] for row in high]) == (["w3", "w4"], ["w3"])


def test_a_missing_column_is_a_clear_error_and_no_file_is_written(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"lacks the column.*kind"):
        run(tmp_path, queries="id,name,country\nq1,Asanov,KG\n")
    assert not (tmp_path / "results.csv").exists()


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_a_bad_threshold_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(CommandError, match="threshold must be a number from 0 to 1"):
        run(tmp_path, "--threshold", value)


def test_a_bad_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="limit must be a whole number"):
        run(tmp_path, "--limit", "0")


def test_an_unknown_kind_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Line 2: the kind must be"):
        run(tmp_path, queries="id,name,kind,country\nq1,Asanov,company,KG\n")


def test_a_bad_country_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Line 3: the country"):
        run(tmp_path, queries="id,name,kind,country\nq1,Asanov,,KG\nq2,Bakyt,,Kyrgyzstan\n")


def test_a_bom_written_by_a_spreadsheet_is_accepted(tmp_path: Path) -> None:
    assert run(tmp_path, queries="\ufeff" + QUERIES)[0][0] == "query_id"


def test_long_runs_report_progress() -> None:
    index = ScreeningIndex()
    seen: list[int] = []
    queries = (Query(f"Name {i}", id=str(i)) for i in range(25))
    list(
        batch.run(
            queries, index, threshold=0.7, limit=5, every=10, progress=lambda n, s: seen.append(n)
        )
    )
    assert seen == [10, 20, 25]


def test_workers_give_the_same_results_as_one_process() -> None:
    index = ScreeningIndex(batch.read_watchlist(StringIO(WATCHLIST)))
    queries = list(batch.read_queries(StringIO(QUERIES))) * 300
    one = list(batch.run(queries, index, threshold=0.7, limit=5))
    two = list(batch.run(queries, index, threshold=0.7, limit=5, workers=2))
    assert one == two
