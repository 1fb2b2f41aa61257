"""Publication on the portals: Japan publishes what it receives, automatically or after a
registrar's confirmation; the portals show only what they have published."""

from __future__ import annotations

import datetime as dt

import pytest

from sswbridge.accounts.models import Role
from sswbridge.orders.public import published_improvement_orders
from sswbridge.publication import services as publishing
from sswbridge.publication.models import Publication
from sswbridge.publication.public import register_last_changed
from sswbridge.publication.services import NotPermitted
from sswbridge.sending.public import (
    published_sending_organizations,
    sending_organization_history,
)
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories
from tests.helpers.registers import applied, approved, order

pytestmark = pytest.mark.django_db


def test_by_default_an_approval_waits_for_a_japanese_registrars_confirmation(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    waiting = Publication.objects.get(sending_organization=org, portal="jp")
    assert waiting.status == "pending"
    assert org not in published_sending_organizations(portal="jp")


def test_japanese_registrar_confirms_and_the_organization_appears_in_japan(
    kg_registrar, jp_registrar, jp_kg
):
    org = approved(kg_registrar, jp_kg)
    waiting = Publication.objects.get(sending_organization=org, portal="jp")
    done = publishing.publish(actor=jp_registrar, publication=waiting)
    assert (done.published_by, done.published_at is not None) == (jp_registrar, True)
    assert list(published_sending_organizations(portal="jp")) == [org]


def test_with_automatic_publication_the_approval_appears_on_receipt(
    kg_registrar, jp_registrar, jp_kg
):
    publishing.update_settings(actor=jp_registrar, framework=jp_kg, auto_publish_on_receipt=True)
    org = approved(kg_registrar, jp_kg)
    publication = Publication.objects.get(sending_organization=org, portal="jp")
    assert publication.is_published and publication.published_by is None


def test_a_partner_registrar_cannot_publish_on_the_japanese_portal(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    waiting = Publication.objects.get(sending_organization=org, portal="jp")
    with pytest.raises(NotPermitted):
        publishing.publish(actor=kg_registrar, publication=waiting)


def test_a_japanese_officer_cannot_publish(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    waiting = Publication.objects.get(sending_organization=org, portal="jp")
    with pytest.raises(NotPermitted):
        publishing.publish(actor=factories.make_user("isa", Role.OFFICER), publication=waiting)


def test_revocation_stays_visible_on_both_portals_with_date_and_reason(
    kg_registrar, jp_registrar, jp_kg
):
    publishing.update_settings(actor=jp_registrar, framework=jp_kg, auto_publish_on_receipt=True)
    org = approved(kg_registrar, jp_kg)
    sending_services.change_status(
        actor=kg_registrar,
        organization=org,
        status="revoked",
        reason="Collected deposits",
        effective_date=dt.date(2026, 6, 1),
    )
    for portal in ("jp", "kg"):
        shown = published_sending_organizations(portal=portal).get(pk=org.pk)
        assert (shown.published_status, shown.published_status_date, shown.published_reason) == (
            "revoked",
            dt.date(2026, 6, 1),
            "Collected deposits",
        )


def test_japan_shows_the_last_status_it_has_published(kg_registrar, jp_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    publishing.publish(
        actor=jp_registrar,
        publication=Publication.objects.get(sending_organization=org, portal="jp"),
    )
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="revoked", reason="Improper fees"
    )
    assert published_sending_organizations(portal="jp").get(pk=org.pk).published_status == (
        "approved"
    )
    assert published_sending_organizations(portal="kg").get(pk=org.pk).published_status == (
        "revoked"
    )


def test_history_shows_published_steps_oldest_first_without_approval_reasons(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="revoked", reason="Improper fees"
    )
    history = sending_organization_history(org, portal="kg")
    assert [(h["status"], h["reason"]) for h in history] == [
        ("approved", ""),
        ("revoked", "Improper fees"),
    ]


def test_an_application_never_reaches_a_portal(kg_registrar, jp_kg):
    applied(kg_registrar, jp_kg)
    assert not published_sending_organizations(portal="kg").exists()
    assert register_last_changed("sending_organizations", portal="kg") is None


def test_improvement_order_is_published_in_japan_and_waits_in_the_partner_country(
    jp_registrar, jp_kg
):
    item = order(jp_registrar, jp_kg)
    assert list(published_improvement_orders(portal="jp")) == [item]
    assert not published_improvement_orders(portal="kg").exists()


def test_partner_auto_publication_shows_the_order_with_its_notification_time(
    jp_registrar, kg_registrar, jp_kg
):
    publishing.update_settings(actor=kg_registrar, framework=jp_kg, auto_publish_on_receipt=True)
    item = order(jp_registrar, jp_kg)
    shown = published_improvement_orders(portal="kg").get()
    assert shown.notified_at == item.communication.delivered_at


def test_last_changed_moves_when_something_is_published(kg_registrar, jp_registrar, jp_kg):
    approved(kg_registrar, jp_kg)
    first = register_last_changed("sending_organizations", portal="kg")
    assert first is not None
    org = approved(kg_registrar, jp_kg, registration_number="999")
    assert register_last_changed("sending_organizations", portal="kg") >= first
    assert org in published_sending_organizations(portal="kg")


def test_settings_are_per_side(kg_registrar, jp_registrar, jp_kg):
    publishing.update_settings(actor=kg_registrar, framework=jp_kg, auto_publish_on_receipt=True)
    assert not publishing.settings_for(jp_kg, jp_registrar.agency.side).auto_publish_on_receipt


def test_a_portal_reads_only_what_it_has_published(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)  # published in Kyrgyzstan, waiting in Japan
    assert [
        p.portal for p in Publication.objects.published_for("kg").filter(sending_organization=org)
    ] == ["kg"]
    assert not Publication.objects.published_for("jp").filter(sending_organization=org).exists()
    assert Publication.objects.published_for(None).filter(sending_organization=org).count() == 1
