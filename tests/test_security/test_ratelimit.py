"""Rate limits: sign-in per account and per address, the API per token or address; the
answer is 429 with Retry-After."""

from __future__ import annotations

import os

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


def test_counts_are_kept_in_the_database_shared_by_all_processes():
    """One row per key in `security_ratecounter`; a new window starts again at one, and a
    key quiet for an hour is deleted when another key's window starts."""
    from sswbridge.security.models import STALE_SECONDS, RateCounter

    limit = ratelimit.Limit(2, 60)
    assert [ratelimit.hit("t", "k", limit, now=60.0) for _ in range(3)] == [0, 0, 60]
    (row,) = RateCounter.objects.all()
    assert (row.count, row.window_end) == (3, 120)
    assert "k" not in row.key  # the key is hashed
    assert ratelimit.hit("t", "k", limit, now=125.0) == 0
    row.refresh_from_db()
    assert (row.count, row.window_end) == (1, 180)
    later = 180.0 + STALE_SECONDS + 1
    assert ratelimit.hit("t", "other", limit, now=later) == 0
    assert list(RateCounter.objects.values_list("window_end", flat=True)) == [
        (int(later // 60) + 1) * 60
    ]


@pytest.mark.skipif(
    "postgres" not in os.environ.get("SSWBRIDGE_TEST_DATABASE_URL", ""),
    reason="the SQLite test database is in memory and takes one writer at a time",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_all_count():
    """Four threads, each with its own connection, counting the same key: no count is lost
    (the upsert is atomic; a read-then-write counter would lose some)."""
    import threading

    from django.db import connection

    from sswbridge.security.models import RateCounter

    limit = ratelimit.Limit(1000, 3600)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _n in range(25):
                ratelimit.hit("t", "shared", limit, now=10.0)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert RateCounter.objects.get().count == 100
