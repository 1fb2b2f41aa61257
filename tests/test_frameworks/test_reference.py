"""The reference data of issue 2: the Japan–Kyrgyz Republic framework as the memorandum
says, the agencies of each side, the designated contact points (clause 2), and the SSW
fields; and a further framework added as data (in the admin), without code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import Agency, ApiToken, Role
from sswbridge.frameworks.models import ContactPoint, Framework, Side, SideKind, SSWField
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _api(user: Any) -> Client:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_japan_kyrgyz_framework_is_the_memorandum(jp_kg):
    assert jp_kg.partner_side.country == "KG"
    assert (jp_kg.japan_signing_place, jp_kg.japan_signing_date) == ("Tokyo", dt.date(2023, 6, 28))
    assert (jp_kg.partner_signing_place, jp_kg.partner_signing_date) == (
        "Bishkek",
        dt.date(2023, 7, 6),
    )
    assert jp_kg.commencement == dt.date(2023, 7, 6)  # the later signature
    assert jp_kg.status == "in_force"
    assert "Specified Skilled Worker" in jp_kg.title and "特定技能" in jp_kg.title_ja


def test_commencement_is_the_later_signature_whichever_side_signed_last(jp_kg):
    jp_kg.japan_signing_date = dt.date(2023, 8, 1)
    assert jp_kg.commencement == dt.date(2023, 8, 1)
    jp_kg.partner_signing_date = None
    assert jp_kg.commencement is None  # not yet signed by both


def test_japan_has_its_ministries_and_agencies():
    japan = Side.objects.get(kind=SideKind.JAPAN)
    codes = set(Agency.objects.filter(side=japan).values_list("code", flat=True))
    # MOJ with ISA, MOFA, MHLW, NPA, and the ministries that run the skill exams.
    assert {"moj", "isa", "mofa", "mhlw", "npa", "maff", "meti", "mlit"} <= codes
    assert Agency.objects.get(code="isa").parent == Agency.objects.get(code="moj")


def test_the_kyrgyz_republic_has_its_ministry_center_and_embassy(jp_kg):
    codes = set(Agency.objects.filter(side=jp_kg.partner_side).values_list("code", flat=True))
    assert codes == {"kg-mlssm", "kg-ceca", "kg-embassy-jp"}
    assert Agency.objects.get(code="kg-ceca").parent == Agency.objects.get(code="kg-mlssm")


def test_each_side_has_its_designated_contact_point(jp_kg):
    points = {cp.side.code: cp for cp in ContactPoint.objects.filter(framework=jp_kg)}
    assert points["JP"].agency.code == "isa"
    assert "Residency Management Division" in points["JP"].unit
    assert points["KG"].agency.code == "kg-ceca"


def test_ssw_fields_are_in_japanese_and_english_with_ssw_ii(db):
    nursing = SSWField.objects.get(code="nursing-care")
    assert (nursing.name_en, nursing.name_ja, nursing.ssw2_open) == ("Nursing care", "介護", False)
    assert SSWField.objects.get(code="construction").ssw2_open is True
    assert SSWField.objects.count() >= 16


def test_the_framework_page_and_api_show_the_signatures_and_contact_points(jp_kg):
    user = factories.make_user("kg-ceca", Role.OFFICER)
    page = factories.verified_client(user).get("/frameworks/jp-kg/").content.decode()
    assert "Bishkek" in page and "Tokyo" in page
    assert "Center for Employment of Citizens Abroad" in page
    data = _api(user).get("/api/v1/frameworks/jp-kg").json()
    assert data["commencement"] == "2023-07-06"
    assert data["partner_country"] == "KG"


def test_a_partner_user_sees_only_its_own_framework(jp_kg, jp_uz):
    kg_user = factories.make_user("kg-ceca", Role.OFFICER)
    uz_user = factories.make_user("uz-agency", Role.OFFICER)
    assert [f["code"] for f in _api(kg_user).get("/api/v1/frameworks").json()] == ["jp-kg"]
    assert [f["code"] for f in _api(uz_user).get("/api/v1/frameworks").json()] == ["jp-uz"]
    japan = {f["code"] for f in _api(factories.make_user("isa")).get("/api/v1/frameworks").json()}
    assert {"jp-kg", "jp-uz"} <= japan
    listed = factories.verified_client(uz_user).get("/frameworks/").content.decode()
    assert "/frameworks/jp-uz/" in listed and "/frameworks/jp-kg/" not in listed


def test_a_further_framework_is_added_in_the_admin_without_code(db):
    """A Japanese administrator adds a framework as data; a partner user of it sees it."""
    side = Side.objects.create(
        code="PH", kind=SideKind.PARTNER, country="PH", name_en="Philippines"
    )
    Agency.objects.create(code="ph-dmw", side=side, name_en="Department of Migrant Workers")
    admin = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    response = admin.post(
        "/admin/frameworks/framework/add/",
        {
            "code": "jp-ph",
            "partner_side": side.pk,
            "title": "Memorandum of Cooperation between Japan and the Philippines",
            "japan_signing_place": "Tokyo",
            "japan_signing_date": "2019-03-19",
            "partner_signing_place": "Manila",
            "partner_signing_date": "2019-03-19",
            "status": "in_force",
            "answer_period_business_days": "10",
            "contact_points-TOTAL_FORMS": "0",
            "contact_points-INITIAL_FORMS": "0",
            "contact_points-MIN_NUM_FORMS": "0",
            "contact_points-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    framework = Framework.objects.get(code="jp-ph")
    ph_user = factories.make_user("ph-dmw", Role.OFFICER)
    assert [f["code"] for f in _api(ph_user).get("/api/v1/frameworks").json()] == ["jp-ph"]
    assert factories.verified_client(ph_user).get("/frameworks/jp-ph/").status_code == 200
    assert factories.verified_client(ph_user).get("/frameworks/jp-kg/").status_code == 404
    assert framework.commencement == dt.date(2019, 3, 19)
