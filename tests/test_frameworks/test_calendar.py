"""Each side's calendar (issue 16, point 5): answer periods skip the answering side's
weekend, its country's public holidays (the `holidays` package) and its closures (data on
the side), on real dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.audit.models import AuditEntry
from sswbridge.frameworks import calendar
from sswbridge.frameworks.models import Side, SideClosure
from tests.helpers import factories

pytestmark = pytest.mark.django_db
D = dt.date


def japan() -> calendar.SideCalendar:
    return calendar.calendar_of(Side.objects.get(code="JP"))


def kyrgyz() -> calendar.SideCalendar:
    return calendar.calendar_of(Side.objects.get(code="KG"))


def _api(user: Any) -> Client:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_golden_week_is_skipped_in_japan(jp_kg):
    # 29 April (Showa Day), 3-6 May 2026 (Constitution, Greenery, Children's Day, substitute)
    assert japan().add_business_days(D(2026, 4, 28), 5) == D(2026, 5, 11)


def test_japans_new_year_closure_is_skipped(jp_kg):
    # 29 December to 3 January closed by law, seeded by the data migration
    assert japan().add_business_days(D(2026, 12, 25), 3) == D(2027, 1, 5)


def test_nooruz_is_skipped_in_the_kyrgyz_republic(jp_kg):
    assert kyrgyz().add_business_days(D(2025, 3, 20), 1) == D(2025, 3, 24)


def test_independence_day_is_skipped_in_the_kyrgyz_republic(jp_kg):
    assert kyrgyz().add_business_days(D(2026, 8, 28), 1) == D(2026, 9, 1)


def test_the_same_period_ends_on_each_side_by_its_own_calendar(jp_kg):
    """Across Golden Week and the Kyrgyz May holidays (1-9 May 2026): Japan answers on the
    11th, the Kyrgyz Republic on the 13th."""
    assert (
        japan().add_business_days(D(2026, 4, 28), 5),
        kyrgyz().add_business_days(D(2026, 4, 28), 5),
    ) == (D(2026, 5, 11), D(2026, 5, 13))


def test_a_period_across_nooruz_and_independence_day_skips_both(jp_kg):
    """From 19 March to 1 September 2026 the Kyrgyz calendar loses nine weekdays: 20 March
    (Eid al-Fitr, the eve of Nooruz on Saturday 21st), 1 and 4-8 May, 27 May (Eid al-Adha)
    and 31 August (Independence Day)."""
    start, end = D(2026, 3, 19), D(2026, 9, 1)
    weekdays = sum(
        1 for n in range(1, (end - start).days + 1) if (start + dt.timedelta(n)).weekday() < 5
    )
    assert kyrgyz().add_business_days(start, weekdays - 9) == end


def test_a_weekend_of_friday_and_saturday_is_declared_as_data(jp_kg):
    bd = Side.objects.create(code="BD", kind="partner", country="BD", name_en="Bangladesh")
    bd.weekend_days = [5, 6]
    bd.save()
    # Thursday 3 December 2026 + 1: Friday and Saturday are the weekend, Sunday works
    assert calendar.calendar_of(bd).add_business_days(D(2026, 12, 3), 1) == D(2026, 12, 6)


def test_a_one_off_closure_is_skipped(jp_kg):
    kg = Side.objects.get(code="KG")
    SideClosure.objects.create(
        side=kg, name="Move of the ministry", first_day=D(2026, 12, 8), last_day=D(2026, 12, 9)
    )
    assert calendar.calendar_of(kg).add_business_days(D(2026, 12, 7), 1) == D(2026, 12, 10)


def test_every_side_has_its_time_zone(jp_kg):
    zones = dict(Side.objects.values_list("code", "time_zone"))
    assert (zones["JP"], zones["KG"]) == ("Asia/Tokyo", "Asia/Bishkek")


def test_the_due_date_is_counted_on_the_answering_sides_calendar(jp_kg, monkeypatch):
    """Sent by the Kyrgyz contact point on 28 April 2026 (05:00 in Tokyo): Japan answers an
    inquiry (10 business days) after Golden Week."""
    sent = dt.datetime(2026, 4, 27, 20, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: sent)
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    c = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Where is A.?")
    assert c.due_date == D(2026, 5, 18)


def test_a_sides_administrator_declares_a_closure_through_the_api(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    response = _api(admin).post(
        "/api/v1/frameworks/sides/KG/closures",
        {"name": "Flood", "first_day": "2026-12-08", "last_day": "2026-12-08"},
        content_type="application/json",
    )
    assert (response.status_code, kyrgyz().is_business_day(D(2026, 12, 8))) == (201, False)
    assert AuditEntry.objects.filter(object_type="frameworks.sideclosure").exists()


def test_another_sides_administrator_may_not_change_the_calendar(jp_kg):
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    response = _api(admin).patch(
        "/api/v1/frameworks/sides/KG/calendar",
        {"weekend_days": [5, 6]},
        content_type="application/json",
    )
    assert (response.status_code, Side.objects.get(code="KG").weekend_days) == (403, [6, 7])


def test_an_officer_may_not_change_the_own_sides_calendar(jp_kg):
    officer = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    response = _api(officer).patch(
        "/api/v1/frameworks/sides/KG/calendar",
        {"time_zone": "Asia/Tokyo"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_sides_administrator_sets_its_weekend_and_zone(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    response = _api(admin).patch(
        "/api/v1/frameworks/sides/KG/calendar",
        {"weekend_days": [7], "time_zone": "Asia/Almaty"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["weekend_days"]) == (200, [7])
    assert Side.objects.get(code="KG").time_zone == "Asia/Almaty"


def test_an_unknown_time_zone_is_refused(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    response = _api(admin).patch(
        "/api/v1/frameworks/sides/KG/calendar",
        {"time_zone": "Asia/Atlantis"},
        content_type="application/json",
    )
    assert (response.status_code, Side.objects.get(code="KG").time_zone) == (400, "Asia/Bishkek")


def test_a_partner_sees_japans_calendar_but_not_an_unrelated_partners(jp_kg):
    factories.second_framework()
    client = _api(factories.make_user("kg-ceca"))
    seen = client.get("/api/v1/frameworks/sides/JP/calendar")
    hidden = client.get("/api/v1/frameworks/sides/UZ/calendar")
    assert (seen.status_code, hidden.status_code) == (200, 404)
    assert seen.json()["closures"][0]["yearly"] is True


def test_a_sides_administrator_declares_a_closure_on_the_calendar_page(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    factories.verified_client(admin).post(
        "/frameworks/sides/KG/calendar/",
        {
            "add_closure": "1",
            "name": "Move of the ministry",
            "first_day": "2026-12-09",
            "last_day": "2026-12-09",
        },
    )
    assert not kyrgyz().is_business_day(D(2026, 12, 9))


def test_an_officer_sees_the_calendar_page_but_may_not_post_to_it(jp_kg):
    client = factories.verified_client(factories.make_user("kg-ceca", Role.CONTACT_POINT))
    page = client.get("/frameworks/sides/JP/calendar/").content.decode()
    refused = client.post("/frameworks/sides/KG/calendar/", {"save_calendar": "1"})
    assert ("Asia/Tokyo" in page, refused.status_code) == (True, 403)


def test_a_yearly_closure_of_a_whole_year_is_refused(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    response = _api(admin).post(
        "/api/v1/frameworks/sides/KG/closures",
        {"name": "All year", "first_day": "2026-01-05", "last_day": "2027-01-05", "yearly": True},
        content_type="application/json",
    )
    assert (response.status_code, SideClosure.objects.filter(side__code="KG").count()) == (400, 0)
