"""Clause 8: both public portals (Japan's and the partner's) show a suspension of acceptance;
another partner's portal does not, and a change of the suspension renews the cached page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from sswbridge.suspensions import services

pytestmark = pytest.mark.django_db

BASIS = "Immigration Control Act, Article 7-2"


def _portal(country: str, **headers: str):  # type: ignore[no-untyped-def]
    return Client().get(reverse("publication:portal", args=[country]), **headers)


@pytest.mark.parametrize("country", ["jp", "kg"])
def test_both_portals_show_the_suspension(suspension, country):
    page = _portal(country).content.decode()
    assert 'data-testid="public-suspensions"' in page
    assert BASIS in page and "2026-04-01" in page


def test_another_partners_portal_does_not_show_it(suspension, jp_uz):
    page = _portal("uz").content.decode()
    assert 'data-testid="public-suspensions"' in page
    assert BASIS not in page


def test_without_a_suspension_the_portal_says_so(jp_kg):
    assert "Acceptance is not suspended in any field." in _portal("kg").content.decode()


@pytest.mark.parametrize("country", ["jp", "kg"])
def test_lifting_renews_the_cached_portal_page(suspension, jp_officer, country):
    first = _portal(country)
    assert _portal(country, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    services.lift_suspension(actor=jp_officer, suspension=suspension, lifted_on=dt.date(2026, 5, 1))
    again = _portal(country, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "2026-05-01" in again.content.decode()
