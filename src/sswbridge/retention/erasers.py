"""The erasers of personal data, one per kind of the retention catalogue, registered by the app
that owns the records (its `erasure.py`, from its AppConfig.ready()): retention imports no
register.

An eraser is a pair: a finder (which records are candidates, and from which date their period
runs) and an erase function (how their personal fields are erased). Writes are plain
`UPDATE`s, called only by `services.erase_one` inside its transaction: erasure is due even in a
terminated framework's read-only archive (its guard works on `save`), and changes nothing but
the personal fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sswbridge.retention.catalogue import KINDS


@dataclass(frozen=True)
class Candidate:
    kind: str
    obj: Any
    reference_date: dt.date


Finder = Callable[[dt.date], Iterator[Candidate]]
Eraser = Callable[[Any], dict[str, dict[str, str]]]

ERASERS: dict[str, tuple[Finder, Eraser]] = {}


def register(kind: str, finder: Finder, eraser: Eraser) -> None:
    """Called from the owning app's ready(): the kind must be in the catalogue, once."""
    if kind not in KINDS:
        raise ValueError(f"retention kind {kind!r} is not in the retention catalogue")
    if ERASERS.get(kind, (finder, eraser)) != (finder, eraser):
        raise ValueError(f"retention kind {kind!r} has an eraser already")
    ERASERS[kind] = (finder, eraser)


def pseudonym(prefix: str, pk: Any) -> str:
    """A stable label from the record's id, never from its data."""
    return f"{prefix}-{str(pk).replace('-', '')[:8].upper()}"


def fields_of(kind: str) -> dict[str, dict[str, str]]:
    """What an erasure of this kind erased, as the audit entry records it."""
    return {part.model: {k: str(v) for k, v in part.fields.items()} for part in KINDS[kind].parts}
