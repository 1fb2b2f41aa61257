"""Deadlines and reminders: the recipient contact point is told by mail (through a real
SMTP server) and in the app when something arrives, before its answer is due and once it is
overdue, exactly once per step, as each officer chose per kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.core import jobs
from sswbridge.core.models import Job
from sswbridge.exchange import notify, periods, receipts, services
from sswbridge.exchange.deadlines import add_business_days
from sswbridge.exchange.models import Communication, Notification, ReminderSent
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db


def inquiry(sender, subject="Where is worker A. Osmonov?"):  # type: ignore[no-untyped-def]
    return factories.make_communication(sender=sender, kind="inquiry", subject=subject)


def due_in(c: Communication, days: int) -> None:
    Communication.objects.filter(pk=c.pk).update(
        due_date=timezone.localdate() + dt.timedelta(days=days)
    )


def run_sweep() -> None:
    jobs.enqueue(notify.SWEEP_JOB, {})
    jobs.run_due_jobs(100)


def test_the_recipient_contact_point_gets_a_mail_when_a_share_arrives(kg_cp, jp_cp, smtp_server):
    factories.make_communication(
        sender=kg_cp,
        kind="intermediary_share",
        subject="Ak-Jol",
        payload={"acts": ["other"], "other_text": "deposits"},
    )
    jobs.run_due_jobs(100)
    [message] = smtp_server.messages
    assert (smtp_server.recipients, "A communication arrived" in message["Subject"]) == (
        ["jp_cp@example.test"],
        True,
    )


def test_the_delivery_mail_links_to_the_communication_but_keeps_its_subject_out(
    kg_cp, jp_cp, smtp_server
):
    c = inquiry(kg_cp, subject="Confidential: worker names")
    jobs.run_due_jobs(100)
    body = smtp_server.messages[0].get_payload()
    assert reverse("exchange:detail", args=[c.pk]) in body
    assert "Confidential" not in body


def test_an_overdue_inquiry_is_reminded_by_mail_exactly_once(kg_cp, jp_cp, smtp_server):
    c = inquiry(kg_cp)
    jobs.run_due_jobs(100)  # the delivery mail
    smtp_server.messages.clear()
    due_in(c, -3)
    run_sweep()
    run_sweep()
    assert [m["Subject"] for m in smtp_server.messages] == [
        "[SSW Bridge] An answer is overdue: Inquiry"
    ]


def test_an_overdue_inquiry_shows_as_overdue_in_the_inbox(kg_cp, jp_cp):
    c = inquiry(kg_cp)
    due_in(c, -1)
    page = factories.verified_client(jp_cp).get(reverse("exchange:inbox") + "?folder=overdue")
    assert c.subject in page.content.decode()


def test_a_reminder_comes_before_the_due_date_and_again_once_overdue(kg_cp, jp_cp):
    c = inquiry(kg_cp)
    due_in(c, 1)
    notify.sweep()
    due_in(c, -1)
    notify.sweep()
    notify.sweep()
    steps = sorted(ReminderSent.objects.filter(communication=c).values_list("step", flat=True))
    assert steps == ["due_soon", "overdue"]


def test_nothing_is_reminded_long_before_the_due_date(kg_cp, jp_cp):
    c = inquiry(kg_cp)
    due_in(c, 30)
    assert notify.sweep() == 0


def test_an_answered_inquiry_is_not_reminded(kg_cp, jp_cp):
    c = inquiry(kg_cp)
    receipts.answer(actor=jp_cp, communication=c, kind="inquiry_answer", subject="He is in Osaka")
    due_in(c, -2)
    assert notify.sweep() == 0


def test_reminders_appear_in_the_app_for_each_contact_point_officer(kg_cp, jp_cp):
    second = factories.make_user("isa", Role.CONTACT_POINT)
    c = inquiry(kg_cp)
    due_in(c, -1)
    notify.sweep()
    users = set(
        Notification.objects.filter(communication=c, event="overdue").values_list("user", flat=True)
    )
    assert users == {jp_cp.pk, second.pk}


def test_an_officer_who_turned_off_mail_for_a_kind_is_told_only_in_the_app(
    kg_cp, jp_cp, smtp_server
):
    notify.set_preferences(actor=jp_cp, choices={"inquiry": (False, True)})
    c = inquiry(kg_cp)
    jobs.run_due_jobs(100)
    assert (smtp_server.messages, Notification.objects.filter(communication=c).count()) == ([], 1)


def test_the_sweep_schedules_its_next_run(kg_cp):
    run_sweep()
    assert Job.objects.filter(
        kind=notify.SWEEP_JOB, status="pending", run_after__gt=timezone.now()
    ).exists()


def test_the_bell_counts_unread_notifications_until_they_are_read(kg_cp, jp_cp):
    inquiry(kg_cp)
    client = factories.verified_client(jp_cp)
    assert (
        'data-testid="notification-badge"' in client.get(reverse("workqueue:home")).content.decode()
    )
    client.post(reverse("exchange:notifications_read"))
    assert notify.unread_count(jp_cp) == 0


def test_notification_preferences_through_the_api(jp_cp):
    api = Api(jp_cp)
    response = api.client.put(
        "/api/v1/exchange/notification-preferences",
        [{"kind": "inquiry", "email": False, "in_app": True}],
        content_type="application/json",
    )
    chosen = {p["kind"]: (p["email"], p["in_app"]) for p in response.json()}
    assert (chosen["inquiry"], chosen["general_notice"]) == ((False, True), (True, True))


def test_a_frameworks_answer_period_for_a_kind_sets_the_due_date(kg_cp, jp_cp):
    periods.set_answer_days(
        actor=kg_cp, framework=factories.jp_kg(), kind="inquiry", business_days=3
    )
    c = inquiry(kg_cp)
    assert c.due_date == add_business_days(timezone.localdate(c.sent_at), 3)


def test_an_officer_may_not_change_the_answer_periods(jp_officer):
    with pytest.raises(PermissionDenied):
        periods.set_answer_days(
            actor=jp_officer, framework=factories.jp_kg(), kind="inquiry", business_days=3
        )


def test_answer_periods_through_the_api(jp_cp):
    api = Api(jp_cp)
    response = api.client.put(
        "/api/v1/exchange/frameworks/jp-kg/answer-periods/inquiry",
        {"business_days": 7},
        content_type="application/json",
    )
    listed = {p["kind"]: p for p in api.get("/frameworks/jp-kg/answer-periods").json()}
    assert (response.status_code, listed["inquiry"]["business_days"]) == (200, 7)


def test_a_user_of_another_framework_cannot_set_its_answer_periods(jp_uz):
    api = Api(factories.make_user("uz-agency", Role.CONTACT_POINT))
    response = api.client.put(
        "/api/v1/exchange/frameworks/jp-kg/answer-periods/inquiry",
        {"business_days": 7},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_answer_periods_page_saves_a_contact_points_choice(jp_cp):
    client = factories.verified_client(jp_cp)
    url = reverse("exchange:answer_periods", args=["jp-kg"])
    client.post(url, {"inquiry": "4"})
    assert periods.answer_days(factories.jp_kg(), services.get_kind("inquiry")) == 4


def _sweeps() -> list[Job]:
    return list(Job.objects.filter(kind=notify.SWEEP_JOB, status="pending"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_schedules_the_reminder_sweep_when_it_starts():
    import signal

    from sswbridge.core.worker import Worker

    worker = Worker(poll_seconds=0.01)
    worker.stopping = True  # start, then stop before the first poll
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    started = timezone.now()
    try:
        worker.run()
    finally:
        for sig, previous in saved.items():
            signal.signal(sig, previous)
    [job] = _sweeps()
    assert job.run_after in (notify.next_slot(started), notify.next_slot())


def test_starting_the_worker_twice_queues_one_sweep(jp_kg):
    from sswbridge.core.worker import Worker

    Worker().schedule_periodic()
    Worker().schedule_periodic()
    assert len(_sweeps()) == 1
