"""Every CSV the system writes is safe in a spreadsheet split on `,`, `;` or tab: every field
is quoted, and no cell can start with a formula character whichever separator is used."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.test import Client

from sswbridge.core import csvfile
from sswbridge.screening import batch

HOSTILE = [
    'x;=HYPERLINK("http://evil.example","click")',
    "a\t@SUM(1)",
    "=1+1",
    "b,+cmd",
    'c;"=1',
    "d\n-2",
    "e\r=3",
    ";\t=4",
]


def _cells(text: str) -> list[str]:
    """Every cell a spreadsheet could see, splitting on any separator, quotes set aside."""
    return [piece.lstrip('"') for piece in re.split(r"[,;\t\r\n]", text)]


def _live(text: str) -> list[str]:
    return [cell for cell in _cells(text) if cell.startswith(csvfile.FORMULA_STARTS)]


def test_no_cell_starts_like_a_formula_whatever_the_separator() -> None:
    out = io.StringIO()
    csvfile.writer(out).writerow(HOSTILE)
    assert _live(out.getvalue()) == []
    assert _live(",".join(HOSTILE))  # the check sees the danger in the raw values


def test_every_field_is_quoted_and_reads_back_behind_apostrophes() -> None:
    out = io.StringIO()
    csvfile.writer(out).writerows([["id", "name"], ["1", "x;=HYPERLINK(1)"], ["2", "a\t@SUM(1)"]])
    assert out.getvalue().splitlines()[1] == '"1","x;\'=HYPERLINK(1)"'
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1:] == [["1", "x;'=HYPERLINK(1)"], ["2", "a\t'@SUM(1)"]]


def test_neutralizing_twice_changes_nothing_more() -> None:
    once = [csvfile.neutralize(value) for value in HOSTILE]
    assert [csvfile.neutralize(value) for value in once] == once


def test_every_csv_writer_in_the_code_goes_through_the_one_helper() -> None:
    source = Path(csvfile.__file__).parents[1]
    writers = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]
    assert writers == ["core/csvfile.py"]


def test_screening_results_are_safe_in_any_spreadsheet() -> None:
    out = io.StringIO()
    rows = [batch.ResultRow("x;=HYPERLINK(1)", "intermediary:1", "a\t@SUM(1)", 0.9)]
    assert batch.write_results(rows, out) == 1
    assert _live(out.getvalue()) == []
    assert "x;'=HYPERLINK(1)" in out.getvalue()


@pytest.mark.django_db
def test_portal_csv_download_is_safe_in_a_spreadsheet_split_on_semicolons_or_tabs(jp_kg):
    from sswbridge.accounts.models import Role
    from tests.helpers import factories
    from tests.helpers.registers import approved

    registrar = factories.make_user("kg-mlssm", Role.REGISTRAR)
    name = 'x;=HYPERLINK("http://evil.example")'
    approved(registrar, jp_kg, name_en=name, address="Bishkek,-1;@SUM(1)")
    response = Client().get("/portal/kg/sending-organizations/", {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "x;'=HYPERLINK(" in text and "Bishkek,'-1;'@SUM(1)" in text
    assert _live(text) == []
