"""Kinds of communication, declared as data, and the registry that collects them.

Each app declares the kinds it owns in its own `kinds.py` (a `CommunicationKind`: its payload
fields, whether it needs an answer, which kinds answer it and in how many business days, its
default marking) and registers them from its `AppConfig.ready()` with `register_kind`. The
exchange knows no domain: forms, API validation and the `/api/v1/exchange/kinds` description
are all built from `KINDS`. The exchange's own general kinds are in `general_kinds.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from sswbridge.core.models import Marking


class FieldType(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"


@dataclass(frozen=True)
class PayloadField:
    """One field of a kind's payload. `required_if` = (other field, value it holds or contains)."""

    name: str
    label: StrOrPromise
    type: FieldType = FieldType.TEXT
    choices: tuple[tuple[str, StrOrPromise], ...] = ()
    required: bool = False
    required_if: tuple[str, str] | None = None
    max_length: int = 2000

    def choice_values(self) -> set[str]:
        return {value for value, _label in self.choices}


@dataclass(frozen=True)
class CommunicationKind:
    key: str
    label: StrOrPromise
    clause: str
    fields: tuple[PayloadField, ...] = ()
    needs_answer: bool = False
    answer_kinds: tuple[str, ...] = ()
    default_answer_days: int = 0
    default_marking: str = Marking.BOTH
    reply_only: bool = False
    """Sent only as the answer to another communication."""
    managed: bool = False
    """Sent only by the service of the app that keeps its record (lifecycle, suspensions),
    which passes `managed=True`; never composed, answered or corrected by hand."""

    def validate_payload(self, payload: Mapping[str, Any] | None) -> dict[str, Any]:
        """The payload cleaned to this kind's fields; ValidationError({field: [message]})."""
        return _validate(self, dict(payload or {}))


def _validate(kind: CommunicationKind, payload: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    known = {f.name for f in kind.fields}
    for name in sorted(set(payload) - known):
        errors.setdefault(name, []).append(str(_("This kind of communication has no such field.")))
    cleaned: dict[str, Any] = {}
    for spec in kind.fields:
        value, problem = _clean_value(spec, payload.get(spec.name))
        if problem:
            errors.setdefault(spec.name, []).append(problem)
            continue
        cleaned[spec.name] = value
    for spec in kind.fields:
        if spec.name in errors or _present(cleaned.get(spec.name)):
            continue
        if spec.required or _condition_holds(spec, cleaned):
            errors.setdefault(spec.name, []).append(str(_("This field is required.")))
    if errors:
        raise ValidationError(errors)
    return {name: value for name, value in cleaned.items() if _present(value)}


def _present(value: Any) -> bool:
    return value not in (None, "", [])


def _condition_holds(spec: PayloadField, cleaned: Mapping[str, Any]) -> bool:
    if spec.required_if is None:
        return False
    other, expected = spec.required_if
    value = cleaned.get(other)
    return expected in value if isinstance(value, list) else value == expected


def _clean_value(spec: PayloadField, value: Any) -> tuple[Any, str]:
    if value is None:
        return None, ""
    if spec.type == FieldType.MULTI_CHOICE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, str(_("Give a list of choices."))
        unknown = [v for v in value if v not in spec.choice_values()]
        if unknown:
            shown = ", ".join(v.replace("\x00", "") for v in unknown)
            return None, str(_("Not a valid choice: %(values)s") % {"values": shown})
        return sorted(set(value), key=[v for v, _l in spec.choices].index), ""
    if not isinstance(value, str):
        return None, str(_("Give a text value."))
    value = value.strip()
    if "\x00" in value:
        return None, str(_("Null characters are not allowed."))
    if spec.type == FieldType.CHOICE and value and value not in spec.choice_values():
        return None, str(_("Not a valid choice: %(values)s") % {"values": value})
    if len(value) > spec.max_length:
        return None, str(
            _("At most %(limit)d characters are allowed.") % {"limit": spec.max_length}
        )
    return value, ""


def confidential_fields() -> tuple[PayloadField, ...]:
    """Who told and who was harmed: fields an originator often withholds (redaction.py)."""
    return (
        PayloadField("informant", _("Informant (identity and contact)"), max_length=500),
        PayloadField("victims", _("Victims (names)"), max_length=2000),
    )


def other_text(label: StrOrPromise, other_of: str) -> PayloadField:
    """The free text that `other_of`'s "other" choice requires."""
    return PayloadField("other_text", label, required_if=(other_of, "other"), max_length=1000)


# The registry: each app registers the kinds it owns from its AppConfig.ready(), with a
# position that orders every list of kinds (forms, /api/v1/exchange/kinds, notification
# preferences). KINDS is filled in place, so its iteration order is that order.

KINDS: dict[str, CommunicationKind] = {}
_POSITIONS: dict[str, int] = {}


def register_kind(kind: CommunicationKind, *, position: int) -> None:
    """Add a kind to the exchange; registering the same kind again changes nothing."""
    if kind.default_marking == Marking.PUBLIC:
        raise ImproperlyConfigured(f"{kind.key}: nothing in the exchange is public")
    known = KINDS.get(kind.key)
    if known is not None and (known != kind or _POSITIONS[kind.key] != position):
        raise ImproperlyConfigured(f"{kind.key}: registered twice")
    taken = {p: k for k, p in _POSITIONS.items() if k != kind.key}
    if position in taken:
        raise ImproperlyConfigured(f"{kind.key}: position {position} is {taken[position]}'s")
    _POSITIONS[kind.key] = position
    ordered = sorted({**KINDS, kind.key: kind}.values(), key=lambda k: _POSITIONS[k.key])
    KINDS.clear()
    KINDS.update((k.key, k) for k in ordered)


def all_kinds() -> list[CommunicationKind]:
    """Every registered kind, in the order of their positions."""
    return list(KINDS.values())


def get_kind(key: str) -> CommunicationKind:
    """The kind with this key; ValidationError when there is none."""
    try:
        return KINDS[key]
    except KeyError:
        message = str(_("Unknown kind of communication."))
        raise ValidationError({"kind": [message]}) from None


def composable_kinds() -> list[CommunicationKind]:
    """Kinds that can start a conversation (not only answer one)."""
    return [kind for kind in KINDS.values() if not kind.reply_only and not kind.managed]


def answerable_keys() -> list[str]:
    return [kind.key for kind in KINDS.values() if kind.needs_answer]


def unknown_answer_kinds() -> list[str]:
    """'kind -> answer' for each answer kind that no app registered (a system check)."""
    return [
        f"{kind.key} -> {answer}"
        for kind in KINDS.values()
        for answer in kind.answer_kinds
        if answer not in KINDS
    ]
