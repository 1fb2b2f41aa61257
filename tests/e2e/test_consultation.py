"""A consultation run in a real browser: the agenda, minutes approved by both sides, and an
action item followed to done (clause 4.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from sswbridge.accounts.models import Role
from sswbridge.consultations.models import Consultation
from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _as(page: Any, sign_in: Any, user: Any, path: str) -> None:
    """Sign out whoever is signed in, sign `user` in and open `path`."""
    sign_out = page.get_by_role("button", name="Sign out")
    if sign_out.count():
        sign_out.click()
        page.wait_for_load_state()
    sign_in(page, user)
    page.goto(path)


def test_a_consultation_is_run_to_approved_minutes_and_a_done_action(
    page: Any, sign_in: Any
) -> None:
    framework = factories.jp_kg()
    jp_officer = factories.make_user("isa", Role.OFFICER)
    jp_cp = factories.make_user("isa", Role.CONTACT_POINT)
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    kg_officer = factories.make_user("kg-ceca", Role.OFFICER)

    # Japan schedules the consultation and sets the agenda.
    _as(page, sign_in, jp_officer, "/consultations/new/")
    page.get_by_label("Framework").select_option(str(framework.pk))
    page.get_by_label("Title").fill("Annual consultation 2026")
    page.get_by_label("Kind").select_option("periodic")
    page.get_by_label("Starts at").fill("2026-10-01T10:00")
    page.get_by_label("Place").fill("Tokyo, Ministry of Justice")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_test_id("consultation-status")).to_have_text("Planned")
    detail = page.url

    page.get_by_text("Add an agenda item").click()
    agenda = page.get_by_test_id("agenda-form")
    agenda.get_by_label("Title").fill("Deposits taken by intermediaries")
    agenda.get_by_label("b) Appropriateness of intermediary organizations").check()
    agenda.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_test_id("agenda-item")).to_contain_text("Deposits taken by intermediaries")

    page.get_by_text("Draft the minutes").click()
    page.get_by_label("Minutes").fill("Both sides agreed to act on deposits.")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_test_id("minutes-state")).to_contain_text("Version 1 awaiting approval")

    page.get_by_text("Add an action item").click()
    action = page.get_by_test_id("action-form")
    action.get_by_label("Action").fill("Guide the sending organizations")
    action.get_by_label("Owning agency").select_option(
        label="Center for Employment of Citizens Abroad"
    )
    action.get_by_label("Due date").fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    action.get_by_role("button", name="Add action item").click()
    expect(page.get_by_test_id("action-status")).to_have_text("Open")

    # Each side's contact point approves the minutes.
    for user in (jp_cp, kg_cp):
        _as(page, sign_in, user, detail)
        page.get_by_role("button", name="Approve these minutes for my side").click()
        expect(page.get_by_role("status")).to_contain_text("Your side approved the minutes.")
    expect(page.get_by_test_id("minutes-state")).to_contain_text("Version 1 approved by both sides")
    expect(page.get_by_test_id("minutes-approvals").locator("li")).to_have_count(2)

    # The owning side follows its action item to done.
    _as(page, sign_in, kg_officer, detail)
    row = page.get_by_test_id("action-row")
    row.get_by_label("New status").select_option("done")
    row.get_by_label("Progress").fill("Guidance given to 12 organizations")
    row.get_by_role("button", name="Update").click()
    expect(page.get_by_test_id("action-status")).to_have_text("Done")

    page.goto("/consultations/")
    expect(page.get_by_test_id("open-actions")).to_contain_text("No open action items.")
    assert Consultation.objects.get().action_items.get().status == "done"
