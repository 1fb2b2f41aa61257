"""Control characters are refused wherever text comes in: at the edge (the request's path,
query, cookies, form fields and JSON body: `security/input.py`) and in the cells of an
uploaded spreadsheet or CSV file (the support-organization list, screening batches).

PostgreSQL cannot store NUL in text at all (the request failed with 500), and the other
control characters have no place in names, addresses or messages either:

- C0 (U+0000–U+001F) is refused, except tab, line feed and carriage return in text that may
  hold them (a message, a cell, a search); never in a name of a parameter or a path.
- DEL (U+007F) is refused.
- C1 (U+0080–U+009F) is refused too. No keyboard or well-formed document produces them; they
  come from text decoded with the wrong code page, and some act as line breaks (U+0085,
  which Python's `splitlines` splits on) or terminal escapes (U+009B), so they could split a
  record or disguise a log line.
"""

from __future__ import annotations

import re

_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ANYWHERE = re.compile("[\x00-\x1f\x7f-\x9f]")


def control_character(text: str, *, line_breaks: bool = True) -> str | None:
    """The first control character in `text` that is not allowed, or None. With
    `line_breaks` (text that may span lines), tab, line feed and carriage return pass."""
    match = (_IN_TEXT if line_breaks else _ANYWHERE).search(text)
    return match.group() if match else None


def describe(character: str) -> str:
    """How a message names the character: U+0000."""
    return f"U+{ord(character):04X}"
