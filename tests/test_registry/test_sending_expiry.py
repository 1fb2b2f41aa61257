"""7.4: an approval that runs out is marked expired, with its date; Japan is notified with a
receipt, and the partner's portal shows the step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from sswbridge.exchange.models import Communication
from sswbridge.sending.models import StatusChange
from sswbridge.sending.services import organizations as sending_services
from tests.helpers.registers import approved

pytestmark = pytest.mark.django_db


def test_an_expired_approval_is_in_the_history_notified_and_public(kg_registrar, jp_cp, jp_kg):
    org = approved(kg_registrar, jp_kg)
    change = sending_services.change_status(
        actor=kg_registrar,
        organization=org,
        status="expired",
        reason="Permit for employment abroad not renewed",
        effective_date=dt.date(2026, 7, 1),
    )
    org.refresh_from_db()
    assert org.status == "expired"
    statuses = StatusChange.objects.filter(organization=org).values_list("to_status", flat=True)
    assert list(statuses) == ["applied", "approved", "expired"]
    notice = Communication.objects.visible_to(jp_cp).get(pk=change.communication_id)
    assert notice.kind == "sending_org_expiry_notice" and notice.delivered_at is not None
    body = Client().get(f"/api/v1/public/kg/sending-organizations/{org.pk}").json()
    assert (body["status"], body["status_date"]) == ("expired", "2026-07-01")
    assert [step["status"] for step in body["history"]] == ["approved", "expired"]
    with pytest.raises(ValidationError):  # an expired approval is not reinstated
        sending_services.change_status(actor=kg_registrar, organization=org, status="approved")
