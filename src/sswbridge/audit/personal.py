"""Personal data never enters the audit trail.

The chain is append-only and hashed, so a value written into an entry could never be erased
without breaking it. Instead, the fields that hold personal data (declared per model by the
retention catalogue, `retention/catalogue.py`) are replaced, when an entry is written, by a
marker: the entry still says that the field was set or changed, not to what. Erasing the
record at the end of its retention period then never needs to touch the chain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MARKER = "[personal data]"

_FIELDS: dict[str, frozenset[str]] = {}


def register(object_type: str, fields: Iterable[str]) -> None:
    """Declare the personal fields of a model, by its `app_label.modelname`."""
    _FIELDS[object_type] = _FIELDS.get(object_type, frozenset()) | frozenset(fields)


def fields_of(object_type: str) -> frozenset[str]:
    return _FIELDS.get(object_type, frozenset())


def _mark(value: Any) -> Any:
    return None if value in (None, "", []) else MARKER


def mask(object_type: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes with every personal field's values replaced by the marker."""
    personal = _FIELDS.get(object_type)
    if not personal:
        return changes
    masked: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in personal:
            masked[key] = value
        elif isinstance(value, list) and len(value) == 2:
            masked[key] = [_mark(value[0]), _mark(value[1])]
        else:
            masked[key] = _mark(value)
    return masked
