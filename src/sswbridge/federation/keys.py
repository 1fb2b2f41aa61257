"""Peers' public keys: read from what an operator pastes (base64 of the raw 32 bytes, as
`sswbridge keys show` prints it, or a PEM block), and found again by key id."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sswbridge.core import nodekey
from sswbridge.federation.models import Peer, PeerKey


def parse_public_key(text: str | bytes) -> nodekey.PublicKey:
    """An Ed25519 public key from base64 (raw 32 bytes) or PEM; ValidationError otherwise."""
    data = text.encode() if isinstance(text, str) else text
    data = data.strip()
    key: object
    try:
        if data.startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(data)
        else:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(data, validate=True))
    except (ValueError, binascii.Error, TypeError):
        raise ValidationError(
            _("This is not an Ed25519 public key (base64 of its 32 bytes, or PEM)."),
            code="bad_key",
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValidationError(_("The key is not an Ed25519 key."), code="bad_key")
    return nodekey.PublicKey.of(key)


def public_key(row: PeerKey) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(row.public_key))


class KeyRefused(Exception):
    """A request's key is unknown, revoked or past its overlap; `code` says which."""

    def __init__(self, code: str, key_id: str) -> None:
        super().__init__(code)
        self.code = code
        self.key_id = key_id


@dataclass(frozen=True)
class Found:
    """The accepted key rows with a key id, and their peers."""

    rows: list[PeerKey]

    @property
    def peers(self) -> list[Peer]:
        return [row.peer for row in self.rows]

    def for_peer(self, peer: Peer) -> PeerKey | None:
        return next((row for row in self.rows if row.peer_id == peer.pk), None)


def accepted(key_id: str, at: dt.datetime) -> Found:
    """The rows of `key_id` accepted at `at`; KeyRefused (unknown_key, revoked_key or
    expired_key) when there is none."""
    rows = list(
        PeerKey.objects.filter(key_id=key_id).select_related("peer__framework", "peer__side")
    )
    if not rows:
        raise KeyRefused("unknown_key", key_id)
    good = [row for row in rows if row.accepted(at)]
    if not good:
        code = "revoked_key" if any(row.revoked(at) for row in rows) else "expired_key"
        raise KeyRefused(code, key_id)
    return Found(good)
