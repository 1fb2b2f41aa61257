"""Consultations through /api/v1/consultations."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from tests.helpers.api import Api

pytestmark = pytest.mark.django_db

BASE = "/api/v1/consultations"


def test_a_consultation_is_run_through_the_api(jp_officer, jp_cp, kg_cp, kg_officer):
    jp, jp_head, kg, kg_staff = (
        Api(jp_officer, BASE),
        Api(jp_cp, BASE),
        Api(kg_cp, BASE),
        Api(kg_officer, BASE),
    )
    created = jp.post(
        "",
        {
            "framework": "jp-kg",
            "title": "Ad hoc on deposits",
            "kind": "ad_hoc",
            "starts_at": "2026-09-01T10:00:00+09:00",
            "video_link": "https://meet.example.org/x",
        },
    )
    assert created.status_code == 201, created.content
    cid = created.json()["id"]
    assert (
        kg.post(f"/{cid}/participants", {"side": "KG", "name": "A. Toktogulov"}).status_code == 201
    )
    item = kg.post(f"/{cid}/agenda", {"title": "Deposits", "subjects": ["b"]})
    assert item.status_code == 201
    minutes = jp.post(f"/{cid}/minutes", {"text": "Both sides discussed deposits."}).json()
    jp_head.post(f"/{cid}/minutes/{minutes['id']}/approve")
    detail = kg.post(f"/{cid}/minutes/{minutes['id']}/approve").json()
    assert detail["minutes_approved"] is True
    due = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    action = jp.post(
        f"/{cid}/action-items",
        {"title": "Guide the organization", "owner_agency": "kg-ceca", "due_date": due},
    ).json()
    assert [a["id"] for a in kg.get("/action-items").json()] == [action["id"]]
    assert jp.patch(f"/{cid}/action-items/{action['id']}", {"status": "done"}).status_code == 403
    done = kg_staff.patch(f"/{cid}/action-items/{action['id']}", {"status": "done"})
    assert done.json()["status"] == "done"
    assert kg.get("/action-items").json() == []
    ics = jp.get(f"/{cid}/calendar.ics")
    assert Calendar.from_ical(ics.content).walk("VEVENT")[0]["summary"] == "Ad hoc on deposits"


def test_a_user_of_another_framework_gets_404(consultation, jp_uz):
    from sswbridge.accounts.models import Role
    from tests.helpers import factories

    api = Api(factories.make_user("uz-agency", Role.CONTACT_POINT), BASE)
    assert api.get(f"/{consultation.pk}").status_code == 404
    assert (
        api.post(f"/{consultation.pk}/agenda", {"title": "x", "subjects": ["a"]}).status_code == 404
    )
    assert api.get("").json()["count"] == 0
