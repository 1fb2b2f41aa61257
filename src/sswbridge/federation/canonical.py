"""RFC 8785 canonical JSON (the `rfc8785` library) and the SHA-256 hashes taken over it."""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785


def dumps(value: Any) -> bytes:
    """The canonical JSON bytes of `value` (sorted keys, no spaces, ECMAScript numbers)."""
    return rfc8785.dumps(value)


def digest(value: Any) -> str:
    """SHA-256 of the canonical form, in hex."""
    return hashlib.sha256(dumps(value)).hexdigest()
