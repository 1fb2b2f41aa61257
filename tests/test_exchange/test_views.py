from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.exchange.models import Communication
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_kyrgyz_contact_point_shares_acts_b_and_e_through_the_form(kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("exchange:compose") + "?kind=intermediary_share",
        {
            "framework": jp_kg.pk,
            "subject": "Ak-Jol Travel",
            "body": "Penalty contracts and fees.",
            "marking": "both",
            "p_intermediary_names": "ОсОО Ак-Жол Тревел",
            "p_acts": ["penalty_contract", "unexplained_fees"],
            "action": "send",
        },
    )
    c = Communication.objects.get()
    assert response.status_code == 302
    assert (c.payload["acts"], c.is_sent) == (["penalty_contract", "unexplained_fees"], True)


def test_compose_form_shows_the_acts_as_checkboxes(kg_cp):
    client = factories.verified_client(kg_cp)
    page = client.get(reverse("exchange:compose") + "?kind=intermediary_share").content.decode()
    assert 'type="checkbox" name="p_acts" value="penalty_contract"' in page


def test_compose_form_refuses_a_share_without_acts(kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("exchange:compose") + "?kind=intermediary_share",
        {"framework": jp_kg.pk, "subject": "No acts", "marking": "both", "action": "send"},
    )
    assert response.status_code == 200
    assert not Communication.objects.exists()


def test_inbox_shows_an_unread_badge(share, jp_cp):
    page = factories.verified_client(jp_cp).get(reverse("exchange:inbox")).content.decode()
    assert 'data-testid="unread-badge"' in page
    assert share.subject in page


def test_opening_the_page_as_recipient_records_the_first_opening(share, jp_cp):
    factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[share.pk]))
    share.refresh_from_db()
    assert share.first_opened_by == jp_cp


def test_the_sender_opening_its_page_records_nothing(share, kg_cp):
    factories.verified_client(kg_cp).get(reverse("exchange:detail", args=[share.pk]))
    share.refresh_from_db()
    assert share.first_opened_at is None


def test_contact_point_acknowledges_with_the_button(share, jp_cp):
    client = factories.verified_client(jp_cp)
    client.post(reverse("exchange:acknowledge", args=[share.pk]))
    share.refresh_from_db()
    assert share.acknowledged_by == jp_cp


def test_an_officer_sees_no_acknowledge_button_and_cannot_post_it(share, jp_officer):
    client = factories.verified_client(jp_officer)
    page = client.get(reverse("exchange:detail", args=[share.pk])).content.decode()
    client.post(reverse("exchange:acknowledge", args=[share.pk]))
    share.refresh_from_db()
    assert 'data-testid="acknowledge"' not in page
    assert share.acknowledged_at is None


def test_sender_sees_delivery_opening_and_acknowledgement_times(share, kg_cp, jp_cp):
    factories.verified_client(jp_cp).post(reverse("exchange:acknowledge", args=[share.pk]))
    share.refresh_from_db()
    page = factories.verified_client(kg_cp).get(reverse("exchange:outbox")).content.decode()
    # in the reader's zone (their side's: Bishkek)
    stamp = share.acknowledged_at.astimezone(ZoneInfo(kg_cp.zone_name)).strftime("%Y-%m-%d %H:%M")
    assert page.count(stamp) >= 2  # opened and acknowledged


def test_answer_form_sends_an_inquiry_answer(kg_cp, jp_cp):
    inquiry = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Status?")
    client = factories.verified_client(jp_cp)
    client.post(
        reverse("exchange:answer", args=[inquiry.pk]),
        {"subject": "Re: Status?", "body": "All fine.", "marking": "both"},
    )
    inquiry.refresh_from_db()
    assert inquiry.answered_at is not None


def test_correction_form_sends_a_new_version(share, kg_cp):
    client = factories.verified_client(kg_cp)
    client.post(
        reverse("exchange:correct", args=[share.pk]),
        {
            "subject": share.subject,
            "body": "Fixed",
            "marking": "both",
            "p_acts": ["penalty_contract"],
        },
    )
    assert Communication.objects.get(supersedes=share).version == 2


def test_draft_is_sent_with_the_send_button(kg_cp):
    draft = factories.make_communication(sender=kg_cp, send=False)
    factories.verified_client(kg_cp).post(reverse("exchange:send", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.is_sent


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("exchange:inbox"))
    return len(ctx.captured_queries)


def test_inbox_query_count_does_not_grow_with_the_list(kg_cp, jp_cp):
    client = factories.verified_client(jp_cp)
    factories.make_communication(sender=kg_cp, subject="Notice 0")
    client.get(reverse("exchange:inbox"))  # warm the session
    one = _inbox_queries(client)
    for n in range(1, 15):
        factories.make_communication(sender=kg_cp, subject=f"Notice {n}")
    assert _inbox_queries(client) == one


@pytest.mark.parametrize("name", ["detail", "answer", "correct"])
def test_second_framework_user_gets_404_for_pages_of_a_communication(share, jp_uz, name):
    uz_user = factories.make_user("uz-agency", Role.CONTACT_POINT)
    response = factories.verified_client(uz_user).get(reverse(f"exchange:{name}", args=[share.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["acknowledge", "send"])
def test_second_framework_user_gets_404_posting_to_a_communication(share, jp_uz, name):
    uz_user = factories.make_user("uz-agency", Role.CONTACT_POINT)
    response = factories.verified_client(uz_user).post(reverse(f"exchange:{name}", args=[share.pk]))
    assert response.status_code == 404


def test_anonymous_user_is_sent_to_sign_in_from_the_inbox_and_gets_404_for_a_record(share):
    response = Client().get(reverse("exchange:inbox"))
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Client().get(reverse("exchange:detail", args=[share.pk])).status_code == 404


def test_the_unread_badge_counts_up_to_its_cap_and_then_says_more(jp_kg, jp_cp, monkeypatch):
    from sswbridge.exchange import selectors

    monkeypatch.setattr(selectors, "UNREAD_BADGE_CAP", 2)
    sender = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    client = factories.verified_client(jp_cp)
    factories.make_communication(jp_kg, sender=sender)
    factories.make_communication(jp_kg, sender=sender)
    page = client.get(reverse("exchange:inbox")).content.decode()
    assert 'aria-label="2 unread">2</span>' in page
    factories.make_communication(jp_kg, sender=sender)
    page = client.get(reverse("exchange:inbox")).content.decode()
    assert 'aria-label="More than 2 unread">2+</span>' in page


def test_the_inbox_shows_times_in_the_readers_time_zone(share, jp_cp, settings):
    from django.utils import timezone

    page = factories.verified_client(jp_cp).get(reverse("exchange:inbox")).content.decode()
    share.refresh_from_db()
    tokyo = ZoneInfo("Asia/Tokyo")
    assert timezone.localtime(share.sent_at, tokyo).strftime("%Y-%m-%d %H:%M") in page
