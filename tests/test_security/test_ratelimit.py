"""Rate limits: sign-in per account and per address, the API per token or address; the
answer is 429 with Retry-After."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from sswbridge.accounts.models import ApiToken
from sswbridge.security import ratelimit
from tests import factories

pytestmark = pytest.mark.django_db

LIMITS = {"signin": (3, 300), "signin_ip": (5, 300), "api": (4, 60)}


@pytest.fixture(autouse=True)
def _fresh_counts():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _sign_in(client: Client, identifier: str, addr: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"),
        {"identifier": identifier, "password": "wrong password"},
        REMOTE_ADDR=addr,
    )


@override_settings(RATE_LIMITS=LIMITS)
def test_sign_in_is_limited_per_account(jp_kg):
    factories.make_user("isa", username="tanaka")
    client = Client()
    assert [_sign_in(client, "tanaka", f"10.0.0.{i}").status_code for i in range(3)] == [200] * 3
    response = _sign_in(client, "TANAKA", "10.0.0.9")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 300
    assert _sign_in(client, "suzuki", "10.0.0.9").status_code == 200  # another account


@override_settings(RATE_LIMITS=LIMITS)
def test_sign_in_is_limited_per_address(jp_kg):
    client = Client()
    codes = [_sign_in(client, f"name{i}").status_code for i in range(6)]
    assert codes == [200] * 5 + [429]
    assert _sign_in(client, "name9", "10.0.0.2").status_code == 200  # another address


@override_settings(RATE_LIMITS=LIMITS)
def test_api_is_limited_per_token(jp_kg):
    headers = _bearer(factories.make_user("isa"))
    client = Client()
    codes = [client.get("/api/v1/frameworks", **headers).status_code for _ in range(5)]
    assert codes[:4] == [codes[0]] * 4 and codes[0] != 429
    response = client.get("/api/v1/frameworks", **headers)
    assert response.status_code == 429
    assert response["Retry-After"].isdigit() and int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "rate_limited"
    other = _bearer(factories.make_user("isa"))
    assert client.get("/api/v1/frameworks", **other).status_code != 429


@override_settings(RATE_LIMITS=LIMITS)
def test_public_api_is_limited_per_address(jp_kg):
    client = Client()
    codes = [client.get("/api/v1/public/portals").status_code for _ in range(5)]
    assert codes == [200] * 4 + [429]
    assert client.get("/api/v1/public/portals", REMOTE_ADDR="10.9.9.9").status_code == 200


@override_settings(RATE_LIMITS={**LIMITS, "api": (0, 60)})
def test_a_limit_of_zero_is_off(jp_kg):
    client = Client()
    assert {client.get("/api/v1/public/portals").status_code for _ in range(10)} == {200}


def test_the_window_ends_when_retry_after_says():
    limit = ratelimit.Limit(1, 60)
    assert ratelimit.hit("t", "k", limit, now=120.0) == 0
    assert ratelimit.hit("t", "k", limit, now=150.0) == 30
    assert ratelimit.hit("t", "k", limit, now=180.0) == 0


DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sswbridge_cache",
    }
}


@override_settings(CACHES=DATABASE_CACHE)
def test_counts_are_kept_in_the_database_cache_shared_by_all_processes():
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection

    call_command("createcachetable", verbosity=0)  # what `sswbridge migrate` does
    caches["default"].clear()
    limit = ratelimit.Limit(2, 60)
    assert [ratelimit.hit("t", "k", limit, now=60.0) for _ in range(3)] == [0, 0, 60]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sswbridge_cache")
        assert cursor.fetchone()[0] == 1
