"""Per-kind handlers ("materializers") of envelopes, filled from the apps' `ready()`: the
federation imports no domain app, so each app registers what it does with its own kinds.

- `received(envelope)` runs on the receiving node, in the transaction that stores a new
  incoming envelope (never again for a redelivery): it turns the envelope into the app's
  record. If it raises, nothing is stored and the sender's delivery is tried again later.
- `delivered(envelope)` runs on the sending node, in the transaction that stores the peer's
  signed delivery receipt (`envelope.delivered_at` is the receipt's time)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sswbridge.federation.models import Envelope

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
