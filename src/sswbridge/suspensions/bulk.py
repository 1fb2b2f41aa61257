"""Bulk entry of affected persons from a CSV or XLSX file (issue 16).

The first row names the columns (`COLUMNS`, in any order); each further row is one person.
Every row is checked first; a file with any problem saves nothing, and each problem is
reported as "row N, column X: reason" (N as a spreadsheet numbers it, the header being row 1).
Then every person is saved in one transaction through `services.create_person`, each with
its own audit entry, as one by one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.core import csvfile
from sswbridge.suspensions import services
from sswbridge.suspensions.models import AffectedPerson, Suspension

MAX_BYTES = 2 * 1024 * 1024
MAX_UNCOMPRESSED = 20 * 1024 * 1024
MAX_ROWS = 2000
MAX_ERRORS = 50
# Column -> the person's field it fills; all are required in the header, in any order.
COLUMNS: dict[str, str] = {
    "name": "name",
    "nationality": "nationality",
    "passport_number": "passport_number",
    "residence_card_number": "residence_card_number",
    "date_of_birth": "date_of_birth",
    "ssw_status": "status_of_residence",
    "field": "field",
    "employer": "employer",
    "contact": "contact",
}
OPTIONAL = {"residence_situation": "residence_situation"}
SSW_STATUS = {"i": "ssw_i", "ii": "ssw_ii", "ssw_i": "ssw_i", "ssw_ii": "ssw_ii"}
EXAMPLE = [
    "Asanov Umut",
    "Kyrgyz Republic",
    "AC1234567",
    "AB12345678CD",
    "1995-03-14",
    "i",
    "food-service",
    "Sakura Foods K.K.",
    "Tel. +81 90 0000 0000",
]


class UploadRefused(Exception):
    """Nothing was saved; `messages` are translated, one per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csvfile.writer(out)
    writer.writerow(list(COLUMNS))
    writer.writerow(EXAMPLE)
    return out.getvalue().encode("utf-8-sig")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _read_csv(raw: bytes) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused([_("The CSV file is not in UTF-8.")]) from None
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        message = _("The CSV file cannot be read: %(error)s") % {"error": exc}
        raise UploadRefused([message]) from None


def _read_xlsx(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    handle = io.BytesIO(raw)
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        message = _("The file is not an Excel workbook (.xlsx), or it is broken.")
        raise UploadRefused([message]) from None
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise UploadRefused([_("The file is not an Excel workbook (.xlsx), or it is broken.")])
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
        raise UploadRefused([_("The workbook expands to more than a list of persons can be.")])
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [[_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    except Exception:  # any failure of a broken workbook is a refusal
        raise UploadRefused(
            [_("The file is not an Excel workbook (.xlsx), or it is broken.")]
        ) from None
    return rows


Rows = list[tuple[int, list[str]]]


def read_rows(name: str, upload: IO[bytes], size: int | None = None) -> Rows:
    """The file's non-empty rows as text, each with its number in the file, refused when the
    file is not CSV/XLSX or too large."""
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES or (size is not None and size > MAX_BYTES):
        raise UploadRefused(
            [_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}]
        )
    lower = name.lower()
    if lower.endswith(".csv"):
        rows = _read_csv(raw)
    elif lower.endswith(".xlsx"):
        rows = _read_xlsx(raw)
    else:
        raise UploadRefused([_("Only a CSV (.csv) or Excel (.xlsx) file is accepted.")])
    numbered = [(i, row) for i, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise UploadRefused([_("The file is empty.")])
    if len(numbered) - 1 > MAX_ROWS:
        raise UploadRefused([_("At most %(n)d persons per file.") % {"n": MAX_ROWS}])
    return numbered


def _header(row: list[str]) -> dict[int, str]:
    labels = [cell.strip().lower() for cell in row]
    known = {**COLUMNS, **OPTIONAL}
    problems = []
    unknown = [label for label in labels if label and label not in known]
    if unknown:
        problems.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    missing = [c for c in COLUMNS if c not in labels]
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    twice = sorted({label for label in labels if label and labels.count(label) > 1})
    if twice:
        problems.append(_("Columns named twice: %(columns)s.") % {"columns": ", ".join(twice)})
    if problems:
        raise UploadRefused(problems)
    return {i: label for i, label in enumerate(labels) if label}


def _row_data(cells: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The person's data from one row, and the problems found before cleaning (by column)."""
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for column, value in cells.items():
        target = {**COLUMNS, **OPTIONAL}[column]
        if column == "ssw_status":
            data[target] = SSW_STATUS.get(value.lower().replace(" ", ""), value)
            if value and data[target] not in SSW_STATUS.values():
                problems[column] = _("The SSW status is i or ii.")
        elif column == "date_of_birth" and value:
            try:
                data[target] = dt.date.fromisoformat(value[:10])
            except ValueError:
                problems[column] = _("A date is written YYYY-MM-DD.")
        else:
            data[target] = value or None if column == "field" else value
    return data, problems


# The cleaned field's name -> the column to name in a message.
_FIELD_COLUMN = {v: k for k, v in {**COLUMNS, **OPTIONAL}.items()}


def validate(rows: Rows) -> tuple[list[dict[str, Any]], list[str]]:
    """Every data row cleaned, or the problems, each "row N, column X: reason"."""
    header = _header(rows[0][1])
    cleaned_rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, row in rows[1:]:
        cells = {label: (row[i].strip() if i < len(row) else "") for i, label in header.items()}
        data, problems = _row_data(cells)
        try:
            cleaned = services.clean_person(data)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = _FIELD_COLUMN.get(name, name)
                if column not in problems:
                    problems[column] = " ".join(messages)
        else:
            cleaned_rows.append(cleaned)
        for column, reason in problems.items():
            errors.append(
                _("row %(row)d, column %(column)s: %(reason)s")
                % {"row": number, "column": column, "reason": reason}
            )
    return cleaned_rows, errors


def require_recorder(actor: User) -> None:
    """NotPermitted unless `actor` may record persons (Japan's officers)."""
    if not services.may_record(actor):
        raise services.NotPermitted(
            "japan_records", _("Only Japan's officers record suspensions and return requests.")
        )


def upload_persons(
    *, actor: User, suspension: Suspension, name: str, upload: IO[bytes], size: int | None = None
) -> list[AffectedPerson]:
    """All the persons of the file, or none: refused with every problem found."""
    require_recorder(actor)
    rows = read_rows(name, upload, size)
    cleaned, errors = validate(rows)
    if errors:
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = [*errors[:MAX_ERRORS], _("…and %(n)d more problems.") % {"n": more}]
        raise UploadRefused(errors)
    if not cleaned:
        raise UploadRefused([_("The file names no person.")])
    with transaction.atomic():
        return [
            services.create_person(actor=actor, suspension=suspension, cleaned=data)
            for data in cleaned
        ]
