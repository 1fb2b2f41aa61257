"""Analysing many names on several cores, for building a large index.

An index of 100,000 entries spends three quarters of its build analysing names (scripts,
readings, legal forms, patronymics); the analyses are independent of each other. With
`workers` > 1, the entries are cut into that many runs: this process analyses the first, and a
forked child each of the others (a fork shares the entries and the loaded dictionaries without
copying them), which sends its analyses back pickled through a pipe. Filing them in the index
stays in this process, in the entries' order, so the index is the same as a serial build.

Forking is only done where asked (`sswbridge screen --workers`, the bench): never in a web
process, whose other threads may hold locks a child would inherit. Where the platform does not
fork, or for a few entries, the analysis is serial.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 20_000  # below this a fork and a pickle cost more than they save


def _child(items: Sequence[Any], analyse: Callable[[Any], Any], out: Connection) -> None:
    try:
        out.send([analyse(item) for item in items])
    finally:
        out.close()


def map_in_runs(analyse: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """`[analyse(item) for item in items]`, in runs on `workers` processes where it pays."""
    if (
        workers <= 1
        or len(items) < MIN_PARALLEL
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [analyse(item) for item in items]
    context = multiprocessing.get_context("fork")
    size = -(-len(items) // workers)
    runs = [items[start : start + size] for start in range(0, len(items), size)]
    children = []
    for run in runs[1:]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(run, analyse, send), daemon=True)
        child.start()
        send.close()  # the child holds its own end
        children.append((child, receive))
    results = [analyse(item) for item in runs[0]]
    for child, receive in children:
        try:
            results.extend(receive.recv())
        except EOFError as exc:  # the child died before sending
            child.join()  # its exit code is known once it is reaped
            raise RuntimeError(f"an analysing process ended with code {child.exitcode}") from exc
        finally:
            receive.close()
            child.join()
    return results
