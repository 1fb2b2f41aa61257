"""Headers of every page: a Content Security Policy without inline script, no framing,
HSTS and secure cookies with HTTPS."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/v1/public/portals"])
def test_csp_allows_no_inline_script(jp_kg, url):
    response = Client().get(url)
    csp = _directives(response)
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"


def test_staff_pages_carry_the_policy_and_refuse_framing(jp_kg):
    client = factories.verified_client(factories.make_user("isa"))
    response = client.get(reverse("workqueue:home"))
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_https_sends_hsts_and_secure_cookies(jp_kg):
    client = Client()
    assert client.get("/accounts/login/").status_code == 301  # plain HTTP goes to HTTPS
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies["csrftoken"]["secure"]
