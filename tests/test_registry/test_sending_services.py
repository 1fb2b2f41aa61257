"""The sending-organization register: application, examination, decision, history, notices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.exchange.models import Communication
from sswbridge.publication.models import Publication
from sswbridge.sending.models import SendingOrganization, StatusChange
from sswbridge.sending.services import NotPermitted
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories
from tests.helpers.registers import applied, approved, checklist

pytestmark = pytest.mark.django_db


def test_application_keeps_names_in_three_languages_and_its_fields(kg_registrar, jp_kg):
    org = applied(kg_registrar, jp_kg)
    assert (org.name_ky, org.name_ru, org.name_en)[0].startswith("«Ала-Тоо")
    assert list(org.ssw_fields.values_list("code", flat=True)) == ["construction"]
    assert org.representative_list() == ["Asanova Aigul (director)", "Bekov Nurlan"]


def test_an_application_stays_within_the_partner_side(kg_registrar, jp_cp, jp_kg):
    org = applied(kg_registrar, jp_kg)
    assert not SendingOrganization.objects.visible_to(jp_cp).filter(pk=org.pk).exists()


def test_only_a_partner_registrar_takes_applications(jp_kg):
    for user in (
        factories.make_user("kg-ceca", Role.CONTACT_POINT),
        factories.make_user("isa", Role.REGISTRAR),
        factories.make_user("kg-mlssm", Role.AUDITOR),
    ):
        with pytest.raises(NotPermitted):
            applied(user, jp_kg)


def test_a_second_framework_registrar_cannot_apply_in_the_first(jp_kg, jp_uz):
    with pytest.raises(NotPermitted):
        applied(factories.make_user("uz-agency", Role.REGISTRAR), jp_kg)


def test_a_permit_cannot_end_before_it_starts(kg_registrar, jp_kg):
    with pytest.raises(ValidationError) as exc:
        applied(kg_registrar, jp_kg, permit_valid_until=dt.date(2025, 1, 1))
    assert "permit_valid_until" in exc.value.message_dict


def test_approval_needs_every_criterion_met(kg_registrar, jp_kg):
    first, second = checklist(kg_registrar, jp_kg)
    org = applied(kg_registrar, jp_kg)
    sending_services.examine(actor=kg_registrar, organization=org, criterion=first, met=True)
    sending_services.examine(
        actor=kg_registrar, organization=org, criterion=second, met=False, evidence="Deposits"
    )
    with pytest.raises(ValidationError) as exc:
        sending_services.decide(actor=kg_registrar, organization=org, decision="approve")
    assert "decision" in exc.value.message_dict


def test_examination_records_the_examiner_and_evidence(kg_registrar, jp_kg):
    criterion, _second = checklist(kg_registrar, jp_kg)
    org = applied(kg_registrar, jp_kg)
    result = sending_services.examine(
        actor=kg_registrar, organization=org, criterion=criterion, met=True, evidence="Permit seen"
    )
    assert (result.examiner, result.evidence, result.met) == (kg_registrar, "Permit seen", True)


def test_refusal_needs_reasons(kg_registrar, jp_kg):
    org = applied(kg_registrar, jp_kg)
    with pytest.raises(ValidationError) as exc:
        sending_services.decide(actor=kg_registrar, organization=org, decision="refuse")
    assert "reasons" in exc.value.message_dict


def test_refusal_sends_nothing_to_japan(kg_registrar, jp_kg):
    org = applied(kg_registrar, jp_kg)
    sending_services.decide(
        actor=kg_registrar, organization=org, decision="refuse", reasons="No permit"
    )
    assert not Communication.objects.exists()
    assert org.status_changes.last().to_status == "refused"


def test_approval_is_notified_to_the_japanese_contact_point(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    change = org.status_changes.get(to_status="approved")
    notice = change.communication
    assert notice.kind == "sending_org_approval_notice"
    assert notice.recipient_agency.code == "isa"
    assert notice.delivered_at is not None
    assert notice.payload["registration_number"] == org.registration_number


def test_approval_is_published_on_the_partner_portal_at_once(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    own = Publication.objects.get(sending_organization=org, portal="kg")
    assert own.is_published and own.published_by == kg_registrar


def test_approved_organization_is_visible_to_japan(kg_registrar, jp_cp, jp_kg):
    org = approved(kg_registrar, jp_kg)
    assert SendingOrganization.objects.visible_to(jp_cp).filter(pk=org.pk).exists()


def test_partner_revokes_approval_with_date_and_reason_and_japan_is_notified(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    change = sending_services.change_status(
        actor=kg_registrar,
        organization=org,
        status="revoked",
        reason="Collected deposits from workers",
        effective_date=dt.date(2026, 5, 1),
    )
    org.refresh_from_db()
    assert org.status == "revoked"
    assert (change.effective_date, change.reason) == (
        dt.date(2026, 5, 1),
        "Collected deposits from workers",
    )
    assert change.communication.kind == "sending_org_revocation_notice"


def test_revocation_needs_a_reason(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    with pytest.raises(ValidationError) as exc:
        sending_services.change_status(actor=kg_registrar, organization=org, status="revoked")
    assert "reason" in exc.value.message_dict


def test_a_revoked_approval_cannot_be_reinstated(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="revoked", reason="Improper fees"
    )
    with pytest.raises(ValidationError):
        sending_services.change_status(actor=kg_registrar, organization=org, status="approved")


def test_suspension_and_reinstatement_are_both_in_the_history(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="suspended", reason="Under investigation"
    )
    sending_services.change_status(actor=kg_registrar, organization=org, status="approved")
    statuses = list(
        StatusChange.objects.filter(organization=org).values_list("to_status", flat=True)
    )
    assert statuses == ["applied", "approved", "suspended", "approved"]


def test_a_failed_notice_leaves_the_approval_unsaved(kg_registrar, jp_kg):
    from sswbridge.frameworks.models import ContactPoint

    org = applied(kg_registrar, jp_kg)
    ContactPoint.objects.filter(framework=jp_kg, side__kind="japan").delete()
    with pytest.raises(Exception):
        sending_services.decide(
            actor=kg_registrar, organization=org, decision="approve", reasons="ok"
        )
    org.refresh_from_db()
    assert org.status == "applied"
    assert not Publication.objects.exists()


def test_every_step_writes_an_audit_entry(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    entries = AuditEntry.objects.filter(object_id=str(org.pk)).order_by("seq")
    assert list(entries.values_list("action", flat=True)) == ["create", "update"]


def test_criteria_are_kept_by_partner_registrars_only(jp_kg):
    with pytest.raises(NotPermitted):
        checklist(factories.make_user("isa", Role.REGISTRAR), jp_kg)
