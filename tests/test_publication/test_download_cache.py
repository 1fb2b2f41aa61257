"""The portal's downloads are built once per change of their register and then served from the
stored file: ETag and Last-Modified, 304 to a conditional GET, the same bytes as a fresh build,
no rebuild on the next request, and a new file and ETag as soon as the register changes (a
new import, a revocation, a publication, an erasure by retention)."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from sswbridge.accounts.models import Role
from sswbridge.core import jobs
from sswbridge.publication import download_cache
from sswbridge.retention import services as retention
from sswbridge.sending.services import organizations as sending_services
from sswbridge.support import samples
from sswbridge.support import services as support
from tests.helpers import factories, registers
from tests.helpers.publication import publish_on_partner_portal

pytestmark = pytest.mark.django_db

SUPPORT = "/portal/kg/support-organizations/"
SENDING = "/portal/kg/sending-organizations/"
ORDERS = "/portal/kg/improvement-orders/"
FORMATS = ("csv", "xlsx", "json")


def _get(url: str, fmt: str, **headers: str) -> object:
    return Client().get(url, {"format": fmt}, **headers)


def _stored() -> list[Path]:
    """The stored downloads (each CSV or JSON file also has its gzip form beside it)."""
    return sorted(
        p
        for p in Path(settings.DOWNLOADS_DIR).iterdir()
        if not p.name.startswith(".") and p.suffix != ".gz"
    )


def _forget_stored_files() -> None:
    shutil.rmtree(settings.DOWNLOADS_DIR)


def _sheet(content: bytes) -> list[tuple[object, ...]]:
    workbook = load_workbook(io.BytesIO(content))
    return [row for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_download_carries_etag_and_last_modified(published_list, fmt):
    response = _get(SUPPORT, fmt)
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["Last-Modified"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_download_answers_304_to_its_etag(published_list, fmt):
    first = _get(SUPPORT, fmt)
    again = _get(SUPPORT, fmt, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content) == (304, b"")


def test_a_download_answers_304_when_not_modified_since(published_list):
    first = _get(SUPPORT, "xlsx")
    assert _get(SUPPORT, "xlsx", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


@pytest.mark.parametrize("fmt", ("csv", "json"))
def test_the_stored_download_is_byte_for_byte_a_fresh_build(published_list, fmt):
    _get(SUPPORT, fmt)
    stored = _get(SUPPORT, fmt)
    _forget_stored_files()
    fresh = _get(SUPPORT, fmt)
    assert stored.content == fresh.content and len(fresh.content) > 500
    assert stored["Content-Type"] == fresh["Content-Type"]
    assert stored["Content-Disposition"] == fresh["Content-Disposition"]


def test_the_stored_spreadsheet_holds_the_cells_of_a_fresh_build(published_list):
    # An XLSX file records when it was written, so its bytes differ; its cells may not.
    _get(SUPPORT, "xlsx")
    stored = _get(SUPPORT, "xlsx")
    _forget_stored_files()
    fresh = _get(SUPPORT, "xlsx")
    assert _sheet(stored.content) == _sheet(fresh.content)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_second_download_does_not_read_the_register(published_list, fmt):
    _get(SUPPORT, fmt)
    with CaptureQueriesContext(connection) as queries:
        second = _get(SUPPORT, fmt)
    assert second.status_code == 200
    read = [q["sql"] for q in queries if "support_supportorganization" in q["sql"]]
    assert read == [] and len(queries) <= 6


def test_the_second_download_of_a_register_does_not_read_it(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    registers.approved(partner, jp_kg)
    _get(SENDING, "xlsx")
    with CaptureQueriesContext(connection) as queries:
        _get(SENDING, "xlsx")
    assert not [q for q in queries if "registry_sendingorganization_ssw_fields" in q["sql"]]


def test_each_language_gets_its_own_file(published_list):
    english = _get(SUPPORT, "csv", HTTP_ACCEPT_LANGUAGE="en")
    russian = _get(SUPPORT, "csv", HTTP_ACCEPT_LANGUAGE="ru")
    assert english["ETag"] != russian["ETag"]
    assert english.content != russian.content  # the column labels are translated
    assert len(_stored()) == 2


def test_a_search_does_not_narrow_the_download(published_list):
    whole = _get(SUPPORT, "csv")
    searched = Client().get(SUPPORT, {"format": "csv", "q": "sakura"})
    assert searched.content == whole.content


def test_a_new_import_gives_a_new_file_and_etag_at_once(published_list, jp_kg, tmp_path):
    first = _get(SUPPORT, "csv")
    rows = [*published_list, *samples.make_rows(14)[12:]]
    support.import_file(
        actor=factories.make_user("isa", Role.REGISTRAR),
        framework=jp_kg,
        path=samples.write_list(tmp_path / "next.xlsx", rows),
    )
    again = _get(SUPPORT, "csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert len(list(csv.reader(io.StringIO(again.content.decode("utf-8-sig"))))) == 15
    assert len(_stored()) == 1  # the file of the older list is gone


def test_a_revocation_gives_a_new_file_and_etag_at_once(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = registers.approved(partner, jp_kg)
    first = _get(SENDING, "csv")
    sending_services.change_status(actor=partner, organization=org, status="revoked", reason="Fees")
    again = _get(SENDING, "csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert b",revoked," in again.content.replace(b'"', b"")


def test_a_publication_gives_a_new_file_and_etag_at_once(jp_kg):
    japan = factories.make_user("isa", Role.REGISTRAR)
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    order = registers.order(japan, jp_kg, organization_name_en="Sakura Seiko Co., Ltd.")
    first = _get(ORDERS, "json")
    assert b"Sakura Seiko" not in first.content
    publish_on_partner_portal(order, partner)
    again = _get(ORDERS, "json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert b"Sakura Seiko" in again.content


def test_an_erasure_by_retention_gives_a_new_file_and_etag_at_once(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = registers.approved(partner, jp_kg, phone="+996 555 0101")
    sending_services.change_status(actor=partner, organization=org, status="revoked", reason="Fees")
    first = _get(SENDING, "csv")
    assert b"+996 555 0101" in first.content
    retention.apply_retention(today=timezone.localdate() + dt.timedelta(days=10 * 365 + 1))
    again = _get(SENDING, "csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert b"+996 555 0101" not in again.content


def test_a_build_under_way_elsewhere_answers_503_with_retry_after(published_list):
    import fcntl

    directory = Path(settings.DOWNLOADS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".build.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process would hold it while it builds
        response = _get(SUPPORT, "xlsx")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0


@pytest.mark.parametrize("fmt", ("csv", "json"))
def test_a_client_that_accepts_gzip_gets_the_same_bytes_compressed(published_list, fmt):
    plain = _get(SUPPORT, fmt)
    packed = _get(SUPPORT, fmt, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] == "W/" + plain["ETag"]
    again = _get(SUPPORT, fmt, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304


def test_a_large_register_is_built_by_the_worker_not_the_web(published_list, monkeypatch):
    monkeypatch.setattr(download_cache, "INLINE_ROWS", 5)  # the 12 organizations are "large"
    waiting = _get(SUPPORT, "xlsx")
    assert waiting.status_code == 503 and int(waiting["Retry-After"]) > 0
    assert _get(SUPPORT, "xlsx").status_code == 503  # still one job, not two
    assert jobs.run_due_jobs() == 1
    built = _get(SUPPORT, "xlsx")
    monkeypatch.setattr(download_cache, "INLINE_ROWS", 2000)
    _forget_stored_files()
    assert built.status_code == 200
    assert _sheet(built.content) == _sheet(_get(SUPPORT, "xlsx").content)


def test_a_stored_download_reads_the_register_state_once(published_list):
    _get(SUPPORT, "csv")
    with CaptureQueriesContext(connection) as queries:
        _get(SUPPORT, "csv")
    state = [q["sql"] for q in queries if "support_supportimport" in q["sql"]]
    # the portal's frameworks and the aggregate of their imports, once for ETag and file
    assert len(state) == 2, state
