"""Per-kind handlers ("materializers") of envelopes, filled from the apps' `ready()`: the
federation imports no domain app, so each app registers what it does with its own kinds.

- `received(envelope)` runs on the receiving node, in the transaction that stores a new
  incoming envelope (never again for a redelivery): it turns the envelope into the app's
  record. It raises `Rejected` for content that can never become a record (the envelope is
  refused, `unprocessable`, and not sent again) and `NotReady` when this node cannot take it
  yet (refused with `not_ready`: the sender tries again later). Either way nothing is stored.
- `delivered(envelope)` runs on the sending node, in the transaction that stores the peer's
  signed delivery receipt (`envelope.delivered_at` is the receipt's time)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sswbridge.federation.models import Envelope


class Rejected(Exception):
    """The envelope's content cannot become a record here. `code`: the refusal the sender
    reads (`unprocessable`, or `commitment_mismatch` for a released value that does not open
    the commitment received earlier)."""

    def __init__(self, message: str = "", *, code: str = "unprocessable") -> None:
        super().__init__(message)
        self.code = code


class NotReady(Exception):
    """This node cannot take the envelope yet (for example: no contact point designated)."""


Handler = Callable[["Envelope"], None]


@dataclass(frozen=True)
class Handlers:
    received: Handler | None = None
    delivered: Handler | None = None


_registry: dict[str, Handlers] = {}


def register(
    kind: str, *, received: Handler | None = None, delivered: Handler | None = None
) -> None:
    """Register the handlers of envelopes of `kind` (once per kind)."""
    if kind in _registry and _registry[kind] != Handlers(received, delivered):
        raise ValueError(f"handlers for {kind!r} are registered already")
    _registry[kind] = Handlers(received, delivered)


def registered(kind: str) -> Handlers:
    return _registry.get(kind, Handlers())


def on_received(envelope: Envelope) -> None:
    handler = registered(envelope.kind).received
    if handler is not None:
        handler(envelope)


def on_delivered(envelope: Envelope) -> None:
    handler = registered(envelope.kind).delivered
    if handler is not None:
        handler(envelope)
