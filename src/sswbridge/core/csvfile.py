"""The one way the system writes a CSV file that a person may open in a spreadsheet.

A spreadsheet splits a line on whichever separator it is set to (`,` in most places, `;`
where the comma is the decimal sign, a tab when text is pasted), so the quotes of a CSV
field do not keep a formula out: `x;=HYPERLINK(...)` is one quoted field to a reader set to
`,` and a cell `=HYPERLINK(...)` to one set to `;`. Therefore every field is quoted
(`csv.QUOTE_ALL`), and a formula character (`=`, `+`, `-`, `@`, tab, carriage return)
wherever a cell could start — at the start of the field, and after any `,`, `;`, tab, carriage
return or line feed inside it, even behind double quotes — gets an apostrophe before it, which
a spreadsheet shows as text. Neutralizing twice changes nothing more than once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = (",", ";", "\t", "\r", "\n")
# A formula character, perhaps behind quotes (a reader that splits on another separator
# takes `"=1` for a quoted `=1`), where a cell can start.
_SEPARATORS_CLASS = re.escape("".join(SEPARATORS))
_FORMULA_CLASS = re.escape("".join(FORMULA_STARTS))
_CELL_START = re.compile(f'(^|[{_SEPARATORS_CLASS}])(?="*[{_FORMULA_CLASS}])')


def neutralize(value: object) -> str:
    """The text of one field, with an apostrophe before each formula character that could
    start a cell."""
    text = "" if value is None else str(value)
    return _CELL_START.sub(r"\1'", text)


class SafeWriter:
    """A `csv.writer` that quotes every field and neutralizes each one (`neutralize`)."""

    def __init__(self, handle: IO[str], *, lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator=lineterminator)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralize(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(handle: IO[str], *, lineterminator: str = "\r\n") -> SafeWriter:
    """A writer of spreadsheet-safe CSV into `handle`."""
    return SafeWriter(handle, lineterminator=lineterminator)
