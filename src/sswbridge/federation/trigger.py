"""Delivery right after a commit: a transaction that queued envelopes wakes a delivery pass
in a thread of its own process (`transaction.on_commit(trigger.wake)`), so that delivery does
not wait for the worker's next poll. At most one such pass runs per process; a wake during a
pass makes it run once more. Off with SSWBRIDGE_FEDERATION_DELIVER_ON_COMMIT=false (and in
the tests, whose in-memory database another thread cannot see)."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection

from sswbridge.federation import delivery

log = logging.getLogger(__name__)

_lock = threading.Lock()
_running = False
_again = False


def wake() -> None:
    """After a commit that queued envelopes: a delivery pass in a thread of this process, at
    most one at a time (a wake during a pass makes it run once more)."""
    global _running, _again
    if not settings.FEDERATION_DELIVER_ON_COMMIT:
        return
    with _lock:
        if _running:
            _again = True
            return
        _running = True
    threading.Thread(target=_drain, name="federation-delivery", daemon=True).start()


def _drain() -> None:
    global _running, _again
    try:
        while True:
            with _lock:
                _again = False
            try:
                delivery.deliver_all()
            except Exception:
                log.exception("federation delivery pass failed; the worker will retry")
            with _lock:
                if not _again:
                    _running = False
                    return
    finally:
        with _lock:
            _running = False
        connection.close()
