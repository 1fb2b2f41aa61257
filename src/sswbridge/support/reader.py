"""Reading Japan's Excel list: safety checks on the archive, the header row found (not
assumed), every row cleaned; a problem is reported with its row and column.

The archive is checked with `zipfile` before openpyxl opens it: a file that is not a zip,
has no workbook, or would expand beyond `MAX_UNCOMPRESSED` bytes or `MAX_RATIO` times its
compressed size (a "zip bomb") is refused without being decompressed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sswbridge.support import columns as cols
from sswbridge.support.values import CellError, clean

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECK_ABOVE = 10 * 1024 * 1024  # small archives cannot do harm, whatever their ratio
HEADER_SCAN_ROWS = 30
MAX_ERRORS = 20
PROGRESS_EVERY = 1000

Progress = Callable[[int], None]


class ImportRefused(Exception):
    """The file is refused; nothing was changed. `messages` are translated, each naming the
    row and column where there is one."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class ParsedList:
    edition: str
    sheet: str
    header_row: int
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.rows)


def file_digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def check_archive(path: Path) -> None:
    """Refuse what is not a sound .xlsx before anything decompresses it."""
    if not zipfile.is_zipfile(path):
        raise ImportRefused([_("The file is not an Excel workbook (.xlsx), or it is broken.")])
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused([_("The file is not an Excel workbook (.xlsx), or it is broken.")])
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise ImportRefused([_("The file is a zip archive but not an Excel workbook (.xlsx).")])
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    too_dense = [
        m
        for m in members
        if m.file_size > RATIO_CHECK_ABOVE and m.file_size > MAX_RATIO * max(m.compress_size, 1)
    ]
    if (
        total > MAX_UNCOMPRESSED
        or (total > RATIO_CHECK_ABOVE and total > MAX_RATIO * max(packed, 1))
        or too_dense
    ):
        raise ImportRefused(
            [
                _(
                    "The file would expand to %(size)d MB when opened, more than a list of "
                    "support organizations can be (a compressed “zip bomb”?). It was not opened."
                )
                % {"size": total // (1024 * 1024)}
            ]
        )


def row_hash(values: dict[str, Any]) -> str:
    canonical = json.dumps(
        [values.get(k) for k in cols.FIELD_NAMES], ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[int, str]]:
    """(index in `rows`, mapping) of the row naming the most known columns."""
    best_index, best = -1, {}
    for index, row in enumerate(rows):
        cells = list(row)
        if index > 0:  # a two-line header: an empty cell takes the label above it
            above = rows[index - 1]
            cells = [c if c not in (None, "") else (above[i] if i < len(above) else None)
                     for i, c in enumerate(cells)]  # fmt: skip
        mapping = cols.map_header(cells)
        if len(mapping) > len(best):
            best_index, best = index, mapping
    return best_index, best


def _refuse_header(mapping: dict[int, str]) -> None:
    missing = [str(cols.BY_KEY[k].label) for k in cols.REQUIRED if k not in mapping.values()]
    if missing:
        raise ImportRefused(
            [
                _(
                    "The file does not have the columns of the list of registered support "
                    "organizations: no header row names %(missing)s in its first %(rows)d rows."
                )
                % {"missing": ", ".join(missing), "rows": HEADER_SCAN_ROWS}
            ]
        )


def _cell_ref(row: int, column: int, header: object) -> str:
    return _("row %(row)d, column %(column)s (%(header)s)") % {
        "row": row,
        "column": get_column_letter(column + 1),
        "header": str(header or "").strip(),
    }


def _iter_rows(path: Path) -> Iterator[tuple[str, Iterator[tuple[Any, ...]]]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield sheet.title, sheet.iter_rows(values_only=True)  # type: ignore[union-attr]
    finally:
        workbook.close()


def read_list(path: Path, *, progress: Progress | None = None) -> ParsedList:
    """Every organization of the file, cleaned; ImportRefused for a file that is not sound."""
    check_archive(path)
    try:
        return _read(path, progress)
    except ImportRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise ImportRefused(
            [_("The Excel file is broken and cannot be read (%(reason)s).") % {"reason": type(exc).__name__}]
        ) from exc


def _read(path: Path, progress: Progress | None) -> ParsedList:
    found: tuple[str, list[tuple[Any, ...]], int, dict[int, str], Iterator[tuple[Any, ...]]] | None
    found = None
    sheets = _iter_rows(path)
    for title, rows in sheets:
        head = [row for _i, row in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
        index, mapping = _find_header(head)
        if found is None or len(mapping) > len(found[3]):
            found = (title, head, index, mapping, rows)
        if len(mapping) >= len(cols.REQUIRED) and not set(cols.REQUIRED) - set(mapping.values()):
            break
    if found is None:
        raise ImportRefused([_("The workbook has no worksheet.")])
    title, head, index, mapping, rest = found
    _refuse_header(mapping)
    header_cells = head[index]
    parsed = ParsedList(
        edition="ja" if cols.is_japanese(list(header_cells)) else "en",
        sheet=title,
        header_row=index + 1,
    )
    errors: list[str] = []
    data = (*head[index + 1 :],)
    row_number = index + 1
    for row in _chain(data, rest):
        row_number += 1
        _take_row(parsed, row, row_number, mapping, header_cells, errors)
        if len(errors) >= MAX_ERRORS:
            break
        if progress is not None and row_number % PROGRESS_EVERY == 0:
            progress(parsed.count)
    if errors:
        raise ImportRefused(errors)
    if not parsed.rows:
        raise ImportRefused([_("The file has the right columns but no organizations.")])
    if progress is not None:
        progress(parsed.count)
    return parsed


def _chain(
    first: tuple[tuple[Any, ...], ...], rest: Iterator[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    yield from first
    yield from rest


def _take_row(
    parsed: ParsedList,
    row: tuple[Any, ...],
    row_number: int,
    mapping: dict[int, str],
    header: tuple[Any, ...],
    errors: list[str],
) -> None:
    raw = {key: (row[i] if i < len(row) else None) for i, key in mapping.items()}
    filled = [k for k, v in raw.items() if v not in (None, "") and not str(v).isspace()]
    if not filled:
        return  # an empty line
    if filled == [k for k in filled if k == "registration_number"] and not _looks_numbered(raw):
        return  # a note under the table, in the first column
    values: dict[str, Any] = {}
    for i, key in mapping.items():
        try:
            values[key] = clean(cols.BY_KEY[key], raw[key])
        except CellError as exc:
            errors.append(f"{_cell_ref(row_number, i, header[i])}: {exc}")
    for i, key in mapping.items():
        if cols.BY_KEY[key].required and key not in values or values.get(key) in (None, ""):
            if cols.BY_KEY[key].required and key in values:
                errors.append(f"{_cell_ref(row_number, i, header[i])}: {_('This value is required.')}")
    number = values.get("registration_number")
    if not isinstance(number, str) or not number:
        return
    if number in parsed.rows:
        column = next(i for i, k in mapping.items() if k == "registration_number")
        errors.append(
            f"{_cell_ref(row_number, column, header[column])}: "
            + _("The registration number %(number)s appears twice.") % {"number": number}
        )
        return
    for key in cols.FIELD_NAMES:
        values.setdefault(key, "" if cols.BY_KEY[key].type != "date" else None)
    parsed.rows[number] = values
    parsed.hashes[number] = row_hash(values)


def _looks_numbered(raw: dict[str, Any]) -> bool:
    try:
        clean(cols.BY_KEY["registration_number"], raw["registration_number"])
    except CellError:
        return False
    return True


def date_or_none(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
