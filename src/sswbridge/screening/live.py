"""The process-wide screening index: loaded once, then kept fresh.

`get_index()` on first use loads the index saved on disk (`store.py`) and applies only the
change-log rows written since it was saved; when there is none fit to use, it builds the
index from every available source and saves it. Afterwards, before each use, it applies
the change-log rows it has not yet applied (`sync`), re-reading only the records named.
Rows created since a minute before the previous read of the log are looked at again, so a
transaction that committed late with a lower row id is not missed; rows already applied
are skipped. After `RESAVE_AFTER` records re-read, the process saves the index again, so
that the next start has little to catch up.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db.models import Max, Q
from django.utils import timezone

from sswbridge.screening import sources, store
from sswbridge.screening.index import ScreeningIndex
from sswbridge.screening.models import WHOLE_SOURCE, ScreeningChange

log = logging.getLogger(__name__)

WINDOW = dt.timedelta(seconds=60)
RESAVE_AFTER = 1000  # records re-read since the index was saved

_lock = threading.RLock()
_index: ScreeningIndex | None = None
_seen = 0
_horizon: dt.datetime | None = None
_applied: dict[int, dt.datetime] = {}
_unsaved = 0
# How this process got its index: counted for tests and benchmarks.
counts = {"built": 0, "loaded": 0, "saved": 0}


def load() -> ScreeningIndex:
    """A new index of every available source, as the database holds them now."""
    index = ScreeningIndex()
    for source in sources.available():
        index.add_many(source.entries())
    counts["built"] += 1
    return index


def get_index() -> ScreeningIndex:
    """The index of this process, loaded on first use and brought up to date."""
    global _index
    with _lock:
        if _index is None:
            _index = _from_disk() or _build()
        else:
            _resave_if_behind(sync(_index))
        return _index


def _build() -> ScreeningIndex:
    global _seen, _horizon, _unsaved
    _horizon = timezone.now()
    _seen = ScreeningChange.objects.aggregate(last=Max("id"))["last"] or 0
    _applied.clear()
    index = load()
    _unsaved = 0
    save(index)
    return index


def _from_disk() -> ScreeningIndex | None:
    """The saved index brought up to date, or None when it cannot be used."""
    global _seen, _horizon
    saved = store.read()
    if saved is None:
        return None
    index, position = saved
    if not _same_history(position):
        return None
    _seen, _horizon = position.seen, position.horizon
    _applied.clear()
    _applied.update(position.applied)
    counts["loaded"] += 1
    _resave_if_behind(sync(index), index)
    return index


def _same_history(position: store.Position) -> bool:
    """The change log still holds the row the index was saved at, as it was: the database
    was not restored to an earlier state or replaced since."""
    if not position.seen:
        return not ScreeningChange.objects.filter(created_at__lt=position.horizon - WINDOW).exists()
    row = ScreeningChange.objects.filter(id=position.seen).values_list("created_at", flat=True)
    at = row.first()
    return at is not None and at.isoformat() == position.seen_at


def _resave_if_behind(reread: int, index: ScreeningIndex | None = None) -> None:
    global _unsaved
    _unsaved += reread
    if _unsaved >= RESAVE_AFTER:
        save(index or _index)


def save(index: ScreeningIndex | None = None) -> None:
    """Save this process's index with its position in the change log (errors are logged:
    the index on disk is a cache, the registers stay the truth)."""
    global _unsaved
    with _lock:
        index = index or _index
        if index is None or _horizon is None:
            return
        seen_at = ScreeningChange.objects.filter(id=_seen).values_list("created_at", flat=True)
        at = seen_at.first()
        position = store.Position(
            seen=_seen,
            seen_at=at.isoformat() if at is not None else "",
            horizon=_horizon,
            applied=dict(_applied),
        )
        try:
            if store.write(index, position) is None:
                return
        except OSError:
            log.warning("the screening index could not be saved", exc_info=True)
            return
        _unsaved = 0
        counts["saved"] += 1


def sync(index: ScreeningIndex) -> int:
    """Apply the changes not yet applied; the number of records re-read."""
    global _seen, _horizon
    now = timezone.now()
    since = min(now, _horizon or now) - WINDOW
    rows = list(
        ScreeningChange.objects.filter(Q(id__gt=_seen) | Q(created_at__gte=since))
        .exclude(id__in=list(_applied))
        .order_by("id")
        .values_list("id", "source", "object_id", "created_at")
    )
    todo: dict[tuple[str, str], None] = {}
    for row_id, source, object_id, created_at in rows:
        todo[(source, object_id)] = None
        _applied[row_id] = created_at
        _seen = max(_seen, row_id)
    _horizon = now
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
    """Forget the index of this process (tests; a restart; after restoring a database)."""
    global _index, _seen, _horizon, _unsaved
    with _lock:
        _index = None
        _seen = 0
        _horizon = None
        _unsaved = 0
        _applied.clear()
