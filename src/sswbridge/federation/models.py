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
