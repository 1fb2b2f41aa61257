"""The shared history with a peer, as both nodes can compute it: per stream (framework and
sending side), the envelopes in sequence order. A stream's digest up to number n chains
SHA-256 over (sequence, id, content hash) of envelopes 1..n, so two nodes holding the same
envelopes get the same digest, and one changed content hash changes every digest after it."""

from __future__ import annotations

import hashlib
from typing import Any

from sswbridge.federation import canonical
from sswbridge.federation.models import Direction, Envelope
from sswbridge.frameworks.models import Framework, Side

GENESIS = "0" * 64


def link(previous: str, sequence: int, envelope_id: str, content_hash: str) -> str:
    return hashlib.sha256(
        f"{previous}\n{sequence}\n{envelope_id}\n{content_hash}".encode()
    ).hexdigest()


def rows(direction: str, framework: Framework, from_side: Side) -> list[tuple[int, str, str]]:
    """(sequence, id, content hash) of the stream's envelopes here, in sequence order."""
    found = (
        Envelope.objects.filter(direction=direction, framework=framework, from_side=from_side)
        .order_by("sequence")
        .values_list("sequence", "id", "content_hash")
    )
    return [(seq, str(pk), content) for seq, pk, content in found]


def digest(direction: str, framework: Framework, from_side: Side, upto: int) -> str | None:
    """The stream's digest over envelopes 1..`upto`; None when one of them is not here."""
    value, expected = GENESIS, 1
    for seq, envelope_id, content_hash in rows(direction, framework, from_side):
        if seq > upto:
            break
        if seq != expected:
            return None
        value, expected = link(value, seq, envelope_id, content_hash), expected + 1
    return value if expected == upto + 1 else None


# Per process: the last run computed per stream, (upto, digest, id and content hash of its last
# envelope). Every receipt carries the digests, so recomputing a stream from its first envelope
# would cost O(n) per receipt; the run is resumed instead, after checking that the stream here
# still holds that last envelope unchanged and `upto` envelopes up to it (a restore or a rolled
# back transaction makes it start over). `verify-audit --peers` never uses it (`digest`).
_runs: dict[tuple[str, int, int], tuple[int, str, str, str]] = {}


def contiguous_digest(direction: str, framework: Framework, from_side: Side) -> dict[str, Any]:
    """{"upto": n, "digest": d}: the longest run 1..n of the stream held here, and its digest."""
    stream = Envelope.objects.filter(direction=direction, framework=framework, from_side=from_side)
    key = (direction, framework.pk, from_side.pk)
    value, upto, last = GENESIS, 0, ("", "")
    known = _runs.get(key)
    if known is not None:
        known_upto, known_value, *known_last = known
        held = stream.filter(sequence=known_upto).values_list("id", "content_hash").first()
        if (
            held is not None
            and (str(held[0]), held[1]) == tuple(known_last)
            and stream.filter(sequence__lte=known_upto).count() == known_upto
        ):
            value, upto, last = known_value, known_upto, (known_last[0], known_last[1])
    following = (
        stream.filter(sequence__gt=upto)
        .order_by("sequence")
        .values_list("sequence", "id", "content_hash")
    )
    for seq, envelope_id, content_hash in following:
        if seq != upto + 1:
            break
        value, upto = link(value, seq, str(envelope_id), content_hash), seq
        last = (str(envelope_id), content_hash)
    if upto:
        _runs[key] = (upto, value, *last)
    else:
        _runs.pop(key, None)
    return {"upto": upto, "digest": value}


def receipt_hash(envelope: Envelope) -> str:
    return canonical.digest(envelope.receipt) if envelope.receipt else ""


def direction_of(envelope_side: Side, own_side: Side) -> str:
    return Direction.OUT if envelope_side.pk == own_side.pk else Direction.IN
