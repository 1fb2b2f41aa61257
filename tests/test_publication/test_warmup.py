"""A change of a register queues the rebuild of its downloads in the change's own transaction,
so the new file is usually there before the first visitor asks (no 503 while a worker builds
it): an import, a revocation, a publication and an erasure by retention each queue it; only
downloads asked for before are rebuilt; nothing is queued for a register nobody downloaded,
nor when the change rolls back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.core import jobs
from sswbridge.core.models import Job, JobStatus
from sswbridge.publication import download_cache, warmup
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


def _get(url: str, fmt: str, language: str = "en") -> object:
    return Client().get(url, {"format": fmt}, HTTP_ACCEPT_LANGUAGE=language)


def _waiting() -> list[dict[str, str]]:
    found = Job.objects.filter(kind=warmup.WARM_JOB, status=JobStatus.PENDING)
    return [job.payload for job in found.order_by("id")]


def _stored() -> list[str]:
    folder = Path(settings.DOWNLOADS_DIR)
    return sorted(p.name for p in folder.iterdir() if p.suffix != ".gz" and p.name[0] != ".")


def _import_more(jp_kg, published_list, tmp_path) -> None:
    rows = [*published_list, *samples.make_rows(14)[12:]]
    support.import_file(
        actor=factories.make_user("isa", Role.REGISTRAR),
        framework=jp_kg,
        path=samples.write_list(tmp_path / "next.xlsx", rows),
    )


def test_an_import_rebuilds_the_downloads_before_the_first_visitor(
    published_list, jp_kg, tmp_path, monkeypatch
):
    monkeypatch.setattr(download_cache, "INLINE_ROWS", 5)  # large: the web would answer 503
    for language in ("en", "ru"):
        assert _get(SUPPORT, "csv", language).status_code == 503
    jobs.run_due_jobs()
    before = {lang: _get(SUPPORT, "csv", lang)["ETag"] for lang in ("en", "ru")}
    _import_more(jp_kg, published_list, tmp_path)
    assert _waiting() == [{"register": "support_organizations", "portal": "kg"}]
    jobs.run_due_jobs()
    after = {lang: _get(SUPPORT, "csv", lang) for lang in ("en", "ru")}
    assert all(r.status_code == 200 for r in after.values())
    assert all(after[lang]["ETag"] != before[lang] for lang in before)


def test_only_the_downloads_asked_for_are_rebuilt(published_list, jp_kg, tmp_path):
    _get(SUPPORT, "json", "ru")
    _import_more(jp_kg, published_list, tmp_path)
    jobs.run_due_jobs()
    stored = _stored()
    assert len(stored) == 1 and stored[0].endswith(".json")
    assert (
        stored[0]
        == download_cache.file_for(
            register="support_organizations",
            portal="kg",
            fmt="json",
            language="ru",
            version=download_cache._downloads["support_organizations"].state("kg")[1],
        ).name
    )


def test_a_revocation_queues_the_rebuild_of_its_register(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = registers.approved(partner, jp_kg)
    first = _get(SENDING, "xlsx")
    sending_services.change_status(actor=partner, organization=org, status="revoked", reason="Fees")
    assert _waiting() == [{"register": "sending_organizations", "portal": "kg"}]
    jobs.run_due_jobs()
    with CaptureQueriesContext(connection) as queries:
        again = _get(SENDING, "xlsx")
    assert again["ETag"] != first["ETag"]
    assert not [q for q in queries if "registry_sendingorganization_ssw_fields" in q["sql"]]


def test_a_publication_queues_the_rebuild_of_its_register(jp_kg):
    japan = factories.make_user("isa", Role.REGISTRAR)
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    order = registers.order(japan, jp_kg, organization_name_en="Sakura Seiko Co., Ltd.")
    _get(ORDERS, "json")
    publish_on_partner_portal(order, partner)
    assert {"register": "improvement_orders", "portal": "kg"} in _waiting()


def test_an_erasure_by_retention_queues_the_rebuild_of_its_register(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = registers.approved(partner, jp_kg, phone="+996 555 0101")
    sending_services.change_status(actor=partner, organization=org, status="revoked", reason="Fees")
    _get(SENDING, "csv")
    Job.objects.all().delete()
    retention.apply_retention(today=timezone.localdate() + dt.timedelta(days=10 * 365 + 1))
    assert _waiting() == [{"register": "sending_organizations", "portal": "kg"}]
    jobs.run_due_jobs()
    assert b"+996 555 0101" not in Path(settings.DOWNLOADS_DIR, _stored()[0]).read_bytes()


def test_many_changes_before_the_worker_runs_queue_one_job(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    first, second = registers.approved(partner, jp_kg), registers.approved(partner, jp_kg)
    _get(SENDING, "csv")
    for org in (first, second):
        sending_services.change_status(
            actor=partner, organization=org, status="revoked", reason="Fees"
        )
    assert len(_waiting()) == 1


def test_a_register_nobody_downloaded_queues_nothing(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = registers.approved(partner, jp_kg)
    sending_services.change_status(actor=partner, organization=org, status="revoked", reason="Fees")
    assert _waiting() == []


def test_a_change_rolled_back_queues_nothing(jp_kg):
    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = registers.approved(partner, jp_kg)
    _get(SENDING, "csv")
    with pytest.raises(RuntimeError), transaction.atomic():
        sending_services.change_status(
            actor=partner, organization=org, status="revoked", reason="Fees"
        )
        assert _waiting()
        raise RuntimeError("rolled back")
    assert _waiting() == []
