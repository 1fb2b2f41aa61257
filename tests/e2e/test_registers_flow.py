"""The registers' whole path in a real browser (headless Debian Chromium):

The Kyrgyz registrar examines an application against the checklist and approves it. The
approval notice arrives in Japan's inbox; the Japanese contact point opens and acknowledges
it; a Japanese registrar confirms its publication; the organization is on both portals. Japan
then switches to automatic publication; the Kyrgyz registrar revokes the approval; both
portals show the revocation with its date and reason; the registrar sees, for the approval
and the revocation, when each notice was delivered, opened and acknowledged. Finally Japan
records an improvement order, which appears with its notification on the Kyrgyz portal.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from sswbridge.accounts.models import Role
from sswbridge.publication import services as publishing
from sswbridge.sending.models import SendingOrganization
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME = "Ala-Too Labour Bridge LLC"
NUMBER = "123456-3301-OOO"
REASON = "Collected deposits from workers"
ORDER = "株式会社さくら精工"
TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def _signed_in(browser: Any, live_server: Any, sign_in: Any, user: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, user)
    return page


def _apply_examine_approve(page: Any) -> None:
    page.goto("/registry/sending-organizations/new/")
    page.get_by_label("Names in other languages").fill(
        "ky: «Ала-Тоо Эмгек Көпүрөсү» ЖЧК\nru: ОсОО «Ала-Тоо Трудовой Мост»"
    )
    page.get_by_label("Name (English)").fill(NAME)
    page.get_by_label("Legal form").select_option("llc")
    page.get_by_label("State registration number").fill(NUMBER)
    page.get_by_label("Address").fill("Bishkek, Chui Avenue 100")
    page.get_by_label("Permit for employment abroad (number)").fill("P-2026-0042")
    page.get_by_label("Permit valid until").fill("2099-12-31")
    page.get_by_label("Construction").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("status")).to_have_text("Applied")

    page.get_by_role("link", name="Examine").click()
    for code in ("permit", "no-deposits"):
        criterion = page.get_by_test_id(f"criterion-{code}")
        criterion.get_by_label("Met", exact=True).check()
        criterion.get_by_label("Evidence").fill("Checked on site")
    page.get_by_role("button", name="Save the examination").click()
    expect(page.get_by_test_id("examination")).to_contain_text("Checked on site")

    page.get_by_role("link", name="Decide").click()
    page.get_by_label("Approve").check()
    page.get_by_label("Reasons").fill("Every approving standard is met.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("status")).to_have_text("Approved")


def _open_and_acknowledge(page: Any, subject: str) -> None:
    page.goto("/exchange/inbox/")
    page.get_by_role("link", name=subject).click()
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_test_id("acknowledged-at")).to_have_text(TIME)


def _portal_shows(page: Any, country: str, status: str) -> None:
    page.goto(f"/portal/{country}/sending-organizations/")
    row = page.get_by_test_id(f"org-{NUMBER}")
    expect(row.get_by_test_id("status")).to_have_text(status)
    row.get_by_role("link", name=NAME).click()


def test_partner_approves_and_revokes_and_both_portals_show_it_with_receipts(
    browser: Any, live_server: Any, page: Any, sign_in: Any
) -> None:
    jp_kg = factories.jp_kg()
    kg_registrar = factories.make_user("kg-mlssm", Role.REGISTRAR)
    jp_cp = factories.make_user("isa", Role.CONTACT_POINT)
    jp_registrar = factories.make_user("isa", Role.REGISTRAR)
    for n, (code, text) in enumerate(
        [("permit", "Holds a valid permit"), ("no-deposits", "Collects no deposits")]
    ):
        sending_services.save_criterion(
            actor=kg_registrar, framework=jp_kg, code=code, text=text, sort_order=n
        )

    kg = _signed_in(browser, live_server, sign_in, kg_registrar)
    _apply_examine_approve(kg)

    japan = _signed_in(browser, live_server, sign_in, jp_cp)
    _open_and_acknowledge(japan, f"Approval of a sending organization: {NAME}")

    jp_reg = _signed_in(browser, live_server, sign_in, jp_registrar)
    jp_reg.goto("/registry/publications/")
    expect(jp_reg.get_by_test_id("to-publish")).to_contain_text(NAME)
    jp_reg.get_by_test_id("to-publish").get_by_role("button", name="Publish").click()
    expect(jp_reg.get_by_test_id("published")).to_contain_text(NAME)

    for country in ("jp", "kg"):  # the public, signed out
        _portal_shows(page, country, "Approved")
        expect(page.get_by_test_id("verdict")).to_contain_text("Approved sending organization")

    jp_reg.goto("/registry/frameworks/jp-kg/publication/")
    jp_reg.get_by_label("Publish automatically on receipt").check()
    jp_reg.get_by_role("button", name="Save").click()
    expect(jp_reg.get_by_label("Publish automatically on receipt")).to_be_checked()

    kg.get_by_role("link", name="Change the status").click()
    kg.get_by_label("New status").select_option(label="Revoked")
    kg.get_by_label("Effective date").fill("2026-06-01")
    kg.get_by_label("Reason").fill(REASON)
    kg.get_by_role("button", name="Save").click()
    expect(kg.get_by_test_id("status")).to_have_text("Revoked")

    _open_and_acknowledge(japan, f"Revocation of the approval of a sending organization: {NAME}")

    # A new visitor: the first one's browser may keep the public pages for a minute.
    public = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    for country in ("jp", "kg"):
        _portal_shows(public, country, "Revoked")
        expect(public.get_by_test_id("verdict")).to_contain_text(
            "The approval was revoked on 2026-06-01"
        )
        expect(public.get_by_test_id("reason")).to_have_text(REASON)
        expect(public.get_by_test_id("step-approved")).to_be_visible()
        expect(public.get_by_test_id("step-revoked")).to_contain_text(REASON)

    kg.reload()
    for status in ("approved", "revoked"):
        step = kg.get_by_test_id(f"history-{status}")
        expect(step.get_by_test_id("receipt-delivered")).to_have_text(TIME)
        expect(step.get_by_test_id("receipt-opened")).to_contain_text(jp_cp.username)
        expect(step.get_by_test_id("receipt-acknowledged")).to_contain_text(jp_cp.username)
        expect(step.get_by_test_id("published-jp")).to_be_visible()
        expect(step.get_by_test_id("published-kg")).to_be_visible()
    assert SendingOrganization.objects.get(registration_number=NUMBER).status == "revoked"


def test_improvement_order_recorded_by_japan_appears_on_the_partner_portal_with_its_receipt(
    browser: Any, live_server: Any, page: Any, sign_in: Any
) -> None:
    jp_kg = factories.jp_kg()
    kg_registrar = factories.make_user("kg-mlssm", Role.REGISTRAR)
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    jp_registrar = factories.make_user("isa", Role.REGISTRAR)
    publishing.update_settings(actor=kg_registrar, framework=jp_kg, auto_publish_on_receipt=True)

    jp_reg = _signed_in(browser, live_server, sign_in, jp_registrar)
    jp_reg.goto("/registry/improvement-orders/new/")
    jp_reg.get_by_label("Framework").select_option(str(jp_kg.pk))
    jp_reg.get_by_label("Date of the order").fill("2026-03-02")
    jp_reg.get_by_label("Accepting organization", exact=False).first.fill(ORDER)
    jp_reg.get_by_label("Accepting organization (English)").fill("Sakura Seiko Co., Ltd.")
    jp_reg.get_by_label("Address").fill("東京都港区1-2-3")
    jp_reg.get_by_label("Representative").fill("山田 太郎")
    jp_reg.get_by_label("Legal basis").fill("Immigration Control Act, Article 19-21")
    jp_reg.get_by_label("Measures ordered").fill("Pay the overdue wages.")
    jp_reg.get_by_label("Deadline for improvement").fill("2026-04-30")
    jp_reg.get_by_role("button", name="Save").click()
    expect(jp_reg.get_by_test_id("receipt-delivered")).to_have_text(TIME)

    kg = _signed_in(browser, live_server, sign_in, kg_cp)
    _open_and_acknowledge(
        kg, f"Improvement order to an accepting organization: {ORDER} (Sakura Seiko Co., Ltd.)"
    )

    jp_reg.reload()
    expect(jp_reg.get_by_test_id("receipt-acknowledged")).to_contain_text(kg_cp.username)

    page.goto("/portal/kg/improvement-orders/")
    page.get_by_role("link", name=ORDER).click()
    expect(page.get_by_test_id("notified-at")).to_have_text(TIME)
    expect(page.get_by_test_id("published-at")).to_have_text(TIME)
    expect(page.locator("main")).to_contain_text("Immigration Control Act, Article 19-21")
