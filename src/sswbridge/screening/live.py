"""The process-wide screening index: loaded from the registers once, then kept fresh.

`get_index()` loads every available source on first use; afterwards, before each use, it
applies the change-log rows it has not yet applied (`sync`), re-reading only the records
named. Rows of the last minute are looked at again, so a transaction that committed late
with a lower row id is not missed; rows already applied are skipped.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.db.models import Max, Q
from django.utils import timezone

from sswbridge.screening import sources
from sswbridge.screening.index import ScreeningIndex
from sswbridge.screening.models import WHOLE_SOURCE, ScreeningChange

WINDOW = dt.timedelta(seconds=60)

_lock = threading.RLock()
_index: ScreeningIndex | None = None
_seen = 0
_applied: dict[int, dt.datetime] = {}


def load() -> ScreeningIndex:
    """A new index of every available source, as the database holds them now."""
    index = ScreeningIndex()
    for source in sources.available():
        for entry in source.entries():
            index.add(entry)
    return index


def get_index() -> ScreeningIndex:
    """The index of this process, loaded on first use and brought up to date."""
    global _index, _seen
    with _lock:
        if _index is None:
            _seen = ScreeningChange.objects.aggregate(last=Max("id"))["last"] or 0
            _applied.clear()
            _index = load()
        else:
            sync(_index)
        return _index


def sync(index: ScreeningIndex) -> int:
    """Apply the changes not yet applied; the number of records re-read."""
    global _seen
    now = timezone.now()
    rows = list(
        ScreeningChange.objects.filter(Q(id__gt=_seen) | Q(created_at__gte=now - WINDOW))
        .exclude(id__in=list(_applied))
        .order_by("id")
        .values_list("id", "source", "object_id", "created_at")
    )
    todo: dict[tuple[str, str], None] = {}
    for row_id, source, object_id, created_at in rows:
        todo[(source, object_id)] = None
        _applied[row_id] = created_at
        _seen = max(_seen, row_id)
    for row_id in [r for r, at in _applied.items() if at < now - WINDOW]:
        del _applied[row_id]
    for source_name, object_id in todo:
        apply(index, source_name, object_id)
    return len(todo)


def apply(index: ScreeningIndex, source_name: str, object_id: str) -> None:
    """Bring one record (or a whole source) of the index up to date with the database."""
    source = sources.get(source_name)
    if source is None or source.model_class() is None:
        return
    if object_id == WHOLE_SOURCE:
        for old in index.entries():
            if old.source == source_name:
                index.remove(old.id)
        for new in source.entries():
            index.add(new)
        return
    current = source.load(object_id)
    if current is None:
        index.remove(f"{source_name}:{object_id}")
    else:
        index.update(current)


def reset() -> None:
    """Forget the index of this process (tests; after restoring a database)."""
    global _index, _seen
    with _lock:
        _index = None
        _seen = 0
        _applied.clear()
