"""Retention: at the end of its period a record's personal data is erased by the job, the
audit trail says so without the data, and the chain still verifies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sswbridge.audit.models import AuditEntry
from sswbridge.core import jobs
from sswbridge.exchange.models import Communication
from sswbridge.orders.models import ImprovementOrder
from sswbridge.retention import services
from sswbridge.retention.catalogue import RetentionKind
from sswbridge.retention.jobs import RETENTION_JOB
from sswbridge.retention.models import Erasure, RetentionPolicy
from sswbridge.suspensions.models import AffectedPerson
from tests.helpers import factories

pytestmark = pytest.mark.django_db

PERSONAL = ("Aibek Toktogulov", "Aida Toktogulova", "Sakura Foods", "Osaka", "1994-03-02")
FIVE_YEARS = 5 * 365


def _after(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _run_job(today: dt.date) -> None:
    jobs.enqueue(RETENTION_JOB, {"today": today.isoformat()})
    jobs.run_due_jobs()


def _raw_audit_rows() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditentry")
        return repr(cursor.fetchall())


def test_the_job_erases_a_worker_past_the_period(returned):
    _run_job(_after(FIVE_YEARS + 1))
    person = AffectedPerson.objects.get(pk=returned.pk)
    assert person.name.startswith("P-")
    assert (person.employer, person.situation_note) == ("", "")
    [dependant] = person.dependants.all()
    assert dependant.name.startswith("D-") and dependant.date_of_birth is None
    request = person.return_requests.get()
    assert request.assistance == ""
    letter = Communication.objects.get(pk=request.communication_id)
    assert not any(value in letter.body + repr(letter.payload) for value in PERSONAL)


def test_the_erasure_is_audited_without_the_data(returned):
    _run_job(_after(FIVE_YEARS + 1))
    entry = AuditEntry.objects.get(action=services.ERASE_ACTION, object_id=str(returned.pk))
    assert entry.changes["kind"] == RetentionKind.AFFECTED_PERSON
    assert entry.changes["period_days"] == FIVE_YEARS
    assert "name" in entry.changes["fields"]["suspensions.affectedperson"]
    assert not any(value in repr(entry.changes) for value in PERSONAL)


def test_the_audit_table_never_held_the_names(returned):
    _run_job(_after(FIVE_YEARS + 1))
    rows = _raw_audit_rows()
    assert AuditEntry.objects.filter(object_type="suspensions.affectedperson").exists()
    assert not [value for value in PERSONAL if value in rows]


def test_verify_audit_passes_after_the_erasure(returned, capsys):
    _run_job(_after(FIVE_YEARS + 1))
    assert Erasure.objects.filter(object_id=str(returned.pk)).exists()
    call_command("verify-audit")
    assert "the chain is intact" in capsys.readouterr().out


def test_a_worker_within_the_period_is_untouched(returned):
    _run_job(_after(FIVE_YEARS - 1))
    person = AffectedPerson.objects.get(pk=returned.pk)
    assert person.name == "Aibek Toktogulov"
    assert person.dependants.get().name == "Aida Toktogulova"
    assert not Erasure.objects.exists()


def test_a_worker_with_an_open_return_request_is_kept(leaving):
    services.apply_retention(today=_after(FIVE_YEARS * 3))
    assert AffectedPerson.objects.get(pk=leaving.pk).name == "Aibek Toktogulov"


def test_a_framework_period_overrides_the_default(staying, jp_kg):
    RetentionPolicy.objects.create(framework=jp_kg, kind=RetentionKind.AFFECTED_PERSON, days=30)
    services.apply_retention(today=_after(29))
    assert AffectedPerson.objects.get(pk=staying.pk).name == "Nurlan Asanov"
    services.apply_retention(today=_after(31))
    assert AffectedPerson.objects.get(pk=staying.pk).name != "Nurlan Asanov"


def test_dry_run_lists_and_changes_nothing(staying, capsys):
    later = _after(FIVE_YEARS + 1).isoformat()
    call_command("apply-retention", "--dry-run", "--today", later)
    assert str(staying.pk) in capsys.readouterr().out
    assert AffectedPerson.objects.get(pk=staying.pk).name == "Nurlan Asanov"
    call_command("apply-retention", "--today", later)
    assert AffectedPerson.objects.get(pk=staying.pk).name != "Nurlan Asanov"


def test_each_record_is_erased_once(staying):
    later = _after(FIVE_YEARS + 1)
    assert len(services.apply_retention(today=later)) == 1
    assert services.apply_retention(today=later) == []
    assert AuditEntry.objects.filter(action=services.ERASE_ACTION).count() == 1


def test_revoked_organization_loses_its_representatives(jp_kg):
    org = factories.make_sending_organization(
        status="revoked", representatives="Bakyt Ismailov", phone="+996 555 0101"
    )
    approved = factories.make_sending_organization(representatives="Ainura Bekova")
    services.apply_retention(today=_after(10 * 365 + 1))
    org.refresh_from_db()
    approved.refresh_from_db()
    assert (org.representatives, org.phone) == ("", "")
    assert approved.representatives == "Ainura Bekova"


def test_improvement_order_representative_is_erased_with_the_notice(jp_kg):
    from sswbridge.accounts.models import Role
    from sswbridge.orders import services as order_services

    registrar = factories.make_user("isa", Role.REGISTRAR)
    order = order_services.record_order(
        actor=registrar,
        framework=jp_kg,
        order_date=timezone.localdate(),
        organization_name="Sakura Foods K.K.",
        address="Osaka",
        representative="Sato Ichiro",
        legal_basis="Article 19-21",
        measures="Pay the wages due.",
    )
    assert "Sato Ichiro" not in _raw_audit_rows()
    services.apply_retention(today=_after(5 * 365 + 1))
    order = ImprovementOrder.objects.get(pk=order.pk)
    assert order.representative == ""
    letter = Communication.objects.get(pk=order.communication_id)
    assert "Sato Ichiro" not in repr(letter.payload)


def test_the_worker_queues_one_daily_run(jp_kg):
    from sswbridge.core.models import Job
    from sswbridge.core.worker import Worker

    Worker().schedule_periodic()
    Worker().schedule_periodic()
    [job] = Job.objects.filter(kind=RETENTION_JOB)
    assert job.run_after > timezone.now()
    assert timezone.localtime(job.run_after).hour == 2
