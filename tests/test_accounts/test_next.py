"""`next=` sends the browser only to a path on this site; anything else goes to the
dashboard (issue 12, point 5). Before, a bare word such as `abc` reached `redirect()`, which
took it for a URL name and answered 500 (NoReverseMatch)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.models import Role
from sswbridge.core.redirects import safe_next
from tests.helpers import factories
from tests.helpers.accounts import totp_code

pytestmark = pytest.mark.django_db

BAD = [
    "abc",
    "workqueue:home",
    "//evil.example",
    "///evil.example",
    "https://evil.example/",
    "http://testserver.evil.example/",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    " /exchange/inbox/",
]
# Refused by the helper too, though the edge answers 400 before (security/input.py).
CONTROL = ["/exchange/\x00/", "/exchange/\x1b/", "/\r\n/evil.example"]
GOOD = "/exchange/inbox/?page=2"
HOME = "/home/"


@pytest.mark.parametrize("target", BAD + CONTROL)
def test_only_a_path_on_this_site_is_kept(target: str) -> None:
    request = RequestFactory().get("/accounts/login/")
    assert safe_next(request, target) is None
    assert safe_next(request, GOOD) == GOOD
    assert safe_next(request, "http://testserver/exchange/inbox/") is None


@pytest.mark.parametrize("target", BAD)
def test_a_signed_in_user_is_sent_to_the_dashboard_for_an_unsafe_next(target: str) -> None:
    client = factories.verified_client(factories.make_user("isa"))
    response = client.get("/accounts/login/", {"next": target})
    assert (response.status_code, response["Location"]) == (302, HOME)


def test_a_signed_in_user_is_sent_to_a_safe_next() -> None:
    client = factories.verified_client(factories.make_user("isa"))
    response = client.get("/accounts/login/", {"next": GOOD})
    assert (response.status_code, response["Location"]) == (302, GOOD)


def _second_factor(client: Client, username: str, target: str):  # type: ignore[no-untyped-def]
    first = client.post(
        "/accounts/login/?" + _query(target),
        {"identifier": username, "password": factories.PASSWORD, "next": target},
    )
    assert first.status_code == 302
    device = TOTPDevice.objects.get(user__username=username)
    return client.post("/accounts/login/verify/", {"code": totp_code(device)})


def _query(target: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": target})


@pytest.mark.parametrize("target", BAD)
def test_the_second_factor_after_an_unsafe_next_goes_to_the_dashboard(target: str) -> None:
    user = factories.make_user("isa")
    response = _second_factor(Client(raise_request_exception=False), user.username, target)
    assert (response.status_code, response["Location"]) == (302, HOME)


def test_the_second_factor_after_a_safe_next_goes_there() -> None:
    user = factories.make_user("isa")
    response = _second_factor(Client(), user.username, GOOD)
    assert (response.status_code, response["Location"]) == (302, GOOD)


@pytest.mark.parametrize("target", ["abc", "https://evil.example/", "/\\evil.example"])
def test_the_admin_sign_in_ignores_an_unsafe_next(target: str) -> None:
    admin = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    response = admin.get("/admin/login/", {"next": target})
    assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.parametrize("target", ["abc", "//evil.example", "javascript:alert(1)"])
def test_the_language_switch_ignores_an_unsafe_next(target: str) -> None:
    response = Client().post("/i18n/setlang/", {"language": "ja", "next": target})
    assert (response.status_code, response["Location"]) == (302, "/")


def test_the_language_switch_returns_to_a_safe_next() -> None:
    response = Client().post("/i18n/setlang/", {"language": "ja", "next": "/portal/kg/"})
    assert (response.status_code, response["Location"]) == (302, "/portal/kg/")
