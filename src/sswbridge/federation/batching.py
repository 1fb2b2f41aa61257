"""Delivery in batches: consecutive claimed envelopes to one peer go in one signed request to
its `v1/batches` endpoint (at most SSWBRIDGE_FEDERATION_BATCH envelopes and BATCH_BYTES of
body), and each answer in the list is taken as if the envelope had been posted alone
(`delivery.answered`). One request, one signature and one commit on the receiver for the
batch, instead of one per envelope. A peer without the endpoint (404) gets them one by one."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.utils import timezone

from sswbridge.federation import canonical, delivery, transport, wire
from sswbridge.federation.models import Envelope, Peer

log = logging.getLogger(__name__)

BATCH_BYTES = 1_000_000  # well under Django's DATA_UPLOAD_MAX_MEMORY_SIZE on the receiver


def chunks(
    envelopes: Iterable[Envelope], peer_of: Callable[[Envelope], Peer | None]
) -> Iterator[tuple[list[Envelope], Peer | None]]:
    """Consecutive envelopes to the same peer, in their order, cut at the batch's size; one
    envelope larger than BATCH_BYTES, or one without a peer, goes alone."""
    current: list[Envelope] = []
    current_peer: Peer | None = None
    size = 0
    for envelope in envelopes:
        peer = peer_of(envelope)
        length = len(wire.encode(envelope))
        if current and (
            peer is None
            or current_peer is None
            or peer.pk != current_peer.pk
            or len(current) >= settings.FEDERATION_BATCH
            or size + length > BATCH_BYTES
        ):
            yield current, current_peer
            current, size = [], 0
        current.append(envelope)
        current_peer, size = peer, size + length
    if current:
        yield current, current_peer


def deliver(envelopes: list[Envelope], peer: Peer, result: delivery.Pass) -> None:
    """One attempt at a batch of claimed envelopes of one stream to `peer`."""
    now = timezone.now()
    body = canonical.dumps({"envelopes": [wire.body(envelope) for envelope in envelopes]})
    try:
        answer = transport.post(peer.batches_url, body)
    except transport.Unreachable as error:
        delivery.unreachable(envelopes[0], peer, now, error, result)
        for envelope in envelopes[1:]:
            delivery._release(envelope)
            result.skipped += 1
        return
    if answer.status == 404:  # a peer without batches
        for envelope in envelopes:
            if peer.pk in result.unreachable:
                delivery._release(envelope)
                result.skipped += 1
            else:
                delivery.deliver(envelope, peer, result)
        return
    items = answer.data.get("results")
    if answer.status != 200 or not isinstance(items, list) or len(items) != len(envelopes):
        # The request itself was refused (a key, the rate limit, ...): so was each envelope.
        answers = [answer] * len(envelopes)
    else:
        answers = [_answer(item) for item in items]
    # Each receipt is stored in a transaction of its own, as after a single post: one for the
    # batch would hold the audit head (and lock each communication after it) for all of them.
    for envelope, one in zip(envelopes, answers, strict=True):
        try:
            delivery.answered(envelope, peer, one, now, result)
        except Exception:
            log.exception("recording the delivery of envelope %s failed", envelope.pk)
            delivery._retry(envelope, timezone.now(), "internal error; see the log")
            result.failed += 1


def _answer(item: object) -> transport.Answer:
    if not isinstance(item, dict) or type(item.get("status")) is not int:
        return transport.Answer(502, {"code": "bad_batch_answer"})
    data = dict(item)
    return transport.Answer(data.pop("status"), data)
