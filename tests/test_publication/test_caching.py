"""Public pages and downloads carry ETag, Last-Modified and Cache-Control, and answer 304
when the conditional request still holds."""

from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from sswbridge.support import samples, services
from tests.helpers import factories

pytestmark = pytest.mark.django_db

URLS = [
    "/portal/kg/",
    "/portal/kg/support-organizations/",
    "/portal/kg/support-organizations/?format=csv",
    "/portal/kg/search/?q=sakura",
    "/portal/kg/verify/?q=sakura",
]


@pytest.mark.parametrize("url", URLS)
def test_a_page_answers_304_to_its_etag(published_list, url):
    first = Client().get(url)
    assert first.status_code == 200
    assert first["Cache-Control"].startswith("public, max-age=")
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", URLS)
def test_a_page_answers_304_when_not_modified_since(published_list, url):
    first = Client().get(url)
    again = Client().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_a_new_import_changes_the_etag_and_the_page(published_list, jp_kg, tmp_path):
    url = "/portal/kg/support-organizations/"
    first = Client().get(url)
    rows = [*published_list, *samples.make_rows(14)[12:]]
    path = samples.write_list(tmp_path / "next.xlsx", rows)
    services.import_file(
        actor=factories.make_user("isa", Role.REGISTRAR), framework=jp_kg, path=path
    )
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_stale_etag_gets_the_full_page(published_list):
    response = Client().get("/portal/kg/", HTTP_IF_NONE_MATCH='"not-the-etag"')
    assert response.status_code == 200


def test_each_language_has_its_own_etag(published_list):
    english = Client().get("/portal/kg/", HTTP_ACCEPT_LANGUAGE="en")
    kyrgyz = Client().get("/portal/kg/", HTTP_ACCEPT_LANGUAGE="ky")
    assert english["ETag"] != kyrgyz["ETag"]
    assert "Accept-Language" in kyrgyz["Vary"]


def test_a_signed_in_visitor_gets_a_private_page(published_list):
    client = factories.verified_client(factories.make_user("kg-ceca", Role.OFFICER))
    response = client.get("/portal/kg/")
    assert response["Cache-Control"].startswith("private")
