"""A consultation exported as an iCalendar event."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from sswbridge.consultations import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_consultation_is_exported_as_an_icalendar_event(consultation, kg_cp):
    services.add_agenda_item(
        actor=kg_cp, consultation=consultation, title="Exam fraud in Osh", subjects=["d"]
    )
    response = factories.verified_client(kg_cp).get(
        reverse("consultations:ics", args=[consultation.pk])
    )
    assert response["Content-Type"] == "text/calendar"
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Annual consultation 2026"
    assert event.decoded("dtstart") == consultation.starts_at.replace(microsecond=0)
    assert "1. Exam fraud in Osh" in str(event["description"])
    assert str(event["location"]) == "Tokyo, Ministry of Justice"
