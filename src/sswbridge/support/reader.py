"""Reading Japan's Excel list: safety checks on the archive, the header row found (not
assumed), every row cleaned; a problem is reported with its row and column.

The archive is checked with `zipfile` before openpyxl opens it: a file that is not a zip,
has no workbook, or would expand beyond `MAX_UNCOMPRESSED` bytes or `MAX_RATIO` times its
compressed size (a "zip bomb") is refused without being decompressed.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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

Progress = Callable[[int, int], None]
"""progress(rows read, rows in the sheet as far as its dimensions tell)."""


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


def check_archive(path: Path | IO[bytes]) -> None:
    """Refuse what is not a sound .xlsx before anything decompresses it (a path, or an
    uploaded file as it arrives; the file is read from its start and left there)."""
    if not isinstance(path, Path):
        path.seek(0)
        try:
            return _check_archive(path)
        finally:
            path.seek(0)
    return _check_archive(path)


def _check_archive(path: Path | IO[bytes]) -> None:
    if not zipfile.is_zipfile(path):
        raise ImportRefused([_("The file is not an Excel workbook (.xlsx), or it is broken.")])
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        message = _("The file is not an Excel workbook (.xlsx), or it is broken.")
        raise ImportRefused([message]) from None
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
    """The hash of an organization's content, to see at once whether it changed."""
    parts = []
    for key in cols.FIELD_NAMES:
        value = values.get(key)
        parts.append("" if value is None else str(value))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[int, str], tuple[Any, ...]]:
    """(index in `rows`, mapping, labels) of the row naming the most known columns."""
    best_index, labels = -1, ()
    best: dict[int, str] = {}
    for index, row in enumerate(rows):
        cells = list(row)
        if index > 0:  # a two-line header: an empty cell takes the label above it
            above = rows[index - 1]
            cells = [c if c not in (None, "") else (above[i] if i < len(above) else None)
                     for i, c in enumerate(cells)]  # fmt: skip
        mapping = cols.map_header(cells)
        if len(mapping) > len(best):
            best_index, best, labels = index, mapping, tuple(cells)
    return best_index, best, labels


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


@dataclass
class _Sheet:
    title: str
    head: list[tuple[Any, ...]]
    index: int
    mapping: dict[int, str]
    labels: tuple[Any, ...]
    rest: Iterator[tuple[Any, ...]]
    max_row: int


def read_list(path: Path, *, progress: Progress | None = None) -> ParsedList:
    """Every organization of the file, cleaned; ImportRefused for a file that is not sound."""
    check_archive(path)
    try:
        return _read(path, progress)
    except ImportRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise ImportRefused(
            [
                _("The Excel file is broken and cannot be read (%(reason)s).")
                % {"reason": type(exc).__name__}
            ]
        ) from exc


def _read(path: Path, progress: Progress | None) -> ParsedList:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return _read_workbook(workbook, progress)
    finally:
        workbook.close()


def _read_workbook(workbook: Any, progress: Progress | None) -> ParsedList:
    found: _Sheet | None = None
    for sheet in workbook.worksheets:
        title, rows = sheet.title, sheet.iter_rows(values_only=True)
        head = [row for _i, row in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
        index, mapping, labels = _find_header(head)
        if found is None or len(mapping) > len(found.mapping):
            found = _Sheet(title, head, index, mapping, labels, rows, sheet.max_row or 0)
        if not set(cols.REQUIRED) - set(mapping.values()):
            break
    if found is None:
        raise ImportRefused([_("The workbook has no worksheet.")])
    title, head, index, mapping = found.title, found.head, found.index, found.mapping
    rest, header_cells = found.rest, found.labels
    _refuse_header(mapping)
    parsed = ParsedList(
        edition="ja" if cols.is_japanese(list(header_cells)) else "en",
        sheet=title,
        header_row=index + 1,
    )
    errors: list[str] = []
    plan = _Plan.make(mapping, header_cells)
    expected = max(found.max_row - index - 1, 0)
    data = (*head[index + 1 :],)
    row_number = index + 1
    for row in _chain(data, rest):
        row_number += 1
        _take_row(parsed, row, row_number, plan, errors)
        if len(errors) >= MAX_ERRORS:
            break
        if progress is not None and row_number % PROGRESS_EVERY == 0:
            progress(parsed.count, expected)
    if errors:
        raise ImportRefused(errors)
    if not parsed.rows:
        raise ImportRefused([_("The file has the right columns but no organizations.")])
    if progress is not None:
        progress(parsed.count, parsed.count)
    return parsed


def _chain(
    first: tuple[tuple[Any, ...], ...], rest: Iterator[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    yield from first
    yield from rest


@dataclass(frozen=True)
class _Plan:
    """How to read a data row: which cell holds which column, and the header's labels."""

    cells: tuple[tuple[int, cols.Column], ...]
    defaults: dict[str, Any]
    number_index: int
    header: tuple[Any, ...]

    @classmethod
    def make(cls, mapping: dict[int, str], header: tuple[Any, ...]) -> _Plan:
        cells = tuple((i, cols.BY_KEY[key]) for i, key in sorted(mapping.items()))
        mapped = set(mapping.values())
        defaults = {
            c.key: (None if c.type == cols.ValueType.DATE else "")
            for c in cols.COLUMNS
            if c.key not in mapped
        }
        number = next(i for i, key in mapping.items() if key == "registration_number")
        return cls(cells, defaults, number, header)


_PLAIN = frozenset({cols.ValueType.TEXT, cols.ValueType.POSTAL, cols.ValueType.PHONE})


def _blank(value: Any) -> bool:
    return value is None or (value.__class__ is str and (not value or value.isspace()))


def _take_row(
    parsed: ParsedList, row: tuple[Any, ...], row_number: int, plan: _Plan, errors: list[str]
) -> None:
    size = len(row)
    number_cell = row[plan.number_index] if plan.number_index < size else None
    if not _looks_numbered(number_cell) and all(
        _blank(row[i]) for i, _c in plan.cells if i < size and i != plan.number_index
    ):
        return  # an empty line, or a note under the table in the number's column
    values = dict(plan.defaults)
    for i, column in plan.cells:
        raw = row[i] if i < size else None
        value: Any = None
        if isinstance(raw, str) and column.type in _PLAIN:
            value = raw.strip()  # the common case, without a call
            if not value.isprintable() or len(value) > column.max_length:
                value = None  # a line break, a control character: `clean` decides
        elif raw is None and column.type in _PLAIN:
            value = ""
        if value is None:
            try:
                value = clean(column, raw)
            except CellError as exc:
                errors.append(f"{_cell_ref(row_number, i, _at(plan.header, i))}: {exc}")
                continue
        if column.required and value in (None, ""):
            message = _("This value is required.")
            errors.append(f"{_cell_ref(row_number, i, _at(plan.header, i))}: {message}")
            continue
        values[column.key] = value
    number = values.get("registration_number")
    if not isinstance(number, str) or not number:
        return
    if number in parsed.rows:
        where = _cell_ref(row_number, plan.number_index, _at(plan.header, plan.number_index))
        message = _("The registration number %(number)s appears twice.") % {"number": number}
        errors.append(f"{where}: {message}")
        return
    parsed.rows[number] = values
    parsed.hashes[number] = row_hash(values)


def _looks_numbered(value: Any) -> bool:
    try:
        clean(cols.BY_KEY["registration_number"], value)
    except CellError:
        return False
    return True


def _at(row: tuple[Any, ...], index: int) -> object:
    return row[index] if index < len(row) else ""
