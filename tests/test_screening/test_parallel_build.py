"""A build on several processes gives the same index as a serial one (`screening/parallel.py`)."""

from __future__ import annotations

import os

import pytest

from sswbridge.screening import parallel
from sswbridge.screening.entries import ORGANIZATION, PERSON, Entry, Query
from sswbridge.screening.index import ScreeningIndex

NAMES = [
    ("Асанов Бакыт", PERSON),
    ("Bakyt Asan uulu", PERSON),
    ("ОсОО «Ак-Жол Тревел»", ORGANIZATION),
    ("株式会社山田商事", ORGANIZATION),
    ("ヤマダショウジ", ORGANIZATION),
    ("アサノフ・バキト", PERSON),
    ("Жумабаев Нурлан Токтогулович", PERSON),
    ("Sakura Logistics LLC", ORGANIZATION),
]


def entries(count: int) -> list[Entry]:
    return [
        Entry(id=f"e{i}", names=(f"{NAMES[i % len(NAMES)][0]} {i}",), kind=NAMES[i % len(NAMES)][1])
        for i in range(count)
    ]


@pytest.fixture
def parallel_from_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)


@pytest.mark.usefixtures("parallel_from_one")
@pytest.mark.parametrize("workers", [2, 3])
def test_a_parallel_build_files_every_entry_as_a_serial_one(workers: int) -> None:
    listed = entries(50)
    serial = ScreeningIndex(listed)
    forked = ScreeningIndex(listed, workers=workers)
    assert forked.export() == serial.export()
    query = Query(name="Асанов Бакыт 9", kind=PERSON)
    assert [c.entry.id for c in forked.search(query)] == [c.entry.id for c in serial.search(query)]


@pytest.mark.usefixtures("parallel_from_one")
def test_the_analyses_come_back_in_order_from_every_process() -> None:
    assert parallel.map_in_runs(str.upper, ["a", "b", "c", "d", "e"], 2) == list("ABCDE")
    pids = parallel.map_in_runs(lambda _item: os.getpid(), list(range(4)), 2)
    assert pids[0] == os.getpid() and pids[-1] != os.getpid()  # the second run was forked


def test_few_entries_are_analysed_in_this_process() -> None:
    pids = parallel.map_in_runs(lambda _item: os.getpid(), list(range(4)), 2)
    assert set(pids) == {os.getpid()}


@pytest.mark.usefixtures("parallel_from_one")
def test_a_child_that_dies_is_an_error_not_a_short_index() -> None:
    def die(item: int) -> int:
        if item >= 2:
            os._exit(3)
        return item

    with pytest.raises(RuntimeError, match="code 3"):
        parallel.map_in_runs(die, list(range(4)), 2)
