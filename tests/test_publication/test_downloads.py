"""Every public download states its licence and last update, and holds no live formula:
checked on the content of the file produced."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from openpyxl import load_workbook

from sswbridge.publication.downloads import FORMULA_STARTS
from tests.helpers.publication import publish_on_partner_portal

pytestmark = pytest.mark.django_db

SUPPORT = "/portal/kg/support-organizations/"


def _download(url: str, fmt: str) -> bytes:
    response = Client().get(url, {"format": fmt})
    assert response.status_code == 200
    return response.content


def _live(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _register_urls() -> list[str]:
    lists = ("support-organizations", "sending-organizations", "improvement-orders")
    return [f"/portal/{country}/{name}/" for country in ("kg", "jp") for name in lists]


@pytest.fixture
def registers_with_formulas(published_list, jp_kg):
    """Formula-like text in the registers of sending organizations and improvement orders."""
    from sswbridge.accounts.models import Role
    from tests.helpers import factories, registers

    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    registers.approved(partner, jp_kg, name_en="=cmd|' /C calc'!A0", address="@SUM(1)")
    japan = factories.make_user("isa", Role.REGISTRAR)
    order = registers.order(japan, jp_kg, organization_name="+Sakura", measures="-pay wages")
    publish_on_partner_portal(order, partner)
    publish_waiting(portal="jp", registrar=japan)


def publish_waiting(*, portal, registrar):
    """A registrar confirms every publication waiting on the portal of its side."""
    from sswbridge.publication import services as publishing
    from sswbridge.publication.models import Publication

    for waiting in Publication.objects.filter(portal=portal, published_at__isnull=True):
        publishing.publish(actor=registrar, publication=waiting)


@pytest.mark.parametrize("url", _register_urls())
def test_csv_download_has_no_cell_starting_like_a_formula(registers_with_formulas, url):
    text = _download(url, "csv").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert len(cells) > 20 and any(cell.startswith("'") for cell in cells)
    assert not [cell for cell in cells if _live(cell)]


@pytest.mark.parametrize("url", _register_urls())
def test_xlsx_download_has_no_formula_cell(registers_with_formulas, url):
    content = _download(url, "xlsx")
    sheets = [
        zipfile.ZipFile(io.BytesIO(content)).read(name)
        for name in zipfile.ZipFile(io.BytesIO(content)).namelist()
        if name.startswith("xl/worksheets/")
    ]
    assert sheets and not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    workbook = load_workbook(io.BytesIO(content))  # not data_only: formulas would show
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f" or _live(c.value)]


def test_formula_like_text_is_kept_readable_behind_an_apostrophe(published_list):
    text = _download(SUPPORT, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and "'+81 3 1234" in text and "'@SUM(A1:A2)" in text


def test_json_download_keeps_values_exact_and_states_licence_and_update(published_list):
    document = json.loads(_download(SUPPORT, "json"))
    names = [row["name"] for row in document["rows"]]
    assert published_list[0]["name"] in names
    assert "Creative Commons" in document["licence"]
    assert document["updated_at"]


def test_xlsx_download_states_licence_and_last_update(published_list):
    workbook = load_workbook(io.BytesIO(_download(SUPPORT, "xlsx")))
    about = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert "Creative Commons" in about["Licence"]
    assert about["Last updated"]
    assert workbook.worksheets[0].max_row == len(published_list) + 1


def test_csv_download_carries_licence_and_date_in_its_headers(published_list):
    response = Client().get(SUPPORT, {"format": "csv"})
    assert 'rel="license"' in response["Link"]
    assert response["Last-Modified"]
    assert response["Content-Disposition"].startswith("attachment;")


def test_list_page_states_licence_and_last_update(published_list):
    page = Client().get(SUPPORT).content.decode()
    assert 'data-testid="updated-at" datetime=' in page
    assert "Creative Commons Attribution 4.0" in page


def test_xlsx_cells_are_text_whatever_they_look_like():
    """Numbers, dates, error codes and formulas in the data stay text cells in the XLSX."""
    from sswbridge.publication.downloads import render_download

    values = ["#N/A", "#DIV/0!", "0123", "2026-01-01", "=1+1", "plain"]
    response = render_download(
        [{"v": v} for v in values],
        [("v", "Value")],
        "xlsx",
        title="t",
        licence="l",
        updated_at=None,
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [(c.data_type, c.value) for c in cells] == [
        ("s", "#N/A"),
        ("s", "#DIV/0!"),
        ("s", "0123"),
        ("s", "2026-01-01"),
        ("s", "'=1+1"),
        ("s", "plain"),
    ]
