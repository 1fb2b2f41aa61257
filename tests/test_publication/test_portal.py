"""The portal of each country: its languages, its registers (only what it published),
search in any script and by number, permanent pages, and the "verify" box."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.support import samples, services
from sswbridge.support.models import SupportOrganization
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _portal_languages(page: str) -> list[str]:
    form = page.split('data-testid="portal-languages"')[1].split("</form>")[0]
    return re.findall(r'<option value="([\w-]+)"', form)


def test_japan_portal_offers_japanese_and_english(published_list):
    assert _portal_languages(Client().get("/portal/jp/").content.decode()) == ["ja", "en"]


def test_kyrgyz_portal_offers_kyrgyz_russian_and_english(published_list):
    assert _portal_languages(Client().get("/portal/kg/").content.decode()) == ["ky", "ru", "en"]


def test_a_language_the_portal_does_not_offer_falls_back_to_english(published_list):
    kyrgyz_on_japan = Client().get("/portal/jp/", HTTP_ACCEPT_LANGUAGE="ky")
    kyrgyz_on_kyrgyz = Client().get("/portal/kg/", HTTP_ACCEPT_LANGUAGE="ky")
    assert kyrgyz_on_japan["Content-Language"] == "en"
    assert kyrgyz_on_kyrgyz["Content-Language"] == "ky"


@pytest.mark.parametrize("code", ["xx", "KG", "kg-1", ""])
def test_an_unknown_portal_is_404(published_list, code):
    assert Client().get(f"/portal/{code}/support-organizations/").status_code == 404


def test_a_portal_shows_no_support_organization_shared_with_another_partner(published_list, jp_uz):
    page = Client().get("/portal/uz/support-organizations/").content.decode()
    assert published_list[6]["name"] not in page
    assert "No registered support organization is published." in page


def test_a_list_not_yet_published_is_not_on_the_portal(jp_kg):
    """Rows of the register that no published import put there stay off the portal."""
    agency = factories.make_user("isa", Role.REGISTRAR).agency
    SupportOrganization.objects.create(
        framework=jp_kg, originator_side=agency.side, originator_agency=agency,
        registration_number="19登-999999", name="Unpublished Support K.K.", name_key="x",
        content_hash="0",
    )  # fmt: skip
    assert Client().get("/portal/kg/support-organizations/19登-999999/").status_code == 404
    assert "Unpublished" not in Client().get("/portal/kg/support-organizations/").content.decode()


def test_the_permanent_page_of_a_support_organization(published_list):
    number = published_list[7]["registration_number"]
    url = reverse("publication:support_organization", args=["kg", number])
    page = Client().get(url).content.decode()
    assert published_list[7]["address"] in page
    assert "A registered support organization" in page


def test_an_organization_that_left_the_list_keeps_its_page_saying_so(
    published_list, jp_kg, tmp_path
):
    gone = published_list[8]
    path = samples.write_list(tmp_path / "next.xlsx", [r for r in published_list if r is not gone])
    services.import_file(
        actor=factories.make_user("isa", Role.REGISTRAR), framework=jp_kg, path=path
    )
    page = Client().get(f"/portal/kg/support-organizations/{gone['registration_number']}/")
    assert "No longer a registered support organization" in page.content.decode()
    listing = Client().get("/portal/kg/support-organizations/").content.decode()
    assert gone["registration_number"] not in listing


def _verify(q: str, portal: str = "kg") -> str:
    return Client().get(f"/portal/{portal}/verify/", {"q": q}).content.decode()


def test_verify_says_yes_for_a_registered_support_organization(published_list):
    page = _verify(published_list[9]["registration_number"].replace("-", ""))
    assert 'data-testid="entry-registered"' in page and "Yes: a registered support" in page


def test_verify_says_not_found_for_an_unknown_name(published_list):
    page = _verify("Nonexistent Brokers LLC")
    assert 'data-testid="entry-not_found"' in page


def test_search_finds_a_japanese_name_in_half_width_katakana_without_legal_form(published_list):
    page = Client().get("/portal/kg/search/", {"q": "ｻｸﾗ･ｻﾎﾟｰﾄ"}).content.decode()
    assert "株式会社 サクラ・サポート" in page


@pytest.mark.parametrize("query", ["Ак-Жол", "ak zhol", "AK-JOL", "акжол"])
def test_search_finds_a_sending_organization_in_any_script(sending, query):
    page = Client().get("/portal/kg/search/", {"q": query}).content.decode()
    assert 'data-testid="results-sending_organizations"' in page
    assert "Ak-Jol LLC" in page


def test_verify_says_revoked_with_its_date(sending):
    page = _verify("Kok-Jar LLC")
    assert "No: its approval was revoked on 2026-05-04." in page
    assert "Collected deposits from workers" in page


def test_verify_says_yes_for_an_approved_sending_organization_by_number(sending):
    page = _verify(sending[0].registration_number)
    assert 'data-testid="entry-approved"' in page


def test_the_portal_home_counts_each_published_register(published_list, sending):
    page = Client().get("/portal/kg/").content.decode()
    support = page.split('data-testid="register-support_organizations"')[1]
    sending_card = page.split('data-testid="register-sending_organizations"')[1]
    assert f'<p class="figure">{len(published_list)}</p>' in support
    assert '<p class="figure">2</p>' in sending_card


def test_the_landing_page_links_to_each_portal(jp_kg):
    page = Client().get("/").content.decode()
    assert 'href="/portal/jp/"' in page and 'href="/portal/kg/"' in page


def test_the_portal_home_reads_both_registers_state_in_one_query(published_list):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/portal/kg/").status_code == 200
    states = [q["sql"] for q in queries if 'MAX("registry_publication"."published_at")' in q["sql"]]
    assert len(states) == 1, states  # both registers in one query, once


def test_search_reads_the_sending_organizations_without_their_ssw_fields(sending):
    """The match needs names, numbers and status: the SSW fields (the detail page's) are not
    read, nor the framework joined, for each search."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = Client().get("/portal/kg/search/", {"q": "Ak-Jol"}).content.decode()
    assert "Ak-Jol LLC" in page
    organizations = [q["sql"] for q in queries if 'FROM "registry_sendingorganization"' in q["sql"]]
    assert organizations, "the search read no sending organization"
    assert not [q for q in queries if "ssw_fields" in q["sql"] or "sswfield" in q["sql"].lower()]
    assert not [q for q in organizations if 'JOIN "frameworks_framework"' in q]


def test_verify_without_an_exact_match_lists_the_similar_reading_the_register_once(sending):
    """No organization is named exactly "Ak-Jo": the page says so and lists Ak-Jol LLC as
    similar, from the same single read of the sending organizations as the answer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = _verify("Ak-Jo")
    similar = page.split('data-testid="entry-not_found"')[1]
    assert "Ak-Jol LLC" in similar and "Kok-Jar LLC" not in similar
    organizations = [q for q in queries if 'FROM "registry_sendingorganization"' in q["sql"]]
    assert len(organizations) == 1, organizations


def test_verify_with_similar_answers_as_verify_and_search(sending):
    from sswbridge.publication import search

    for text in ("Ak-Jo", "Ak-Jol LLC", "777777-3301-OOO", "кок жар", "Nobody", ""):
        answers, similar = search.verify_with_similar("kg", text)
        assert answers == search.verify("kg", text)
        assert similar == (search.search("kg", text) if answers == [] else {})
