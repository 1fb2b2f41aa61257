"""An upload to the import is checked as it arrives (issue 12, point 7): what is not an Excel
workbook, or is named as another type, is refused with 400 at once — nothing stored, no job
queued — on the page and in the API. A control character in a cell is refused naming its row
and column (point 4)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken
from sswbridge.core.models import Job
from sswbridge.support import services
from sswbridge.support.models import SupportImport
from sswbridge.support.reader import ImportRefused
from tests.helpers import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _nothing_queued() -> bool:
    return not SupportImport.objects.exists() and not Job.objects.exists()


def _page_upload(registrar, jp_kg, name: str, content: bytes):  # type: ignore[no-untyped-def]
    return factories.verified_client(registrar).post(
        reverse("support:import_list"),
        {"framework": jp_kg.pk, "file": SimpleUploadedFile(name, content)},
    )


def _api_upload(registrar, name: str, content: bytes):  # type: ignore[no-untyped-def]
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=registrar, **fields)
    return Client().post(
        "/api/v1/support/imports",
        {"framework": "jp-kg", "file": SimpleUploadedFile(name, content)},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("list.xlsx", PDF, "not an Excel workbook"),
        ("list.xlsx", b"name,address\n", "not an Excel workbook"),
        ("list.xlsx", _docx(), "not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_on_arrival(registrar, jp_kg, name, content, says):
    page = _page_upload(registrar, jp_kg, name, content)
    assert page.status_code == 400 and says in page.content.decode()
    response = _api_upload(registrar, name, content)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input" and says in response.json()["message"]
    assert _nothing_queued()


def test_a_workbook_named_as_a_pdf_is_refused_on_arrival(registrar, jp_kg, rows, write):
    content = write(rows).read_bytes()
    page = _page_upload(registrar, jp_kg, "list.pdf", content)
    assert page.status_code == 400 and "named .pdf" in page.content.decode()
    response = _api_upload(registrar, "list.pdf", content)
    assert response.status_code == 400 and "named .pdf" in response.json()["message"]
    assert _nothing_queued()


def test_a_workbook_named_xlsx_is_queued(registrar, jp_kg, rows, write):
    response = _api_upload(registrar, "list.xlsx", write(rows).read_bytes())
    assert response.status_code == 202
    assert SupportImport.objects.get().status == "queued"


@pytest.mark.parametrize(("character", "shown"), [("\x7f", "U+007F"), ("\x85", "U+0085")])
def test_a_control_character_in_a_cell_is_refused_naming_its_row_and_column(
    registrar, jp_kg, rows, write, character, shown
):
    rows[3] = {**rows[3], "name": f"Sakura{character}Support"}
    with pytest.raises(ImportRefused) as refusal:
        services.import_file(actor=registrar, framework=jp_kg, path=write(rows))
    # three title rows, a blank row, the header on row 4: the fourth organization is row 8
    [message] = refusal.value.messages
    assert message.startswith("row 8, column ") and "(Name)" in message and shown in message
    assert not SupportImport.objects.exists()
