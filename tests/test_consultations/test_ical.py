"""A consultation exported as an iCalendar event."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from sswbridge.consultations import services
from sswbridge.consultations.models import Consultation
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_a_consultation_is_exported_as_an_icalendar_event(consultation, kg_cp, jp_cp):
    """Exported by the side that scheduled it (Japan here): the file leaves the system, and
    the disclosure rules let the originating side export without the other side's consent."""
    services.add_agenda_item(
        actor=kg_cp, consultation=consultation, title="Exam fraud in Osh", subjects=["d"]
    )
    response = factories.verified_client(jp_cp).get(
        reverse("consultations:ics", args=[consultation.pk])
    )
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar"
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Annual consultation 2026"
    stored = Consultation.objects.get(pk=consultation.pk).starts_at
    start = event.decoded("dtstart")
    assert start.tzinfo is not None  # an absolute time, not a floating local one
    assert start.timestamp() == int(stored.timestamp())  # iCalendar has whole seconds
    assert "1. Exam fraud in Osh" in str(event["description"])
    assert str(event["location"]) == "Tokyo, Ministry of Justice"
