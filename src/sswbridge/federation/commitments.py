"""Salted commitments to each field of an envelope (issue 14, point 3).

A commitment is SHA-256(salt || canonical JSON of {"field": name, "value": value}), with a
random 32-byte salt per field. The envelope carries every field's commitment, and for the
visible fields the value with its salt; a withheld field's value and salt stay on the sending
node. Without the salt a commitment cannot be checked against guessed values, so a short
withheld value cannot be found by trying them; once the value is released with its salt, the
receiver checks it against the commitment it holds.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from sswbridge.federation import canonical


@dataclass(frozen=True)
class Opening:
    """A value with the salt that opens its commitment."""

    value: Any
    salt: str

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "salt": self.salt}


def commitment(field: str, value: Any, salt: str) -> str:
    message = canonical.dumps({"field": field, "value": value})
    return hashlib.sha256(bytes.fromhex(salt) + message).hexdigest()


def commit(field: str, value: Any) -> tuple[str, Opening]:
    """A new commitment to `value` and the opening that proves it."""
    opening = Opening(value, secrets.token_hex(32))
    return commitment(field, value, opening.salt), opening


def opens(expected: str, field: str, value: Any, salt: Any) -> bool:
    """Whether `value` with `salt` opens the commitment `expected` of `field`."""
    if not isinstance(salt, str) or not isinstance(expected, str):
        return False
    try:
        computed = commitment(field, value, salt)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, expected)


@dataclass(frozen=True)
class Committed:
    commitments: dict[str, str]
    visible: dict[str, Any]
    salts: dict[str, str]
    withheld: dict[str, dict[str, Any]]


def commit_fields(fields: dict[str, Any], withheld: dict[str, Any] | None = None) -> Committed:
    """Commit to every field: `fields` travel (with their salts), `withheld` stay home."""
    withheld = dict(withheld or {})
    overlap = set(fields) & set(withheld)
    if overlap:
        raise ValueError(f"fields both visible and withheld: {sorted(overlap)}")
    commitments: dict[str, str] = {}
    salts: dict[str, str] = {}
    kept: dict[str, dict[str, Any]] = {}
    for name, value in fields.items():
        commitments[name], opening = commit(name, value)
        salts[name] = opening.salt
    for name, value in withheld.items():
        commitments[name], opening = commit(name, value)
        kept[name] = opening.as_dict()
    return Committed(commitments, dict(fields), salts, kept)


def mismatches(
    commitments: dict[str, Any], visible: dict[str, Any], salts: dict[str, Any]
) -> list[str]:
    """The visible fields whose value does not open its commitment (or has none)."""
    if set(salts) != set(visible):
        return sorted(set(salts) ^ set(visible))
    return sorted(
        name
        for name, value in visible.items()
        if name not in commitments or not opens(commitments[name], name, value, salts[name])
    )
