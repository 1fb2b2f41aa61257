from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.cases import services
from sswbridge.cases.models import Case, CaseCommunication, CaseStatus, Task, TaskStatus
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_a_new_case_is_open_internal_to_its_side_and_numbered_per_framework(case, kg_cp, jp_kg):
    second = services.open_case(actor=kg_cp, framework=jp_kg, title="Second", subject_type="other")
    year = timezone.localdate().year
    assert (case.status, case.marking, case.owner) == ("open", "side", kg_cp)
    assert [case.reference, second.reference] == [f"JP-KG-{year}-0001", f"JP-KG-{year}-0002"]


def test_references_restart_in_each_framework(case, jp_uz):
    jp = factories.make_user("isa", Role.OFFICER)
    other = services.open_case(actor=jp, framework=jp_uz, title="Uz", subject_type="other")
    assert other.reference.startswith("JP-UZ-") and other.reference.endswith("-0001")


def test_opening_a_case_is_audited(case):
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="create").exists()


def test_an_auditor_may_not_open_a_case(kg_auditor, jp_kg):
    with pytest.raises(services.NotPermitted):
        services.open_case(actor=kg_auditor, framework=jp_kg, title="x", subject_type="other")


def test_a_case_cannot_be_public(kg_cp, jp_kg):
    with pytest.raises(ValidationError):
        services.open_case(
            actor=kg_cp, framework=jp_kg, title="x", subject_type="other", marking="public"
        )


def test_a_case_cannot_name_an_intermediary_of_another_framework(kg_cp, jp_kg, jp_uz):
    foreign = factories.make_intermediary(jp_uz, agency_code="uz-agency")
    with pytest.raises(ValidationError):
        services.open_case(
            actor=kg_cp,
            framework=jp_kg,
            title="x",
            subject_type="intermediary",
            intermediary=foreign,
        )
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        ["under_investigation", "awaiting_other_side"],
        ["awaiting_other_side"],
        ["under_investigation"],
    ],
)
def test_a_case_moves_forward_along_the_path(case, kg_officer, path):
    for status in path:
        services.change_status(actor=kg_officer, case=case, status=status)
    case.refresh_from_db()
    assert case.status == path[-1]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (["under_investigation"], "open"),
        (["awaiting_other_side"], "under_investigation"),
        (["under_investigation"], "under_investigation"),
        ([], "open"),
    ],
)
def test_a_case_never_moves_backwards(case, kg_officer, start, target):
    for status in start:
        services.change_status(actor=kg_officer, case=case, status=status)
    with pytest.raises(services.CaseConflict):
        services.change_status(actor=kg_officer, case=case, status=target)


def test_status_change_cannot_close_without_an_outcome(case, kg_officer):
    with pytest.raises(services.CaseError) as refused:
        services.change_status(actor=kg_officer, case=case, status="closed")
    assert refused.value.code == "close_needs_outcome"


def test_closing_requires_an_outcome(case, kg_officer):
    with pytest.raises(ValidationError):
        services.close_case(actor=kg_officer, case=case, outcome="", decision="Done.")
    case.refresh_from_db()
    assert case.status == "open"


def test_closing_requires_a_decision_text(case, kg_officer):
    with pytest.raises(ValidationError):
        services.close_case(actor=kg_officer, case=case, outcome="substantiated", decision="  ")


def test_closing_records_outcome_decision_and_decider(case, kg_officer):
    services.close_case(
        actor=kg_officer, case=case, outcome="substantiated", decision="Approval revoked."
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.decision, case.decided_by) == (
        "closed",
        "substantiated",
        "Approval revoked.",
        kg_officer,
    )


def test_a_closed_case_cannot_move_on(case, kg_officer):
    services.close_case(actor=kg_officer, case=case, outcome="no_action", decision="Nothing.")
    with pytest.raises(services.CaseConflict):
        services.change_status(actor=kg_officer, case=case, status="under_investigation")


def test_a_contact_point_reopens_a_closed_case(case, kg_cp, kg_officer):
    services.close_case(actor=kg_officer, case=case, outcome="no_action", decision="Nothing.")
    services.reopen(actor=kg_cp, case=case, reason="New reports.")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.decided_at) == ("open", "", None)


def test_an_officer_may_not_reopen(case, kg_officer):
    services.close_case(actor=kg_officer, case=case, outcome="no_action", decision="Nothing.")
    with pytest.raises(services.NotPermitted):
        services.reopen(actor=kg_officer, case=case)


def test_only_a_closed_case_can_be_reopened(case, kg_cp):
    with pytest.raises(services.CaseConflict):
        services.reopen(actor=kg_cp, case=case)


def test_the_other_side_cannot_change_a_shared_case(shared_case, jp_cp):
    with pytest.raises(services.NotPermitted):
        services.add_note(actor=jp_cp, case=shared_case, text="From Japan")


def test_an_auditor_cannot_add_a_note(case, kg_auditor):
    with pytest.raises(services.NotPermitted):
        services.add_note(actor=kg_auditor, case=case, text="Audit")


def test_a_task_is_added_and_completed(case, kg_cp, kg_officer):
    task = services.add_task(
        actor=kg_cp,
        case=case,
        title="Call the agency",
        owner=kg_officer,
        due_date=dt.date(2026, 5, 1),
    )
    services.complete_task(actor=kg_officer, task=task)
    task.refresh_from_db()
    assert (task.status, task.done_by, task.owner) == (TaskStatus.DONE, kg_officer, kg_officer)


def test_a_done_task_cannot_be_completed_again(case, kg_cp):
    task = services.add_task(actor=kg_cp, case=case, title="Once")
    services.complete_task(actor=kg_cp, task=task)
    with pytest.raises(services.CaseConflict):
        services.cancel_task(actor=kg_cp, task=task)


def test_a_task_owner_must_see_the_case(case, kg_cp, jp_cp):
    with pytest.raises(ValidationError):
        services.add_task(actor=kg_cp, case=case, title="For Japan", owner=jp_cp)
    assert not Task.objects.exists()


def test_a_note_is_kept_with_its_author(case, kg_officer):
    note = services.add_note(actor=kg_officer, case=case, text="  Met the workers.  ")
    assert (note.text, note.author) == ("Met the workers.", kg_officer)


def test_a_visible_communication_is_linked_once(case, kg_cp):
    communication = factories.make_communication(sender=kg_cp)
    services.link_communication(actor=kg_cp, case=case, communication=communication)
    with pytest.raises(services.CaseConflict):
        services.link_communication(actor=kg_cp, case=case, communication=communication)
    assert CaseCommunication.objects.get().case == case


def test_a_communication_of_another_framework_cannot_be_linked(case, kg_cp, jp_uz):
    jp = factories.make_user("isa", Role.CONTACT_POINT)
    foreign = factories.make_communication(jp_uz, sender=jp)
    with pytest.raises(ValidationError):
        services.link_communication(actor=kg_cp, case=case, communication=foreign)


def test_a_communication_the_actor_cannot_see_cannot_be_linked(case, kg_cp, jp_kg):
    jp = factories.make_user("isa", Role.CONTACT_POINT)
    internal = factories.make_communication(jp_kg, sender=jp, send=False)
    with pytest.raises(ValidationError):
        services.link_communication(actor=kg_cp, case=case, communication=internal)


def test_case_visibility_follows_the_marking(case, shared_case, kg_officer, jp_cp, uz_cp):
    assert set(Case.objects.visible_to(kg_officer)) == {case, shared_case}
    assert set(Case.objects.visible_to(jp_cp)) == {shared_case}
    assert not Case.objects.visible_to(uz_cp).exists()


def test_status_moves_are_recorded_as_events(case, kg_officer):
    services.change_status(actor=kg_officer, case=case, status="under_investigation")
    assert list(case.events.values_list("kind", "to_status")) == [
        ("opened", CaseStatus.OPEN),
        ("status_changed", CaseStatus.UNDER_INVESTIGATION),
    ]


def test_an_intermediarys_cases_are_those_the_reader_may_see(case, shared_case, jp_cp, kg_cp):
    from sswbridge.cases import selectors

    assert list(selectors.cases_about(kg_cp, intermediary=case.intermediary)) == [case]
    assert not selectors.cases_about(jp_cp, intermediary=case.intermediary).exists()


@pytest.mark.parametrize("marking", ["agency", "side", "both"])
def test_the_owners_a_case_page_offers_are_its_sides_users_who_may_own_it(
    marking, kg_cp, kg_officer, jp_cp, jp_kg
):
    other_agency = factories.make_user("kg-mlssm", Role.OFFICER)
    case = services.open_case(
        actor=kg_cp, framework=jp_kg, title="Owners", subject_type="other", marking=marking
    )
    side = [kg_cp, kg_officer, other_agency]
    offered = set(services.task_owners(case))
    assert offered == {u for u in side if services.may_own(u, case)}
    assert (other_agency in offered, jp_cp in offered) == (marking != "agency", False)
