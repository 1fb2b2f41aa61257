"""A file that is not a sound list is refused with a clear message naming the row and
column, and nothing changes: not the register, not the change reports, nothing shared."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from sswbridge.exchange.models import Communication
from sswbridge.support import samples, services
from sswbridge.support.models import SupportChange, SupportImport, SupportOrganization
from sswbridge.support.reader import MAX_UNCOMPRESSED, ImportRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(registrar, jp_kg, rows, write):
    """A first list already imported: what a refused file must leave as it was."""
    services.import_file(actor=registrar, framework=jp_kg, path=write(rows))
    return rows


def _state() -> tuple[list[tuple[str, str, bool]], int, int, int]:
    orgs = list(
        SupportOrganization.objects.order_by("registration_number").values_list(
            "registration_number", "content_hash", "listed"
        )
    )
    return (
        orgs,
        SupportImport.objects.count(),
        SupportChange.objects.count(),
        Communication.objects.count(),
    )


def _refused(registrar, jp_kg, path: Path) -> list[str]:
    before = _state()
    with pytest.raises(ImportRefused) as refusal:
        services.import_file(actor=registrar, framework=jp_kg, path=path)
    assert _state() == before
    return refusal.value.messages


def test_a_file_with_the_columns_of_another_register_is_refused(registrar, jp_kg, imported, write):
    headers = ("Company", "Country", "Phone", "Fax", "Contact", "Remarks")
    messages = _refused(registrar, jp_kg, write(imported, headers=headers))
    assert "Registration number" in messages[0] and "Registration date" in messages[0]


def test_a_bad_date_is_refused_naming_its_row_and_column(registrar, jp_kg, imported, write):
    imported[3] = {**imported[3], "registration_date": "2019/13/45"}
    messages = _refused(registrar, jp_kg, write(imported))
    # three title rows, a blank row, the header on row 4: the fourth organization is row 8
    assert messages == ["row 8, column B (Registration date): Not a date."]


def test_a_bad_registration_number_and_a_missing_name_are_both_reported(
    registrar, jp_kg, imported, write
):
    imported[0] = {**imported[0], "registration_number": "ABC"}
    imported[5] = {**imported[5], "name": ""}
    messages = _refused(registrar, jp_kg, write(imported))
    assert messages[0].startswith("row 5, column A (Registration number)")
    assert messages[1] == "row 10, column C (Name): This value is required."


def test_a_registration_number_twice_is_refused(registrar, jp_kg, imported, write):
    imported[7] = {**imported[7], "registration_number": imported[2]["registration_number"]}
    messages = _refused(registrar, jp_kg, write(imported))
    assert "row 12, column A" in messages[0] and "appears twice" in messages[0]


def test_a_file_that_is_not_a_workbook_is_refused(registrar, jp_kg, imported, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"Registration number,Name\n19\xe7\x99\xbb-000001,Sakura\n")
    messages = _refused(registrar, jp_kg, path)
    assert "not an Excel workbook" in messages[0]


def test_a_truncated_workbook_is_refused(registrar, jp_kg, imported, write):
    path = write(imported)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert _refused(registrar, jp_kg, path)


def test_a_workbook_with_damaged_content_is_refused_as_broken(registrar, jp_kg, imported, tmp_path):
    good = samples.write_list(tmp_path / "good.xlsx", imported)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # the sheet's XML ends in the middle
            target.writestr(item, data)
    messages = _refused(registrar, jp_kg, broken)
    assert "broken" in messages[0]


@pytest.fixture(scope="session")
def gigabyte_bomb(tmp_path_factory) -> Path:
    """An .xlsx of 5 MB whose worksheet expands to 1 GiB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    chunk = b"<row/>" * (1024 * 1024 // 6) + b"<row" + b"/>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(1024):
                sheet.write(chunk[: 1024 * 1024])
    return path


def test_a_file_that_expands_to_a_gigabyte_is_refused_unopened(
    registrar, jp_kg, imported, gigabyte_bomb
):
    assert sum(i.file_size for i in zipfile.ZipFile(gigabyte_bomb).infolist()) > MAX_UNCOMPRESSED
    started = time.monotonic()
    messages = _refused(registrar, jp_kg, gigabyte_bomb)
    assert time.monotonic() - started < 2  # inflating a gigabyte takes longer than that
    assert "zip bomb" in messages[0]


def test_a_small_file_that_expands_a_thousandfold_is_refused(registrar, jp_kg, imported, tmp_path):
    path = tmp_path / "dense.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b" " * (50 * 1024 * 1024))
    assert "zip bomb" in _refused(registrar, jp_kg, path)[0]


def test_a_realistic_list_is_far_below_the_limits(tmp_path):
    path = samples.write_list(tmp_path / "big.xlsx", samples.make_rows(2000))
    info = zipfile.ZipFile(path).infolist()
    ratio = sum(i.file_size for i in info) / sum(i.compress_size for i in info)
    assert ratio < 30
