"""Erasing a communication's personal data at the end of its retention period, on this node
and on the other node that holds a copy (issue 14).

The registers that own the records (suspensions' return letters, orders' notices) erase the
letters that carried them with `erase`, inside retention's own transaction. When the
communication travelled to or from another node, an erasure notice (a signed envelope of kind
`exchange.erasure`) goes to that node in the same transaction; there the same fields of its
copy are erased (audited as `retention_erase`) and a signed receipt of kind `erased` comes
back, which this node records on the communication (`retention_erase_confirmed`). The values
carried by the envelopes themselves (visible, withheld or released) are erased with them; the
commitments stay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from sswbridge.audit import services as audit
from sswbridge.exchange.models import Communication
from sswbridge.federation import handlers, hosting, receipts
from sswbridge.federation import services as federation
from sswbridge.federation.models import Direction, Envelope
from sswbridge.federation.services import erased as envelope_erasure

NOTICE = "exchange.erasure"
RECEIPT = "exchange.receipt"  # exchange/federation.py: its `erased` event comes here
ERASED = "erased"
BODY = "body"
PAYLOAD = "payload."
RELEASE = "exchange.release"


def _notice_text() -> str:
    return gettext("The personal data in this letter was erased at the end of its period.")


def _apply(c: Communication, names: Iterable[str]) -> list[str]:
    """Erase the named fields (`body`, `payload.<name>`) of `c` with a plain UPDATE (a
    terminated framework's archive guards `save`); the names of those erased."""
    names = list(names)
    payload = dict(c.payload) if isinstance(c.payload, dict) else {}
    changes: dict[str, Any] = {}
    done: list[str] = []
    if BODY in names:
        changes["body"] = _notice_text()
        done.append(BODY)
    for name in names:
        key = name.removeprefix(PAYLOAD)
        if name.startswith(PAYLOAD) and key in payload:
            payload[key] = ""
            done.append(name)
    if any(n.startswith(PAYLOAD) for n in done):
        changes["payload"] = payload
    if changes:
        Communication.objects.filter(pk=c.pk).update(**changes)
    return done


def _envelopes(c: Communication) -> list[Envelope]:
    """The envelopes that carried values of `c`: itself (either way) and released openings."""
    rows = list(Envelope.objects.filter(pk=c.pk))
    rows += [
        e
        for e in Envelope.objects.filter(kind=RELEASE, framework_id=c.framework_id)
        if isinstance(e.payload, dict) and e.payload.get("communication") == str(c.pk)
    ]
    return rows


def _erase_envelopes(c: Communication, names: list[str]) -> None:
    for envelope in _envelopes(c):
        if envelope.kind == RELEASE:
            field = PAYLOAD + str(envelope.payload.get("field"))
            if field in names and envelope.payload.get("opening") is not None:
                envelope_erasure.erase_values(envelope, [], opening=True)
            continue
        envelope_erasure.erase_values(envelope, names)


def erase(pk: Any, *, body: bool = False, payload: Iterable[str] | None = None) -> list[str]:
    """Erase the body (replaced by a notice) and the payload fields named (every one with
    `payload=None`) of communication `pk`, in the caller's transaction; tell the other node
    when it holds a copy. The names of the fields erased."""
    c = Communication.objects.filter(pk=pk).select_related("framework").first()
    if c is None:
        return []
    keys = list(c.payload) if payload is None and isinstance(c.payload, dict) else payload
    names = ([BODY] if body else []) + [PAYLOAD + str(k) for k in keys or ()]
    done = _apply(c, names)
    travelled = Envelope.objects.filter(pk=c.pk).exists()
    if not done or not travelled:
        return done
    _erase_envelopes(c, done)
    here = hosting.hosts(c.framework, c.originator_side)
    peer_side, own_side = (
        (c.recipient_side, c.originator_side) if here else (c.originator_side, c.recipient_side)
    )
    if hosting.hosts(c.framework, peer_side):  # both sides hosted here now: no other copy
        return done
    fields = {
        "communication": str(c.pk),
        "fields": done,
        "erased_at": receipts.timestamp(timezone.now()),
    }
    federation.enqueue(c.framework, peer_side, NOTICE, fields, from_side=own_side)
    return done


def receive_notice(envelope: Envelope) -> None:
    """On the node holding a copy: erase the same fields of it and confirm with a receipt of
    kind `erased`, signed by this node over the notice."""
    data = envelope.payload
    names = data.get("fields")
    if not isinstance(names, list) or not all(
        isinstance(n, str) and (n == BODY or n.startswith(PAYLOAD)) for n in names
    ):
        raise handlers.Rejected("not an erasure notice: it names no fields")
    c = (
        Communication.objects.select_for_update(no_key=True)
        .filter(pk=str(data.get("communication")), framework=envelope.framework)
        .first()
    )
    if c is None or envelope.from_side_id not in (c.originator_side_id, c.recipient_side_id):
        raise handlers.Rejected("the erasure notice names no communication held here")
    done = _apply(c, names)
    _erase_envelopes(c, names)
    audit.record(
        actor=None,
        action="retention_erase",
        obj=c,
        changes={"fields": done, "notice": str(envelope.pk), "from_peer": True},
    )
    signed = receipts.issue(
        envelope_id=str(envelope.pk),
        content_hash=envelope.content_hash,
        received_at=timezone.now(),
        kind=ERASED,
    )
    fields = {"communication": str(c.pk), "event": ERASED, "signed": signed, "reply": None}
    federation.enqueue(
        envelope.framework, envelope.from_side, RECEIPT, fields, from_side=envelope.to_side
    )


def confirmed(envelope: Envelope, receipt: dict[str, Any]) -> None:
    """On the node that sent the notice: the peer's signed receipt that it erased its copy
    (`receipt` is checked already and names the notice), recorded on the communication."""
    notice = Envelope.objects.filter(pk=receipt["envelope_id"], kind=NOTICE).first()
    c = (
        Communication.objects.filter(pk=str(notice.payload.get("communication"))).first()
        if notice is not None
        else None
    )
    if c is None:
        raise handlers.Rejected("the receipt names no erasure notice sent from here")
    audit.record(
        actor=None,
        action="retention_erase_confirmed",
        obj=c,
        changes={
            "fields": notice.payload.get("fields") if notice else [],
            "erased_at": receipt["received_at"],
            "receipt": receipt,
            "envelope": str(envelope.pk),
        },
    )


def confirmed_at(c: Communication) -> dt.datetime | None:
    """When the other node confirmed, with its signed receipt, that it erased its copy of `c`
    (the receipt's own time); None when it has not (or nothing was sent)."""
    row = (
        Envelope.objects.filter(
            direction=Direction.IN,
            kind=RECEIPT,
            framework_id=c.framework_id,
            payload__event=ERASED,
            payload__communication=str(c.pk),
        )
        .order_by("created_at")
        .first()
    )
    if row is None:  # a refused receipt is not stored
        return None
    return receipts.parse_timestamp(row.payload["signed"]["receipt"]["received_at"])
