"""Clause 4.2: consultations, their agenda, minutes approved by both sides, action items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from sswbridge.accounts.models import Agency
from sswbridge.cases import services as cases
from sswbridge.consultations import reminders, selectors, services
from sswbridge.consultations.models import ActionStatus
from sswbridge.core import jobs
from sswbridge.core.models import Job
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_a_consultation_needs_a_place_or_a_video_link(jp_officer, jp_kg):
    with pytest.raises(ValidationError) as exc:
        services.schedule(
            actor=jp_officer,
            framework=jp_kg,
            title="Ad hoc",
            kind="ad_hoc",
            starts_at=timezone.now(),
        )
    assert "place" in exc.value.message_dict


def test_an_auditor_cannot_schedule_a_consultation(kg_auditor, jp_kg):
    with pytest.raises(services.NotPermitted):
        services.schedule(
            actor=kg_auditor,
            framework=jp_kg,
            title="Ad hoc",
            kind="ad_hoc",
            starts_at=timezone.now(),
            place="Bishkek",
        )


def test_agenda_items_are_tagged_with_the_subjects_and_link_records(consultation, kg_cp, jp_kg):
    org = factories.make_sending_organization(jp_kg)
    letter = factories.make_communication(jp_kg, sender=kg_cp)
    item = services.add_agenda_item(
        actor=kg_cp,
        consultation=consultation,
        title="Deposits taken by sending organizations",
        subjects=["c", "b"],
        sending_organization_ids=[org.pk],
        communication_ids=[letter.pk],
    )
    assert item.subjects == ["b", "c"]
    assert list(item.sending_organizations.all()) == [org]
    assert list(item.communications.all()) == [letter]


def test_an_item_without_a_subject_of_clause_4_2_is_refused_unless_a_dispute(consultation, kg_cp):
    with pytest.raises(ValidationError):
        services.add_agenda_item(actor=kg_cp, consultation=consultation, title="Other")
    dispute = services.add_agenda_item(
        actor=kg_cp, consultation=consultation, title="Reading of clause 3", is_dispute=True
    )
    assert dispute.is_dispute


def test_a_record_of_another_framework_cannot_be_linked(consultation, jp_cp, jp_uz):
    foreign = factories.make_sending_organization(jp_uz, agency_code="uz-agency")
    with pytest.raises(ValidationError):
        services.add_agenda_item(
            actor=jp_cp,
            consultation=consultation,
            title="x",
            subjects=["b"],
            sending_organization_ids=[foreign.pk],
        )


def test_a_linked_record_internal_to_one_side_stays_hidden_from_the_other(
    consultation, jp_cp, kg_cp, jp_kg
):
    internal = cases.open_case(
        actor=jp_cp, framework=jp_kg, title="Japan only", subject_type="other", marking="side"
    )
    services.add_agenda_item(
        actor=jp_cp, consultation=consultation, title="x", subjects=["e"], case_ids=[internal.pk]
    )
    [seen_by_kg] = selectors.agenda_of(kg_cp, consultation)
    [seen_by_jp] = selectors.agenda_of(jp_cp, consultation)
    assert list(seen_by_kg.cases.all()) == []
    assert list(seen_by_jp.cases.all()) == [internal]


def test_minutes_approved_by_both_sides_are_final(consultation, jp_officer, jp_cp, kg_cp):
    v1 = services.draft_minutes(actor=jp_officer, consultation=consultation, text="Draft 1")
    services.approve_minutes(actor=jp_cp, minutes=v1)
    assert not services.minutes_approved(consultation)
    services.approve_minutes(actor=kg_cp, minutes=v1)
    assert services.minutes_approved(consultation)
    with pytest.raises(services.ConsultationError):
        services.draft_minutes(actor=jp_officer, consultation=consultation, text="Draft 2")


def test_a_new_version_of_the_minutes_needs_both_approvals_again(
    consultation, jp_officer, jp_cp, kg_cp
):
    v1 = services.draft_minutes(actor=jp_officer, consultation=consultation, text="Draft 1")
    services.approve_minutes(actor=kg_cp, minutes=v1)
    v2 = services.draft_minutes(actor=jp_officer, consultation=consultation, text="Draft 2")
    services.approve_minutes(actor=jp_cp, minutes=v2)
    assert not services.minutes_approved(consultation)
    with pytest.raises(services.ConsultationError):
        services.approve_minutes(actor=kg_cp, minutes=v1)  # only the latest version
    state = selectors.minutes_state(consultation)
    assert [v.number for v in state.versions] == [2, 1]  # the history is kept


def test_only_the_drafting_side_writes_the_minutes(consultation, jp_officer, kg_officer):
    services.draft_minutes(actor=jp_officer, consultation=consultation, text="Draft 1")
    with pytest.raises(services.NotPermitted):
        services.draft_minutes(actor=kg_officer, consultation=consultation, text="Ours")


def test_only_a_contact_point_officer_approves_for_a_side(consultation, jp_officer, kg_officer):
    v1 = services.draft_minutes(actor=jp_officer, consultation=consultation, text="Draft 1")
    with pytest.raises(services.NotPermitted):
        services.approve_minutes(actor=kg_officer, minutes=v1)


def _action(consultation, actor, due: dt.date | None = None):
    return services.add_action_item(
        actor=actor,
        consultation=consultation,
        title="Investigate Ak-Jol Travel",
        owner_agency=Agency.objects.get(code="kg-ceca"),
        due_date=due or timezone.localdate() + dt.timedelta(days=30),
    )


def test_an_action_item_is_followed_to_done_by_its_owning_side(consultation, jp_cp, kg_officer):
    item = _action(consultation, jp_cp)
    with pytest.raises(services.NotPermitted):
        services.update_action_item(actor=jp_cp, item=item, status="done")
    services.update_action_item(actor=kg_officer, item=item, status="in_progress")
    done = services.update_action_item(
        actor=kg_officer, item=item, status="done", progress_note="Approval suspended"
    )
    assert done.status == ActionStatus.DONE
    assert done.done_at is not None
    with pytest.raises(services.ConsultationError):
        services.update_action_item(actor=kg_officer, item=item, status="in_progress")


def test_an_action_item_schedules_two_reminders(consultation, jp_cp):
    item = _action(consultation, jp_cp)
    keys = set(Job.objects.filter(kind=reminders.REMINDER_JOB).values_list("unique_key", flat=True))
    assert len([k for k in keys if str(item.pk) in k]) == 2


def test_the_reminder_mails_the_owning_agency_while_the_item_is_open(
    consultation, jp_cp, kg_officer, settings
):
    _action(consultation, jp_cp, due=timezone.localdate() - dt.timedelta(days=2))
    Job.objects.filter(kind=reminders.REMINDER_JOB).update(run_after=timezone.now())
    jobs.run_due_jobs()  # the reminders queue their mail
    jobs.run_due_jobs()  # the mail is sent
    assert any(kg_officer.email in m.to for m in mail.outbox)


def test_no_reminder_for_an_item_that_is_done(consultation, jp_cp, kg_officer):
    item = _action(consultation, jp_cp)
    services.update_action_item(actor=kg_officer, item=item, status="done")
    assert reminders.remind(item_id=str(item.pk), step=reminders.OVERDUE) is False
