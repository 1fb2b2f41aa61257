"""Transient database conflicts: what they are, and running a unit of work again after one.

Services follow one lock order (docs/architecture.md, "Locks"), so writers do not deadlock
one another. As a last line, a unit of work that still meets a transient conflict — a
deadlock, a serialization failure or a lock not available on PostgreSQL, "database is
locked" on SQLite — is run again from the start by `retrying`, a few times with a short,
jittered pause. Its transaction was rolled back whole, so nothing of the failed attempt
remains in the database.

Two conditions make a new attempt safe, and `retrying` checks both:

- the work runs outside any transaction (`connection.in_atomic_block` is false): inside one,
  the outer transaction is already aborted and only its owner can start it again;
- the failed attempt committed no transaction that wrote: a unit of work that ran two
  services, the first committed and the second deadlocked, is not run again (the first
  would happen twice). A single statement outside any transaction does not count: the house
  rules leave those to bookkeeping that may happen twice, such as an API token's last use
  (every write of data goes through a service, in a transaction).
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connection, transaction

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 4  # the first and three more
PAUSE_SECONDS = 0.05  # before the second attempt; doubled each time, with jitter
RETRY_AFTER_SECONDS = 1  # what a client is told when every attempt met a conflict

# SQLSTATE codes of PostgreSQL's transient conflicts: serialization_failure, deadlock_detected,
# lock_not_available.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
_SQLITE_LOCKED = ("database is locked", "database table is locked")
_WRITE = re.compile(
    r"^\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE|REPLACE)\b", re.IGNORECASE
)


def is_transient(exc: BaseException | None) -> bool:
    """Whether the error, or one it was raised from, is a conflict that a new attempt can
    pass (PostgreSQL's SQLSTATE in TRANSIENT_SQLSTATES, SQLite's "database is locked")."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        sqlstate = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
        if sqlstate in TRANSIENT_SQLSTATES:
            return True
        if type(exc).__name__ == "OperationalError" and any(
            text in str(exc) for text in _SQLITE_LOCKED
        ):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class _CommitWatch:
    """Watches the statements of one attempt: `committed` turns true once a transaction
    that wrote commits."""

    def __init__(self) -> None:
        self.committed = False

    def _mark(self) -> None:
        self.committed = True

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        db = context["connection"]
        if db.in_atomic_block and _WRITE.match(sql or ""):
            transaction.on_commit(self._mark, using=db.alias)
        return execute(sql, params, many, context)


def retrying(work: Callable[[], T], *, label: str = "") -> T:
    """`work()`, run again after a transient conflict while that is safe (see the module's
    notes), at most ATTEMPTS times; the last conflict is raised when none is left."""
    if connection.in_atomic_block:
        return work()
    for attempt in range(1, ATTEMPTS + 1):
        watch = _CommitWatch()
        try:
            with connection.execute_wrapper(watch):
                return work()
        except Exception as exc:
            if attempt == ATTEMPTS or watch.committed or not is_transient(exc):
                raise
            pause = PAUSE_SECONDS * 2 ** (attempt - 1) * (0.5 + random.random())  # noqa: S311
            log.warning(
                "transient database conflict in %s (attempt %d of %d), again in %.0f ms: %s",
                label or getattr(work, "__name__", "work"),
                attempt,
                ATTEMPTS,
                pause * 1000,
                str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            )
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover
