"""The upload in the staff pages queues a durable job; a progress page follows it until the
change report is ready. The command line does the same in one go, with progress on stderr."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sswbridge.core import jobs
from sswbridge.core.models import Job
from sswbridge.support.models import ImportStatus, SupportImport, SupportOrganization
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _upload(client, jp_kg, path, name="list.xlsx"):
    upload = SimpleUploadedFile(name, path.read_bytes())
    return client.post(reverse("support:import_list"), {"framework": jp_kg.pk, "file": upload})


def test_an_upload_is_queued_and_its_page_refreshes_until_done(registrar, jp_kg, rows, write):
    client = factories.verified_client(registrar)
    response = _upload(client, jp_kg, write(rows))
    record = SupportImport.objects.get()
    assert response["Location"] == reverse("support:import_detail", args=[record.pk])
    assert Job.objects.filter(kind="support_import", status="pending").count() == 1
    waiting = client.get(response["Location"])
    assert waiting["Refresh"] == "2"
    assert 'data-testid="import-progress"' in waiting.content.decode()
    assert jobs.run_due_jobs() == 1
    done = client.get(response["Location"])
    assert "Refresh" not in done
    record.refresh_from_db()
    assert (record.status, record.added, record.rows_processed) == ("done", 30, 30)
    assert SupportOrganization.objects.count() == 30


def test_a_refused_upload_shows_why_and_changes_nothing(registrar, jp_kg, rows, write):
    client = factories.verified_client(registrar)
    rows[2] = {**rows[2], "support_start_date": "someday"}
    response = _upload(client, jp_kg, write(rows))
    jobs.run_due_jobs()
    page = client.get(response["Location"]).content.decode()
    record = SupportImport.objects.get()
    assert record.status == ImportStatus.FAILED
    assert Job.objects.get(kind="support_import").status == "done"  # refused, not retried
    assert "row 7, column L (Scheduled date to start support): Not a date." in page
    assert not SupportOrganization.objects.exists()


def test_the_change_report_page_lists_each_change(registrar, jp_kg, rows, write):
    client = factories.verified_client(registrar)
    _upload(client, jp_kg, write(rows))
    jobs.run_due_jobs()
    rows[1] = {**rows[1], "address": "1-1 Otemachi, Chiyoda-ku, Tokyo"}
    response = _upload(client, jp_kg, write(rows))
    jobs.run_due_jobs()
    page = client.get(response["Location"]).content.decode()
    assert "1-1 Otemachi, Chiyoda-ku, Tokyo" in page
    assert "1 changed" in page


def test_a_partner_registrar_sees_the_imports_but_cannot_upload(registrar, jp_kg, rows, write):
    partner = factories.verified_client(factories.make_user("kg-ceca", "registrar"))
    assert (
        'data-testid="support-import-form"'
        not in partner.get(reverse("support:import_list")).content.decode()
    )
    _upload(partner, jp_kg, write(rows))
    assert not SupportImport.objects.exists()


def test_the_command_imports_and_reports_the_changes(registrar, jp_kg, rows, write):
    out, err = io.StringIO(), io.StringIO()
    path = write(rows)
    call_command(
        "import-support-orgs", str(path), framework="jp-kg", user=registrar.username,
        stdout=out, stderr=err,
    )  # fmt: skip
    assert "30 organizations; 30 added, 0 removed, 0 changed" in out.getvalue()
    assert "read 30 of about 30 rows" in err.getvalue()


def test_the_command_refuses_a_bad_file_with_its_row_and_column(registrar, jp_kg, rows, write):
    rows[0] = {**rows[0], "registration_number": "19-ABC"}
    with pytest.raises(CommandError, match=r"row 5, column A \(Registration number\)"):
        call_command(
            "import-support-orgs", str(write(rows)), framework="jp-kg",
            user=registrar.username, quiet=True,
        )  # fmt: skip
    assert not SupportImport.objects.exists()


def test_a_running_import_shows_how_far_it_has_read(registrar, jp_kg, rows, write, monkeypatch):
    """While the worker reads a long list, its page shows the rows read so far and refreshes."""
    from sswbridge.support import reader, services

    monkeypatch.setattr(reader, "PROGRESS_EVERY", 10)
    client = factories.verified_client(registrar)
    location = _upload(client, jp_kg, write(rows))["Location"]
    seen: list[tuple[str, str | None]] = []
    original = services.record_progress

    def record_and_look(**kwargs):  # type: ignore[no-untyped-def]
        original(**kwargs)
        page = client.get(location)
        seen.append((page.content.decode(), page.get("Refresh")))

    monkeypatch.setattr(services, "record_progress", record_and_look)
    assert jobs.run_due_jobs() == 1
    read = [
        (int(m.group(1)), int(m.group(2)), refresh)
        for page, refresh in seen
        for m in re.finditer(r"Rows read: (\d+) of about (\d+)", page)
    ]
    midway = [(n, total, refresh) for n, total, refresh in read if 0 < n < len(rows)]
    assert len(midway) >= 2 and all(refresh == "2" for *_n, refresh in midway)
    assert all(total >= len(rows) for _n, total, _r in midway)
    assert "Refresh" not in client.get(location)
