"""Peers and their keys, the envelopes this node sends and receives, and the transport's
bookkeeping (sequences, seen nonces, per-peer rate counters). docs/federation.md explains them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.visibility import reader_agency


class PeerQuerySet(models.QuerySet["Peer"]):
    def visible_to(self, user: Any) -> PeerQuerySet:
        """The peers of the frameworks the user takes part in."""
        if reader_agency(user) is None:
            return self.none()
        return self.filter(framework__in=user.visible_frameworks())


class Peer(models.Model):
    """Another node: the one that hosts `side` in `framework`, reached at `base_url`."""

    framework = models.ForeignKey(
        "frameworks.Framework", verbose_name=_("framework"), on_delete=models.PROTECT
    )
    side = models.ForeignKey("frameworks.Side", verbose_name=_("side"), on_delete=models.PROTECT)
    base_url = models.URLField(_("base URL"), max_length=300)
    label = models.CharField(_("label"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Delivery to the peer: since when it fails without a break (None: it answers).
    unreachable_since = models.DateTimeField(_("unreachable since"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    objects = PeerQuerySet.as_manager()

    class Meta:
        verbose_name = _("peer")
        verbose_name_plural = _("peers")
        ordering = ["framework__code", "side__code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "side"], name="one_peer_per_side")
        ]

    def __str__(self) -> str:
        return self.label or f"{self.framework.code}:{self.side.code}"

    @property
    def envelopes_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/federation/v1/envelopes"

    @property
    def batches_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/federation/v1/batches"

    @property
    def resend_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/federation/v1/resend"

    @property
    def checkpoint_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/federation/v1/checkpoint"


class PeerKey(models.Model):
    """A public key of a peer. Accepted from `added_at`; until `accepted_until` when a newer
    key replaced it (the rotation's overlap); never from `revoked_at` on."""

    peer = models.ForeignKey(
        Peer, verbose_name=_("peer"), on_delete=models.CASCADE, related_name="keys"
    )
    key_id = models.CharField(_("key id (SHA-256 fingerprint)"), max_length=64, db_index=True)
    public_key = models.CharField(_("public key (Ed25519, base64)"), max_length=64)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    accepted_until = models.DateTimeField(_("accepted until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("peer key")
        verbose_name_plural = _("peer keys")
        ordering = ["peer", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "key_id"], name="one_row_per_peer_key")
        ]

    def __str__(self) -> str:
        return self.key_id

    def revoked(self, at: dt.datetime) -> bool:
        return self.revoked_at is not None and at >= self.revoked_at

    def expired(self, at: dt.datetime) -> bool:
        return self.accepted_until is not None and at > self.accepted_until

    def accepted(self, at: dt.datetime) -> bool:
        return not self.revoked(at) and not self.expired(at)


class Direction(models.TextChoices):
    OUT = "out", _("Outgoing")
    IN = "in", _("Incoming")


class EnvelopeStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    DELIVERED = "delivered", _("Delivered")
    REFUSED = "refused", _("Refused")


class Envelope(models.Model):
    """One signed message between nodes. Outgoing: queued here until the peer's signed receipt
    comes back. Incoming: stored once, with the receipt this node gave."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    framework = models.ForeignKey(
        "frameworks.Framework", verbose_name=_("framework"), on_delete=models.PROTECT
    )
    from_side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("from side"), on_delete=models.PROTECT, related_name="+"
    )
    to_side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("to side"), on_delete=models.PROTECT, related_name="+"
    )
    sequence = models.PositiveBigIntegerField(_("sequence"))
    kind = models.CharField(_("kind"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The visible values and the salts of their commitments, as sent.
    payload = models.JSONField(_("visible values"), default=dict)
    salts = models.JSONField(_("salts of the visible values"), default=dict)
    commitments = models.JSONField(_("commitments"), default=dict)
    # Outgoing only: the withheld values with their salts; they never leave this node until
    # released (commitments.py).
    withheld = models.JSONField(_("withheld values"), default=dict)
    content_hash = models.CharField(_("content hash"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=EnvelopeStatus.choices, default=EnvelopeStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # The signed receipt ({"receipt": {...}, "signature": ...}): for an outgoing envelope the
    # peer's, for an incoming one the receipt this node gave (sent again on redelivery).
    receipt = models.JSONField(_("receipt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    sender_key_id = models.CharField(_("sender key id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("envelope")
        verbose_name_plural = _("envelopes")
        ordering = ["direction", "framework", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "framework", "from_side", "sequence"],
                name="one_envelope_per_sequence",
            )
        ]
        indexes = [
            models.Index(fields=["direction", "status", "next_attempt_at"], name="envelope_due")
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.framework_id} #{self.sequence} {self.kind}"


class Sequence(models.Model):
    """Per framework, direction and sending side: for outgoing envelopes the last number given,
    for incoming ones the highest number up to which every envelope arrived (contiguous)."""

    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    framework = models.ForeignKey(
        "frameworks.Framework", verbose_name=_("framework"), on_delete=models.PROTECT
    )
    from_side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("from side"), on_delete=models.PROTECT, related_name="+"
    )
    last = models.PositiveBigIntegerField(_("last sequence"), default=0)

    class Meta:
        verbose_name = _("envelope sequence")
        verbose_name_plural = _("envelope sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "framework", "from_side"], name="one_sequence_per_stream"
            )
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.framework_id} {self.from_side_id}: {self.last}"


class SeenNonce(models.Model):
    """A request nonce already used with a key, kept until it falls out of the time window."""

    key_id = models.CharField(_("key id"), max_length=64)
    nonce = models.CharField(_("nonce"), max_length=128)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("seen nonce")
        verbose_name_plural = _("seen nonces")
        constraints = [models.UniqueConstraint(fields=["key_id", "nonce"], name="nonce_used_once")]

    def __str__(self) -> str:
        return self.nonce


class RateWindow(models.Model):
    """Requests a peer made in one fixed window of the federation endpoint's rate limit."""

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.CASCADE)
    window_end = models.BigIntegerField(_("window end (Unix time)"))
    count = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("federation rate window")
        verbose_name_plural = _("federation rate windows")
        constraints = [
            models.UniqueConstraint(fields=["peer", "window_end"], name="one_window_per_peer")
        ]

    def __str__(self) -> str:
        return f"{self.peer_id}@{self.window_end}: {self.count}"


class SideImport(models.Model):
    """A side moved here from another node (`side import`): the archive it came in."""

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    framework_code = models.CharField(_("framework"), max_length=32)
    side_code = models.CharField(_("side"), max_length=8)
    source_key_id = models.CharField(_("exporting node's key"), max_length=64)
    source_keys = models.JSONField(_("exporting node's public keys"), default=dict)
    manifest_sha256 = models.CharField(_("manifest SHA-256"), max_length=64, unique=True)
    counts = models.JSONField(_("rows"), default=dict)

    class Meta:
        verbose_name = _("side import")
        verbose_name_plural = _("side imports")

    def __str__(self) -> str:
        return f"{self.framework_code}:{self.side_code} {self.manifest_sha256[:12]}"


class ImportedAuditEntry(models.Model):
    """An audit entry of the exporting node, kept as it was there (its own chain's sequence
    number, hash and signature): a history that can be checked with the exporting node's
    key, apart from this node's own chain. Never updated or deleted."""

    side_import = models.ForeignKey(
        SideImport, verbose_name=_("side import"), on_delete=models.PROTECT, related_name="+"
    )
    seq = models.BigIntegerField(_("sequence number on the exporting node"))
    created_at = models.DateTimeField(_("time"))
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    side_code = models.CharField(_("side"), max_length=8, blank=True)
    agency_code = models.CharField(_("agency"), max_length=32, blank=True)
    framework_code = models.CharField(_("framework"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=32)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64)
    key_id = models.CharField(_("signing key"), max_length=64, blank=True)
    signature = models.CharField(_("signature"), max_length=88, blank=True)

    class Meta:
        verbose_name = _("imported audit entry")
        verbose_name_plural = _("imported audit entries")
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["side_import", "seq"], name="one_imported_seq")
        ]

    def __str__(self) -> str:
        return f"{self.side_import_id}#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("imported audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("imported audit entries are never deleted")


class PeerCheckpoint(models.Model):
    """A signed checkpoint a peer sent with a receipt (anchors/checkpoints.py): the head of its
    audit chain and its digests of the shared history, when it signed. Kept as it came, checked
    against the peer's key on arrival; `flag` says when it went backwards (the peer's chain or
    history is shorter than in an earlier one: restored from a backup, or rewritten) or when
    its digest of the shared history differs from this node's."""

    peer = models.ForeignKey(
        Peer, verbose_name=_("peer"), on_delete=models.CASCADE, related_name="checkpoints"
    )
    created_at = models.DateTimeField(_("signed at"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    audit_seq = models.PositiveBigIntegerField(_("audit entry"))
    audit_hash = models.CharField(_("audit entry hash"), max_length=64)
    key_id = models.CharField(_("key id"), max_length=64)
    signature = models.CharField(_("signature"), max_length=88)
    document = models.JSONField(_("signed document"))
    envelope_id = models.CharField(_("envelope"), max_length=36, blank=True)
    flag = models.CharField(_("flag"), max_length=16, blank=True)
    flag_detail = models.CharField(_("flag detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("peer checkpoint")
        verbose_name_plural = _("peer checkpoints")
        ordering = ["peer", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "signature"], name="one_row_per_checkpoint")
        ]

    def __str__(self) -> str:
        return f"{self.peer_id} #{self.audit_seq} {self.created_at:%Y-%m-%d %H:%M:%S}"
