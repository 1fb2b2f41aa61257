"""Mail in the recipient's language, with times in their zone (issue 16, point 7); the user
chooses both on their account page, through the API, or by the language switch."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sswbridge.accounts.models import ApiToken, Role, User
from sswbridge.core import jobs
from tests.helpers import factories

pytestmark = pytest.mark.django_db
SENT = dt.datetime(2026, 12, 7, 3, 30, tzinfo=dt.UTC)  # 09:30 in Bishkek, 12:30 in Tokyo


def _api(user: Any) -> Client:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _inquiry_to_kyrgyz_side(monkeypatch: Any) -> None:
    monkeypatch.setattr(timezone, "now", lambda: SENT)
    japan = factories.make_user("isa", Role.CONTACT_POINT)
    factories.make_communication(sender=japan, kind="inquiry", subject="Where is A.?")


def test_a_kyrgyz_user_with_russian_gets_russian_mail_with_bishkek_time(
    jp_kg, smtp_server, monkeypatch
):
    factories.make_user("kg-ceca", Role.CONTACT_POINT, username="aida", language="ru")
    _inquiry_to_kyrgyz_side(monkeypatch)
    monkeypatch.undo()
    jobs.run_due_jobs(100)
    [message] = smtp_server.messages
    body = message.get_payload(decode=True).decode()
    assert ("Вид" in body, "2026-12-07 09:30 UTC+06" in body) == (True, True)


def test_each_recipient_gets_the_mail_in_their_own_language_and_zone(
    jp_kg, smtp_server, monkeypatch
):
    factories.make_user("kg-ceca", Role.CONTACT_POINT, username="aida", language="ru")
    factories.make_user(
        "kg-ceca", Role.CONTACT_POINT, username="bakyt", language="en", time_zone="Asia/Tokyo"
    )
    _inquiry_to_kyrgyz_side(monkeypatch)
    monkeypatch.undo()
    jobs.run_due_jobs(100)
    by_recipient = {
        tuple(m["To"].split(", ")): m.get_payload(decode=True).decode()
        for m in smtp_server.messages
    }
    assert "Sent: 2026-12-07 12:30 JST" in by_recipient[("bakyt@example.test",)]


def test_a_user_sets_language_and_zone_through_the_api(jp_kg):
    user = factories.make_user("kg-ceca", username="aida")
    response = _api(user).patch(
        "/api/v1/accounts/me",
        {"language": "ky", "time_zone": "Asia/Tashkent"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["effective_time_zone"]) == (
        200,
        "Asia/Tashkent",
    )
    assert User.objects.get(pk=user.pk).language == "ky"


def test_an_unknown_language_is_refused(jp_kg):
    user = factories.make_user("kg-ceca", username="aida")
    response = _api(user).patch(
        "/api/v1/accounts/me", {"language": "xx"}, content_type="application/json"
    )
    assert (response.status_code, User.objects.get(pk=user.pk).language) == (400, "")


def test_without_a_choice_the_users_zone_is_their_sides(jp_kg):
    user = factories.make_user("kg-ceca", username="aida")
    assert _api(user).get("/api/v1/accounts/me").json()["effective_time_zone"] == "Asia/Bishkek"


def test_the_language_switch_remembers_the_choice_for_mail(jp_kg):
    user = factories.make_user("kg-ceca", username="aida")
    factories.verified_client(user).post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert User.objects.get(pk=user.pk).language == "ru"


def test_the_account_page_sets_the_time_zone(jp_kg):
    user = factories.make_user("kg-ceca", username="aida")
    client = factories.verified_client(user)
    client.post("/accounts/preferences/", {"language": "", "time_zone": "Asia/Tokyo"})
    assert User.objects.get(pk=user.pk).time_zone == "Asia/Tokyo"


def test_pages_show_times_in_the_readers_zone(jp_kg, monkeypatch):
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="aida")
    monkeypatch.setattr(timezone, "now", lambda: SENT)
    japan = factories.make_user("isa", Role.CONTACT_POINT)
    c = factories.make_communication(sender=japan, kind="inquiry", subject="Where is A.?")
    monkeypatch.undo()
    page = factories.verified_client(kg_cp).get(f"/exchange/{c.pk}/").content.decode()
    assert "2026-12-07 09:30:00 UTC+06" in page
