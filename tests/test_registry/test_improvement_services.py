"""Improvement orders: recorded by Japan, sent to the partner with a receipt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sswbridge.accounts.models import Role
from sswbridge.exchange import receipts
from sswbridge.orders import services as order_services
from sswbridge.orders.models import ImprovementOrder
from sswbridge.orders.services import NotPermitted
from tests.helpers import factories
from tests.helpers.registers import order

pytestmark = pytest.mark.django_db


def test_order_goes_to_the_partner_contact_point(jp_registrar, jp_kg):
    item = order(jp_registrar, jp_kg)
    notice = item.communication
    assert (notice.kind, notice.recipient_agency.code) == ("improvement_order_notice", "kg-ceca")
    assert notice.payload["legal_basis"] == item.legal_basis


def test_partner_contact_point_acknowledges_the_order(jp_registrar, kg_cp, jp_kg):
    item = order(jp_registrar, jp_kg)
    receipts.acknowledge(actor=kg_cp, communication=item.communication)
    item.communication.refresh_from_db()
    assert item.communication.acknowledged_by == kg_cp


def test_only_a_japanese_registrar_records_orders(kg_registrar, jp_kg):
    for user in (kg_registrar, factories.make_user("isa", Role.CONTACT_POINT)):
        with pytest.raises(NotPermitted):
            order(user, jp_kg)


def test_deadline_cannot_precede_the_order(jp_registrar, jp_kg):
    with pytest.raises(ValidationError) as exc:
        order(jp_registrar, jp_kg, improvement_deadline=dt.date(2026, 1, 1))
    assert "improvement_deadline" in exc.value.message_dict
    assert not ImprovementOrder.objects.exists()


def test_outcome_is_recorded(jp_registrar, jp_kg):
    item = order(jp_registrar, jp_kg)
    done = order_services.record_outcome(
        actor=jp_registrar, order=item, outcome="Wages paid; order complied with."
    )
    assert done.outcome_recorded_at is not None and done.version == 2


def test_both_sides_see_the_order_and_the_second_framework_does_not(
    jp_registrar, kg_cp, jp_kg, jp_uz
):
    item = order(jp_registrar, jp_kg)
    assert ImprovementOrder.objects.visible_to(kg_cp).filter(pk=item.pk).exists()
    outsider = factories.make_user("uz-agency", Role.REGISTRAR)
    assert not ImprovementOrder.objects.visible_to(outsider).exists()
