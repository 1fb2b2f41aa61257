"""Downloads of the published lists: CSV, XLSX and JSON, each stating its licence and when
the list last changed.

Spreadsheet formula injection is neutralized in CSV and XLSX. The CSV goes through
`core.csvfile` (every field quoted, an apostrophe before a formula character wherever a cell
could start, whatever separator the spreadsheet splits on). In XLSX a text value that a
spreadsheet would take for a formula (beginning with =, +, -, @, a tab or a carriage return)
is written with a leading apostrophe, and cells are always written as text, never as
formulas. JSON is data, not a spreadsheet: its values are exact.

A list of 40,000 rows is 640,000 cells, so the XLSX is written in openpyxl's write-only mode,
without styles, as plain text values (openpyxl types a text as text once no formula character
starts it; only a text that equals an error code such as #N/A needs a cell of its own), and
openpyxl serializes with lxml when it is installed (it is a dependency for that): about
twice as fast as a typed cell per value through the pure-Python writer.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell, WriteOnlyCell

from sswbridge.core import csvfile

FORMATS = ("csv", "xlsx", "json")
# The licence of the registers published under the Memorandum (sending organizations,
# improvement orders): their pages, downloads and public API state it.
LICENCE = gettext_lazy(
    "Public information under the Memorandum of Cooperation; free to reuse with attribution "
    "(Creative Commons Attribution 4.0)."
)
FORMULA_STARTS = csvfile.FORMULA_STARTS
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
Columns = Sequence[tuple[str, StrOrPromise]]
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def neutralize(value: Any) -> Any:
    """A text value safe to put in a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _stamp(updated_at: dt.datetime | None) -> str:
    return updated_at.isoformat() if updated_at else ""


def _csv(rows: Iterable[dict[str, Any]], columns: Columns) -> bytes:
    out = io.StringIO()
    writer = csvfile.writer(out, lineterminator="\r\n")
    writer.writerow([str(label) for _key, label in columns])
    for row in rows:
        writer.writerow([_text(row.get(key)) for key, _label in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def _text_cell(sheet: Any, value: Any) -> Cell | str:
    text: str = neutralize(_text(value))
    if text not in ERROR_CODES:
        return text  # a str not starting with "=" is stored as text
    cell: Cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # text, whatever it looks like: never an error value
    return cell


def _xlsx(rows: Iterable[dict[str, Any]], columns: Columns, meta: dict[str, str]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("List")[:31])
    sheet.append([_text_cell(sheet, label) for _key, label in columns])
    for row in rows:
        sheet.append([_text_cell(sheet, row.get(key)) for key, _label in columns])
    about = workbook.create_sheet(_("About")[:31])
    for label, value in (
        (_("Title"), meta["title"]),
        (_("Licence"), meta["licence"]),
        (_("Licence text"), meta["licence_url"]),
        (_("Last updated"), meta["updated_at"]),
    ):
        about.append([_text_cell(about, label), _text_cell(about, value)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _json(rows: Iterable[dict[str, Any]], columns: Columns, meta: dict[str, str]) -> bytes:
    document = {
        "title": meta["title"],
        "licence": meta["licence"],
        "licence_url": meta["licence_url"],
        "updated_at": meta["updated_at"] or None,
        "columns": [{"key": key, "label": str(label)} for key, label in columns],
        "rows": [{key: row.get(key) for key, _label in columns} for row in rows],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


def render_download(
    rows: Iterable[dict[str, Any]],
    columns: Columns,
    fmt: str,
    *,
    title: StrOrPromise,
    licence: StrOrPromise,
    updated_at: dt.datetime | None,
    licence_url: str = LICENCE_URL,
) -> HttpResponse:
    """The rows as a file to download; `columns` are (key, label) in order."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    updated = _stamp(updated_at)
    meta = {
        "title": str(title),
        "licence": str(licence),
        "licence_url": licence_url,
        "updated_at": updated,
    }
    if fmt == "csv":
        body = _csv(rows, columns)
    elif fmt == "xlsx":
        body = _xlsx(rows, columns, meta)
    else:
        body = _json(rows, columns, meta)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = slugify(str(title)) or "list"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    # XLSX and JSON state the licence and date inside; CSV, which has no place for them,
    # carries them in headers (and the page that links to it states them).
    response.headers["Link"] = f'<{licence_url}>; rel="license"'
    if updated:
        response.headers["X-Last-Updated"] = updated
    return response
