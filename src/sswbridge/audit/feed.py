"""The event feed (`GET /api/v1/events`, issue 15 point 5): what changed, in order, among the
records the reader may see.

Its source is the audit trail. Every write has its entry, and writers take turns on the
chain's head row until their transaction ends (audit/services.py), so the entries' `seq`
grows in commit order: a cursor (the last `seq` read) never skips an event committed later
below it, and never shows one twice.

Each app registers the kinds of record it owns that make events (`register`, from its
`ready()`): the record's audit label, the event's public name, how an entry becomes an event
(or none), and the one read filter of those records. Visibility is judged when the feed is
read, through that filter: a record marked for one side never shows to the other, and one that
becomes visible later (a released field, a sent draft) does so by a new entry at the end of the
feed. An event carries its type and ids, never the record's content or the entry's changes:
the reader fetches the record through the API, under the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sswbridge.audit import labels
from sswbridge.audit.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    import datetime as dt

    from sswbridge.accounts.models import Agency, User

Classify = Callable[[str, dict[str, Any]], str | None]
Visible = Callable[["User", list[str]], Iterable[Any]]

#: How many entries one page scans at most, per event it returns.
SCAN_FACTOR = 10


def by_action(action: str, changes: dict[str, Any]) -> str | None:
    """The default: created, deleted, status_changed (a change of `status`) or updated."""
    if action == AuditAction.CREATE:
        return "created"
    if action == AuditAction.DELETE:
        return "deleted"
    if action == AuditAction.UPDATE:
        return "status_changed" if "status" in changes else "updated"
    return None


@dataclass(frozen=True)
class Source:
    object_type: str
    name: str
    visible: Visible
    classify: Classify


_sources: dict[str, Source] = {}


def register(
    object_type: str, name: str, *, visible: Visible, classify: Classify = by_action
) -> None:
    """Entries about `object_type` records make `name.<what>` events for the readers to whom
    `visible(user, ids)` (the pks, as strings, of those among `ids` they may read) shows
    the record."""
    source = Source(object_type, name, visible, classify)
    for label in labels.aliases(object_type):  # entries written before a move too
        if _sources.get(label, source) != source:
            raise ValueError(f"the feed of {label!r} is registered already")
        _sources[label] = source


def scoped(model: Any) -> Visible:
    """The read filter of a model with `objects.visible_to(user)` (the scoped models)."""

    def visible(user: User, ids: list[str]) -> Iterable[Any]:
        readable = model.objects.visible_to(user).filter(pk__in=ids)
        return list(readable.values_list("pk", flat=True))

    return visible


def event_types() -> list[str]:
    return sorted({source.name for source in _sources.values()})


def more_after(cursor: int) -> bool:
    """Whether entries of the feed's kinds follow `cursor` (visible to the reader or not)."""
    return AuditEntry.objects.filter(seq__gt=cursor, object_type__in=list(_sources)).exists()


def head() -> int:
    """The cursor of the feed's end now: a reader starting there sees only what follows."""
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return int(last or 0)


@dataclass(frozen=True)
class Event:
    cursor: int
    type: str
    occurred_at: dt.datetime
    framework: str
    object_type: str
    object_id: str


def page(user: User, after: int, limit: int) -> tuple[list[Event], int]:
    """Up to `limit` events after the cursor `after` that `user` may see now, and the cursor
    to ask from next (past every entry scanned, shown or not)."""
    rows = (
        AuditEntry.objects.filter(seq__gt=after, object_type__in=list(_sources))
        .order_by("seq")
        .values(
            "seq", "created_at", "action", "framework_code", "object_type", "object_id", "changes"
        )[: limit * SCAN_FACTOR]
    )
    scanned: list[dict[str, Any]] = [dict(row) for row in rows]
    shown = _visible_ids(user, scanned)
    events: list[Event] = []
    cursor = after
    for row in scanned:
        if len(events) == limit:
            break
        cursor = row["seq"]
        if (row["object_type"], row["object_id"]) not in shown:
            continue
        event = _event(row)
        if event is not None:
            events.append(event)
    return events, cursor


def agency_reader(agency: Agency) -> User:
    """A reader who sees what every active user of `agency` sees (an unsaved user of no role):
    the feed of an agency's webhooks is judged by it. Every read filter decides by the
    reader's agency, side and frameworks, never by a role or by who the user is."""
    from sswbridge.accounts.models import User

    return User(agency=agency, is_active=True, username=f"agency:{agency.code}")


def _visible_ids(user: User, rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row["object_type"], set()).add(row["object_id"])
    shown: set[tuple[str, str]] = set()
    for object_type, ids in wanted.items():
        readable = _sources[object_type].visible(user, sorted(ids))
        shown.update((object_type, str(pk)) for pk in readable)
    return shown


def _event(row: dict[str, Any]) -> Event | None:
    source = _sources[row["object_type"]]
    what = source.classify(row["action"], row["changes"] or {})
    if what is None:
        return None
    return Event(
        cursor=row["seq"],
        type=f"{source.name}.{what}",
        occurred_at=row["created_at"],
        framework=row["framework_code"],
        object_type=source.object_type,
        object_id=row["object_id"],
    )
