"""Batch screening: a CSV of queries in, a CSV of candidates out.

    queries / watch list:  id,name,kind,country      (kind: person, organization or empty)
    results:               query_id,candidate_id,candidate_name,score

Used by the `screen` command; the upload page and the API can call `read_queries`, `run`
and `write_results` the same way. Several worker processes share one index by forking
(copy-on-write), where the platform forks.
"""

from __future__ import annotations

import csv
import gc
import multiprocessing
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, NamedTuple

from django.utils.translation import gettext as _

from sswbridge.core import csvfile
from sswbridge.screening.entries import KINDS, Entry, Query
from sswbridge.screening.index import ScreeningIndex
from sswbridge.security.controls import control_character, describe

INPUT_HEADER = ("id", "name", "kind", "country")
OUTPUT_HEADER = ("query_id", "candidate_id", "candidate_name", "score")
PROGRESS_EVERY = 1000
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class BatchError(ValueError):
    """Bad input: a missing column, an unknown kind, a malformed country code."""


class ResultRow(NamedTuple):
    query_id: str
    candidate_id: str
    candidate_name: str
    score: float


Progress = Callable[[int, float], None]  # (queries done, seconds since start)


def _rows(handle: IO[str]) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(handle)
    header = [name.strip().lstrip("\ufeff") for name in reader.fieldnames or []]
    missing = [column for column in INPUT_HEADER if column not in header]
    if missing:
        raise BatchError(
            _("The file lacks the column(s) %(columns)s; the header must be %(header)s.")
            % {"columns": ", ".join(missing), "header": ",".join(INPUT_HEADER)}
        )
    _refuse_controls(1, header)
    reader.fieldnames = header
    for row in reader:
        extra: Any = row.get(None) or []  # values beyond the header's columns
        _refuse_controls(reader.line_num, [*(row.get(name) or "" for name in header), *extra])
        yield reader.line_num, {key: (value or "").strip() for key, value in row.items() if key}


def _refuse_controls(line: int, cells: list[str]) -> None:
    """A BatchError naming the line and column of a cell that holds a control character
    (NUL could not even be stored); tab and line breaks inside a quoted cell pass."""
    for number, cell in enumerate(cells, start=1):
        bad = control_character(str(cell))
        if bad:
            raise BatchError(
                _(
                    "Line %(line)s, column %(column)s: the cell holds a control character "
                    "(%(character)s), which is not allowed."
                )
                % {"line": line, "column": number, "character": describe(bad)}
            )


def _checked(line: int, row: dict[str, str]) -> dict[str, str]:
    kind = row["kind"].lower()
    if kind and kind not in KINDS:
        raise BatchError(
            _("Line %(line)s: the kind must be person, organization or empty, not %(kind)s.")
            % {"line": line, "kind": row["kind"]}
        )
    country = row["country"]
    if country and not _COUNTRY.match(country):
        raise BatchError(
            _("Line %(line)s: the country must be a two-letter ISO code, not %(country)s.")
            % {"line": line, "country": country}
        )
    return {**row, "kind": kind, "country": country.upper()}


def read_queries(handle: IO[str]) -> Iterator[Query]:
    """The queries of a CSV file; raises BatchError at the first bad row."""
    for line, raw in _rows(handle):
        row = _checked(line, raw)
        yield Query(name=row["name"], kind=row["kind"], country=row["country"], id=row["id"])


def read_watchlist(handle: IO[str]) -> Iterator[Entry]:
    """The entries of a watch-list CSV file, keyed by their own id."""
    for line, raw in _rows(handle):
        row = _checked(line, raw)
        if row["name"]:
            yield Entry(
                id=row["id"], names=(row["name"],), kind=row["kind"], country=row["country"]
            )


def _screen(index: ScreeningIndex, query: Query, threshold: float, limit: int) -> list[ResultRow]:
    return [
        ResultRow(query.id, c.entry.id, c.matched_name, c.score)
        for c in index.search(query, threshold=threshold, limit=limit)
    ]


_shared: tuple[ScreeningIndex, float, int] | None = None  # set before forking workers


def _screen_chunk(queries: list[Query]) -> list[list[ResultRow]]:
    assert _shared is not None
    index, threshold, limit = _shared
    return [_screen(index, query, threshold, limit) for query in queries]


def _chunks(queries: Iterable[Query], size: int) -> Iterator[list[Query]]:
    chunk: list[Query] = []
    for query in queries:
        chunk.append(query)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    queries: Iterable[Query],
    index: ScreeningIndex,
    *,
    threshold: float,
    limit: int,
    progress: Progress | None = None,
    every: int = PROGRESS_EVERY,
    workers: int = 1,
) -> Iterator[ResultRow]:
    """Screen each query; yield its candidates at or above the threshold, best first."""
    global _shared
    started = time.perf_counter()
    done = 0
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        _shared = (index, threshold, limit)
        context = multiprocessing.get_context("fork")
        gc.freeze()  # the index's objects stay shared with the workers, not copied by the GC
        try:
            with context.Pool(workers) as pool:
                for results in pool.imap(_screen_chunk, _chunks(queries, 250)):
                    for rows in results:
                        yield from rows
                        done += 1
                        if progress is not None and done % every == 0:
                            progress(done, time.perf_counter() - started)
        finally:
            gc.unfreeze()
            _shared = None
    else:
        for query in queries:
            yield from _screen(index, query, threshold, limit)
            done += 1
            if progress is not None and done % every == 0:
                progress(done, time.perf_counter() - started)
    if progress is not None and done % every:
        progress(done, time.perf_counter() - started)


def write_results(rows: Iterable[ResultRow], handle: IO[str]) -> int:
    """Write the results CSV (score with four decimals); the number of rows written."""
    writer = csvfile.writer(handle, lineterminator="\n")
    writer.writerow(OUTPUT_HEADER)
    count = 0
    for row in rows:
        writer.writerow([row.query_id, row.candidate_id, row.candidate_name, f"{row.score:.4f}"])
        count += 1
    return count
