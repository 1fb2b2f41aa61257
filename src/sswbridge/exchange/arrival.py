"""Checking a communication that arrives from another node before it becomes a record here
(`exchange/federation.py`): its kind must be one this node knows, and its content must pass
the same checks as a communication composed here (subject and body, marking, the kind's
payload schema, the withheld fields). Anything else is refused with `handlers.Rejected`
(`unprocessable`, final): the peer's envelope is not stored."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from sswbridge.exchange import richtext
from sswbridge.exchange.kinds import CommunicationKind, get_kind
from sswbridge.exchange.services import BODY_MAX, EXCHANGE_MARKINGS, SUBJECT_MAX
from sswbridge.federation import handlers
from sswbridge.federation.models import Envelope

PAYLOAD = "payload."
ATTACHMENT = "attachment."
TOP = ("meta", "subject", "body")


@dataclass(frozen=True)
class Checked:
    kind: CommunicationKind
    subject: str
    body: str
    payload: dict[str, Any]
    withheld: list[str]


def _reject(message: str) -> handlers.Rejected:
    return handlers.Rejected(f"invalid communication: {message}"[:300])


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _text(value: Any, name: str, limit: int, *, required: bool) -> str:
    if not isinstance(value, str) or "\x00" in value or len(value) > limit:
        raise _reject(f"{name} is not a valid text")
    if required and not value.strip():
        raise _reject(f"{name} is empty")
    return value


def _uuid_or_none(value: Any, name: str) -> None:
    if value is None:
        return
    try:
        uuid.UUID(str(value))
    except ValueError:
        raise _reject(f"{name} is not an id") from None


def check(envelope: Envelope) -> Checked:
    """The arriving communication's content, checked against its kind's schema."""
    visible: dict[str, Any] = envelope.payload
    meta = visible.get("meta")
    if not isinstance(meta, dict):
        raise _reject("no meta")
    stray = [k for k in visible if k not in TOP and not k.startswith((PAYLOAD, ATTACHMENT))]
    if stray:
        raise _reject(f"unknown fields {sorted(stray)}")
    if str(meta.get("id")) != str(envelope.pk):
        raise _reject("the envelope and the communication have different ids")
    try:
        kind = get_kind(str(meta.get("kind")))
    except ValidationError:
        raise _reject(f"unknown kind {str(meta.get('kind'))[:60]!r}") from None
    if meta.get("marking") not in EXCHANGE_MARKINGS:
        raise _reject("not a marking of the exchange")
    version = meta.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _reject("version is not a positive number")
    _uuid_or_none(meta.get("in_reply_to"), "in_reply_to")
    _uuid_or_none(meta.get("supersedes"), "supersedes")
    subject = _text(visible.get("subject"), "subject", SUBJECT_MAX, required=True)
    body = _text(visible.get("body", ""), "body", BODY_MAX, required=False)
    withheld = meta.get("withheld_fields") or []
    known = [f.name for f in kind.fields]
    if not isinstance(withheld, list) or not all(name in known for name in withheld):
        raise _reject("withheld_fields names no field of the kind")
    for name in withheld:
        if PAYLOAD + name in visible or PAYLOAD + name not in envelope.commitments:
            raise _reject(f"withheld field {name} travels, or has no commitment")
    payload = {k.removeprefix(PAYLOAD): v for k, v in visible.items() if k.startswith(PAYLOAD)}
    # The withheld fields are checked when released; here the kind without them.
    shown = dataclasses.replace(
        kind, fields=tuple(f for f in kind.fields if f.name not in withheld)
    )
    try:
        cleaned = shown.validate_payload(payload)
    except ValidationError as error:
        raise _reject(_messages(error)) from None
    ordered = [name for name in known if name in withheld]
    return Checked(kind, subject, richtext.sanitize(body), cleaned, ordered)


def check_released(kind_key: str, field: str, value: Any) -> Any:
    """A withheld payload value released later, checked against its field's schema."""
    kind = get_kind(kind_key)
    spec = next((f for f in kind.fields if f.name == field), None)
    if spec is None:
        raise _reject(f"the kind has no field {field}")
    alone = dataclasses.replace(kind, fields=(dataclasses.replace(spec, required_if=None),))
    try:
        return alone.validate_payload({field: value}).get(field, "")
    except ValidationError as error:
        raise _reject(_messages(error)) from None
