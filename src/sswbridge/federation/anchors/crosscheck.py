"""`verify-audit --peers` (registered with audit/peers.py): for each peer, check

1. every checkpoint kept from the peer against the peer's keys (and list the flagged ones);
2. this node's own records of the shared history: each envelope's content against its content
   hash, each receipt against the key that signed it;
3. with the peer's signed view (view.py): the peer's audit entries at the checkpoints kept
   here, this node's audit entries at the checkpoints the peer keeps, and both nodes'
   envelopes one by one (id, content hash, receipt), naming each one that diverges.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from sswbridge.audit import peers as audit_peers
from sswbridge.audit.models import AuditEntry
from sswbridge.core import nodekey
from sswbridge.federation import receipts, wire
from sswbridge.federation.anchors import checkpoints, view
from sswbridge.federation.models import Direction, Envelope, Peer, PeerCheckpoint
from sswbridge.frameworks.models import Side

OK, WARNING, FAILURE = audit_peers.OK, audit_peers.WARNING, audit_peers.FAILURE
Finding = audit_peers.Finding


def _superseded(seq: int, signed_at: dt.datetime, restores: list[list[Any]]) -> bool:
    """Whether a restore from a backup after `signed_at` rewound the chain below `seq`."""
    return any(
        checkpoints.created_at({"created_at": at}) > signed_at and restored_to < seq
        for restored_to, at in restores
    )


def _name(code: str, seq: int, envelope_id: str) -> str:
    return _("envelope %(id)s (%(side)s #%(seq)s)") % {"id": envelope_id, "side": code, "seq": seq}


def kept_checkpoints(peer: Peer) -> list[Finding]:
    found: list[Finding] = []
    keys = view.all_keys(peer)
    for row in PeerCheckpoint.objects.filter(peer=peer):
        try:
            checkpoints.verify({"checkpoint": row.document, "signature": row.signature}, keys)
        except checkpoints.BadCheckpoint as error:
            found.append(
                (
                    FAILURE,
                    _("checkpoint %(pk)s kept from the peer: %(error)s")
                    % {"pk": row.pk, "error": error},
                )
            )
            continue
        if (row.audit_seq, row.audit_hash) != (
            row.document["audit_seq"],
            row.document["audit_hash"],
        ):
            found.append(
                (
                    FAILURE,
                    _("checkpoint %(pk)s kept from the peer was altered here") % {"pk": row.pk},
                )
            )
        if row.flag:
            level = FAILURE if row.flag == checkpoints.DIVERGES else WARNING
            found.append(
                (
                    level,
                    _("checkpoint %(pk)s of %(time)s was flagged on arrival (%(flag)s): %(detail)s")
                    % {
                        "pk": row.pk,
                        "time": row.created_at,
                        "flag": row.flag,
                        "detail": row.flag_detail,
                    },
                )
            )
    return found


def own_records(peer: Peer, own: Side) -> list[Finding]:
    """Each envelope of the shared history here against its content hash and its receipt."""
    found: list[Finding] = []
    peer_keys = view.all_keys(peer)
    own_keys = {key_id: key.key for key_id, key in nodekey.trusted().items()}
    shared = Envelope.objects.filter(framework=peer.framework).filter(
        from_side__in=[own, peer.side], to_side__in=[own, peer.side]
    )
    for envelope in shared.select_related("framework", "from_side", "to_side"):
        name = _name(envelope.from_side.code, envelope.sequence, str(envelope.pk))
        if wire.content_hash(wire.body(envelope)) != envelope.content_hash:
            found.append(
                (
                    FAILURE,
                    _("%(envelope)s: its content no longer matches its content hash %(hash)s")
                    % {"envelope": name, "hash": envelope.content_hash},
                )
            )
        if envelope.receipt is None or (
            envelope.direction == Direction.OUT and envelope.status != "delivered"
        ):
            continue
        keys = peer_keys if envelope.direction == Direction.OUT else own_keys
        try:
            receipts.check(
                envelope.receipt,
                envelope_id=str(envelope.pk),
                content_hash=envelope.content_hash,
                keys=keys,
            )
        except receipts.BadReceipt as error:
            found.append(
                (
                    FAILURE,
                    _("%(envelope)s: its receipt does not prove it: %(error)s")
                    % {"envelope": name, "error": error},
                )
            )
    return found


def compare_envelopes(
    peer: Peer, own: Side, theirs: list[list[Any]], *, peer_restored: bool = False
) -> list[Finding]:
    found: list[Finding] = []
    own_restored = bool(view.restores())
    ours = {(row[0], row[1]): row for row in view.envelopes(peer, own)}
    other = {(row[0], row[1]): row for row in theirs}
    for key in sorted(set(ours) | set(other)):
        code, seq = key
        here, there = ours.get(key), other.get(key)
        sent_here = code == own.code
        if here is not None and there is not None:
            name = _name(code, seq, here[2])
            if here[2] != there[2]:
                found.append(
                    (
                        FAILURE,
                        _("%(envelope)s: the peer holds envelope %(other)s with this number")
                        % {"envelope": name, "other": there[2]},
                    )
                )
            elif here[3] != there[3]:
                found.append(
                    (
                        FAILURE,
                        _("%(envelope)s: content hash %(here)s here, %(there)s on the peer")
                        % {"envelope": name, "here": here[3], "there": there[3]},
                    )
                )
            elif (
                here[5] and there[5] and here[4] == there[4] == "delivered" and here[5] != there[5]
            ):
                found.append(
                    (
                        FAILURE,
                        _("%(envelope)s: its receipt here differs from the peer's")
                        % {"envelope": name},
                    )
                )
            continue
        if here is not None:
            name = _name(code, seq, here[2])
            if sent_here and here[4] != "delivered":
                continue  # not delivered yet, or refused by the peer
            if not sent_here and peer_restored:
                found.append(
                    (
                        WARNING,
                        _(
                            "%(envelope)s: received here; the peer, restored from a backup "
                            "since, has no record of sending it"
                        )
                        % {"envelope": name},
                    )
                )
                continue
            what = (
                _(
                    "%(envelope)s: delivered (the peer's signed receipt is here), but the peer "
                    "has no record of it"
                )
                if sent_here
                else _("%(envelope)s: received here, but the peer has no record of sending it")
            )
            found.append((FAILURE, what % {"envelope": name}))
            continue
        assert there is not None
        name = _name(code, seq, there[2])
        if not sent_here and there[4] != "delivered":
            continue  # the peer has not delivered it yet
        if sent_here and own_restored:
            found.append(
                (
                    WARNING,
                    _(
                        "%(envelope)s: sent by this node before it was restored "
                        "from a backup; only the peer holds it"
                    )
                    % {"envelope": name},
                )
            )
            continue
        what = (
            _("%(envelope)s: the peer received it from this node, which has no record of it")
            if sent_here
            else _(
                "%(envelope)s: the peer holds this node's receipt for it, but it is not here "
                "(ask it to resend: `peer ask-resend`)"
            )
        )
        found.append((FAILURE, what % {"envelope": name}))
    return found


def compare_chains(peer: Peer, document: dict[str, Any]) -> list[Finding]:
    """The peer's audit entries at the checkpoints kept here; this node's at those it keeps."""
    found: list[Finding] = []
    pins = {n: h for n, h in document.get("pins", [])}
    for row in PeerCheckpoint.objects.filter(peer=peer):
        if row.audit_seq not in pins or pins[row.audit_seq] == row.audit_hash:
            continue
        if _superseded(row.audit_seq, row.created_at, document.get("restores", [])):
            continue
        found.append(
            (
                FAILURE,
                _(
                    "the peer's audit entry #%(seq)s no longer has the hash it "
                    "signed on %(time)s (checkpoint %(pk)s)"
                )
                % {"seq": row.audit_seq, "time": row.created_at, "pk": row.pk},
            )
        )
    own_keys = {key_id: key.key for key_id, key in nodekey.trusted().items()}
    restores = view.restores()
    for signed in document.get("held", []):
        try:
            held = checkpoints.verify(signed, own_keys)
        except checkpoints.BadCheckpoint as error:
            found.append(
                (
                    FAILURE,
                    _("a checkpoint of this node's kept by the peer: %(error)s") % {"error": error},
                )
            )
            continue
        seq = held["audit_seq"]
        entry = AuditEntry.objects.filter(seq=seq).values_list("entry_hash", flat=True).first()
        if entry == held["audit_hash"] or seq == 0:
            continue
        if _superseded(seq, checkpoints.created_at(held), restores):
            continue
        found.append(
            (
                FAILURE,
                _(
                    "this node's audit entry #%(seq)s differs from the checkpoint "
                    "it signed on %(time)s, kept by the peer"
                )
                % {"seq": seq, "time": held["created_at"]},
            )
        )
    return found


def check_peer(peer: Peer) -> list[Finding]:
    label = f"{peer} ({peer.framework.code}:{peer.side.code})"
    own = checkpoints.own_side(peer)
    if own is None:
        return []
    found = kept_checkpoints(peer) + own_records(peer, own)
    pins = list(PeerCheckpoint.objects.filter(peer=peer).values_list("audit_seq", flat=True))
    try:
        document = view.fetch(peer, own, pins)
    except view.ViewFailed as error:
        found.append((FAILURE, _("cannot compare with the peer: %(error)s") % {"error": error}))
    else:
        found += compare_chains(peer, document)
        found += compare_envelopes(
            peer, own, document.get("envelopes", []), peer_restored=bool(document.get("restores"))
        )
    if not any(level == FAILURE for level, _text in found):
        count = Envelope.objects.filter(framework=peer.framework).count()
        found.append(
            (OK, _("%(count)s envelopes agree with the peer's records") % {"count": count})
        )
    return [(level, f"{label}: {text}") for level, text in found]


def check_all() -> list[Finding]:
    found: list[Finding] = []
    for peer in Peer.objects.select_related("framework", "side"):
        found += check_peer(peer)
    return found
