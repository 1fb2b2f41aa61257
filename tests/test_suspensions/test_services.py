"""Clause 8: suspension, affected persons with dependants for SSW (ii) only, return help."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import SSWField
from sswbridge.suspensions import selectors, services
from sswbridge.suspensions.models import ReturnStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_the_suspension_goes_to_the_partner_as_a_communication(suspension, kg_cp):
    letter = Communication.objects.visible_to(kg_cp).get(pk=suspension.communication_id)
    assert letter.kind == "suspension_notice"
    assert letter.payload["field"] == "food-service"
    assert letter.payload["starts_on"] == "2026-04-01"


def test_the_public_landing_page_shows_the_suspension(suspension):
    page = Client().get(reverse("publication:landing")).content.decode()
    assert "Immigration Control Act, Article 7-2" in page
    assert "2026-04-01" in page


def test_only_japan_records_a_suspension(kg_cp, jp_kg):
    with pytest.raises(services.NotPermitted):
        services.record_suspension(
            actor=kg_cp,
            framework=jp_kg,
            field=SSWField.objects.get(code="food-service"),
            starts_on=dt.date(2026, 4, 1),
            legal_basis="x",
            scope="y",
        )


def test_dependants_are_recorded_for_ssw_ii(leaving):
    assert [d.name for d in leaving.dependants.all()] == ["Aida Toktogulova"]


def test_dependants_are_refused_for_ssw_i(jp_officer, suspension):
    with pytest.raises(ValidationError):
        services.add_person(
            actor=jp_officer,
            suspension=suspension,
            name="Nurlan Asanov",
            status_of_residence="ssw_i",
            employer="Sakura Foods K.K.",
            dependants=[{"relation": "child", "name": "Aiperi Asanova"}],
        )
    assert not suspension.persons.exists()


def test_a_dependant_added_later_is_refused_for_ssw_i(jp_officer, suspension):
    person = services.add_person(
        actor=jp_officer,
        suspension=suspension,
        name="Nurlan Asanov",
        status_of_residence="ssw_i",
        employer="Sakura Foods K.K.",
    )
    with pytest.raises(ValidationError):
        services.add_dependant(actor=jp_officer, person=person, relation="child", name="Aiperi")


def test_a_worker_with_dependants_cannot_be_changed_to_ssw_i(jp_officer, leaving):
    with pytest.raises(ValidationError):
        services.update_person(
            actor=jp_officer,
            person=leaving,
            residence_situation="may_not_remain",
            status_of_residence="ssw_i",
        )


def test_affected_persons_dependants_and_requests_are_marked_personal_data():
    marked = {m.__name__ for m in apps.get_models() if getattr(m, "personal_data", False)}
    assert {"AffectedPerson", "Dependant", "ReturnAssistanceRequest"} <= marked


def test_return_assistance_is_asked_only_for_a_person_who_may_not_remain(jp_officer, suspension):
    person = services.add_person(
        actor=jp_officer,
        suspension=suspension,
        name="Nurlan Asanov",
        status_of_residence="ssw_i",
        employer="Sakura Foods K.K.",
        residence_situation="may_remain",
    )
    with pytest.raises(services.SuspensionError):
        services.request_return_assistance(actor=jp_officer, person=person, assistance="Passport")


def _request(jp_officer, leaving):
    return services.request_return_assistance(
        actor=jp_officer,
        person=leaving,
        assistance="Temporary passport through the embassy in Tokyo",
        dependant_ids=[d.pk for d in leaving.dependants.all()],
    )


def test_a_return_request_is_followed_to_closed_by_the_partner(jp_officer, kg_cp, leaving):
    req = _request(jp_officer, leaving)
    assert req.communication.kind == "return_assistance_request"
    for status in ("received", "passport_issued", "departed", "closed"):
        req = services.advance_return_request(actor=kg_cp, request=req, status=status, on=TODAY())
    assert req.status == ReturnStatus.CLOSED
    assert req.closed_on == TODAY()
    assert list(selectors.open_return_requests(kg_cp)) == []


def test_steps_cannot_be_skipped(jp_officer, kg_cp, leaving):
    req = _request(jp_officer, leaving)
    with pytest.raises(services.SuspensionError):
        services.advance_return_request(actor=kg_cp, request=req, status="departed", on=TODAY())


def test_japan_does_not_report_the_partners_progress(jp_officer, leaving):
    req = _request(jp_officer, leaving)
    with pytest.raises(services.NotPermitted):
        services.advance_return_request(
            actor=jp_officer, request=req, status="received", on=TODAY()
        )


def test_a_step_date_cannot_lie_in_the_future_or_before_the_request(jp_officer, kg_cp, leaving):
    req = _request(jp_officer, leaving)
    for day in (TODAY() + dt.timedelta(days=1), req.requested_on - dt.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.advance_return_request(actor=kg_cp, request=req, status="received", on=day)


def test_the_dashboard_lists_open_requests_with_their_age(jp_officer, kg_cp, leaving):
    req = _request(jp_officer, leaving)
    [row] = selectors.open_return_requests(kg_cp)
    assert row == req
    assert row.age_days(TODAY() + dt.timedelta(days=12)) == 12
