"""Clause 10: the notice, its receipt, withdrawal with consent, and the read-only archive."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sswbridge.cases import services as cases
from sswbridge.consultations import services as consultations
from sswbridge.core.archive import FrameworkArchived
from sswbridge.core.models import Job
from sswbridge.exchange import services as exchange
from sswbridge.frameworks.models import Framework, FrameworkStatus
from sswbridge.lifecycle import jobs as lifecycle_jobs
from sswbridge.lifecycle import services
from sswbridge.lifecycle.models import NoticeStatus
from sswbridge.lifecycle.termination import termination_date
from tests.helpers import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(kg_cp, jp_kg):
    return services.give_termination_notice(actor=kg_cp, framework=jp_kg)


def _framework() -> Framework:
    return Framework.objects.get(code="jp-kg")


def test_the_notice_is_a_communication_and_its_receipt_sets_the_date(notice):
    letter = notice.communication
    assert letter.kind == "termination_notice"
    assert notice.received_on == timezone.localdate(letter.delivered_at)
    assert notice.termination_date == termination_date(notice.received_on)


def test_a_durable_job_is_scheduled_for_the_termination_date(notice):
    job = Job.objects.get(unique_key=f"lifecycle.terminate:{notice.pk}")
    assert timezone.localdate(job.run_after) == notice.termination_date


def test_only_one_notice_runs_at_a_time(notice, jp_cp, jp_kg):
    with pytest.raises(services.LifecycleError):
        services.give_termination_notice(actor=jp_cp, framework=jp_kg)


def test_an_officer_cannot_give_notice(kg_officer, jp_kg):
    with pytest.raises(services.NotPermitted):
        services.give_termination_notice(actor=kg_officer, framework=jp_kg)


def test_a_notice_cannot_be_composed_by_hand(kg_cp, jp_kg):
    with pytest.raises(ValidationError):
        exchange.send_new(actor=kg_cp, framework=jp_kg, kind="termination_notice", subject="Bye")


def test_the_day_before_the_termination_date_nothing_happens(notice):
    day_before = notice.termination_date - dt.timedelta(days=1)
    assert services.apply_terminations(today=day_before) == []
    assert _framework().status == FrameworkStatus.IN_FORCE


def test_on_the_termination_date_the_job_terminates_the_framework(notice):
    lifecycle_jobs.terminate({"today": notice.termination_date.isoformat()})
    notice.refresh_from_db()
    assert _framework().status == FrameworkStatus.TERMINATED
    assert notice.status == NoticeStatus.EFFECTIVE


def _terminate(notice) -> None:
    services.apply_terminations(today=notice.termination_date)


def test_a_terminated_framework_refuses_new_communications(notice, jp_cp):
    _terminate(notice)
    with pytest.raises(FrameworkArchived):
        factories.make_communication(_framework(), sender=jp_cp)


def test_a_terminated_framework_refuses_new_cases_and_tasks(kg_cp, jp_kg):
    case = cases.open_case(actor=kg_cp, framework=jp_kg, title="Open", subject_type="other")
    notice = services.give_termination_notice(actor=kg_cp, framework=jp_kg)
    _terminate(notice)
    with pytest.raises(FrameworkArchived):
        cases.open_case(actor=kg_cp, framework=_framework(), title="New", subject_type="other")
    with pytest.raises(FrameworkArchived):  # a row that hangs off a framework-scoped record
        cases.add_task(actor=kg_cp, case=case, title="A task")


def test_a_terminated_framework_refuses_consultations(notice, kg_cp):
    _terminate(notice)
    with pytest.raises(FrameworkArchived):
        consultations.schedule(
            actor=kg_cp,
            framework=_framework(),
            title="Too late",
            kind="ad_hoc",
            starts_at=timezone.now(),
            place="Bishkek",
        )


def test_the_archive_is_still_read(notice, jp_cp):
    letter = notice.communication
    _terminate(notice)
    client = factories.verified_client(jp_cp)
    assert client.get(reverse("exchange:detail", args=[letter.pk])).status_code == 200
    assert client.get(reverse("lifecycle:framework", args=["jp-kg"])).status_code == 200


def test_the_api_answers_409_for_a_write_to_a_terminated_framework(notice, kg_cp):
    from tests.helpers.api import Api

    _terminate(notice)
    api = Api(kg_cp, "/api/v1/lifecycle")
    response = api.post("/frameworks/jp-kg/reviews", {"review_date": "2026-01-01", "title": "R"})
    assert response.status_code == 409
    assert response.json()["code"] == "framework_terminated"


def test_the_other_framework_goes_on(notice, jp_uz):
    _terminate(notice)
    assert Framework.objects.get(code="jp-uz").status == FrameworkStatus.IN_FORCE


# --- withdrawal ----------------------------------------------------------------------------


def test_a_notice_is_withdrawn_with_the_other_sides_written_consent(notice, kg_cp, jp_cp):
    services.request_withdrawal(actor=kg_cp, notice=notice)
    services.consent_to_withdrawal(actor=jp_cp, notice=notice)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.WITHDRAWN
    assert notice.withdrawal_consent.kind == "termination_withdrawal_consent"
    services.apply_terminations(today=notice.termination_date)
    assert _framework().status == FrameworkStatus.IN_FORCE


def test_without_the_other_sides_consent_the_notice_runs_on(notice, kg_cp):
    services.request_withdrawal(actor=kg_cp, notice=notice)
    services.apply_terminations(today=notice.termination_date)
    assert _framework().status == FrameworkStatus.TERMINATED


def test_the_notifying_side_cannot_consent_to_its_own_withdrawal(notice, kg_cp):
    services.request_withdrawal(actor=kg_cp, notice=notice)
    with pytest.raises(services.NotPermitted):
        services.consent_to_withdrawal(actor=kg_cp, notice=notice)


def test_only_the_notifying_side_asks_to_withdraw(notice, jp_cp):
    with pytest.raises(services.NotPermitted):
        services.request_withdrawal(actor=jp_cp, notice=notice)


def test_a_notice_cannot_be_withdrawn_on_the_termination_date(notice, kg_cp, jp_cp):
    services.request_withdrawal(actor=kg_cp, notice=notice)
    with pytest.raises(services.LifecycleError):
        services.consent_to_withdrawal(actor=jp_cp, notice=notice, today=notice.termination_date)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PENDING


def test_the_framework_page_shows_the_countdown(notice, jp_cp):
    client = factories.verified_client(jp_cp)
    page = client.get(reverse("frameworks:detail", args=["jp-kg"])).content.decode()
    assert notice.termination_date.isoformat() in page
    assert 'data-testid="termination-countdown"' in page
