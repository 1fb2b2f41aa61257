"""Cleaning of a service's text and choice arguments, shared by every app's services.

A service checks its input again whatever the form or schema did before it; these turn a bad
value into the `ValidationError({field: [message]})` that forms and the API both show.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_text(
    name: str, value: object, *, limit: int, required: bool = True, line: bool = False
) -> str:
    """The text trimmed, its line ends made "\\n" (or, for a `line`, its spaces collapsed into
    one line), refused when it holds a null character, is missing but `required`, or is
    longer than `limit`."""
    raw = str(value or "")
    text = " ".join(raw.split()) if line else _lines(raw)
    if "\x00" in text:
        raise ValidationError({name: [_("Null characters are not allowed.")]})
    if required and not text:
        raise ValidationError({name: [_("This field is required.")]})
    if len(text) > limit:
        raise ValidationError(
            {name: [_("At most %(limit)d characters are allowed.") % {"limit": limit}]}
        )
    return text


def clean_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """The value when it is one of `choices`; ValidationError naming it otherwise."""
    if not isinstance(value, str) or value not in set(choices):
        shown = str(value).replace("\x00", "")
        raise ValidationError({name: [_("Not a valid choice: %(values)s") % {"values": shown}]})
    return value


def _lines(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n").strip()
