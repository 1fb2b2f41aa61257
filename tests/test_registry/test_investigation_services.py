"""Investigations after Japan's notice of improper activity (7.3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sswbridge.cases.models import CaseCommunication
from sswbridge.sending.services import NotPermitted, investigations
from tests.helpers import factories
from tests.helpers.registers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(jp_cp, kg_registrar, jp_kg):  # type: ignore[no-untyped-def]
    org = approved(kg_registrar, jp_kg)
    communication = factories.make_communication(
        jp_kg,
        sender=jp_cp,
        kind="improper_activity_notice",
        subject="Deposits collected by Ala-Too",
        payload={"sending_organization": org.name_en},
    )
    return communication, org


def test_partner_opens_an_investigation_as_a_case_about_the_organization(notice, kg_cp):
    communication, org = notice
    item = investigations.open_investigation(actor=kg_cp, notice=communication, organization=org)
    assert item.case.sending_organization == org
    assert CaseCommunication.objects.get(communication=communication).case == item.case


def test_guidance_given_is_recorded_and_noted_in_the_case(notice, kg_cp):
    communication, org = notice
    item = investigations.open_investigation(actor=kg_cp, notice=communication, organization=org)
    investigations.record_action(
        actor=kg_cp, investigation=item, kind="guidance", text="Told to return the deposits"
    )
    assert item.actions.get().kind == "guidance"
    assert "Told to return the deposits" in item.case.notes.get().text


def test_report_of_results_answers_the_notice(notice, kg_cp):
    communication, org = notice
    item = investigations.open_investigation(actor=kg_cp, notice=communication, organization=org)
    reply = investigations.send_report(
        actor=kg_cp,
        investigation=item,
        subject="Results of the investigation",
        body="Deposits returned.",
        measures=["guidance"],
    )
    communication.refresh_from_db()
    assert (reply.kind, reply.in_reply_to, communication.answered_at) == (
        "results_report",
        communication,
        reply.sent_at,
    )


def test_report_is_sent_once(notice, kg_cp):
    communication, org = notice
    item = investigations.open_investigation(actor=kg_cp, notice=communication, organization=org)
    investigations.send_report(actor=kg_cp, investigation=item, subject="Results")
    with pytest.raises(ValidationError):
        investigations.send_report(actor=kg_cp, investigation=item, subject="Results again")


def test_japan_cannot_open_an_investigation(notice, jp_cp):
    communication, org = notice
    with pytest.raises(NotPermitted):
        investigations.open_investigation(actor=jp_cp, notice=communication, organization=org)


def test_only_an_improper_activity_notice_opens_an_investigation(kg_cp, jp_cp, kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    other = factories.make_communication(jp_kg, sender=jp_cp, kind="inquiry", subject="Question")
    with pytest.raises(ValidationError):
        investigations.open_investigation(actor=kg_cp, notice=other, organization=org)


def test_the_investigation_stays_within_the_partner_side(notice, kg_cp, jp_cp):
    communication, org = notice
    investigations.open_investigation(actor=kg_cp, notice=communication, organization=org)
    from sswbridge.sending.models import Investigation

    assert not Investigation.objects.visible_to(jp_cp).exists()
