"""Rate limits: sign-in per existing account and per address, the public site per address,
the API per valid token or address; the answer is 429 with Retry-After. A value a client
invents (a name without an account, a made-up token) counts against its address and adds no
row of its own."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from sswbridge.accounts.models import ApiToken
from sswbridge.security import ratelimit
from tests.helpers import factories

pytestmark = pytest.mark.django_db

LIMITS = {"signin": (3, 300), "signin_ip": (5, 300), "api": (4, 60), "public": (4, 60)}


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
    response = _sign_in(client, "tanaka", "10.0.0.9")
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


# A window far longer than the test, so a slow machine cannot cross into a new window
# halfway through the 420 requests and start counting again.
@override_settings(RATE_LIMITS={**LIMITS, "api": (50, 10**6)})
def test_made_up_tokens_count_against_the_address_and_add_no_rows(jp_kg):
    """420 distinct invented tokens: the first 50 get 401, then 429 once the address's limit
    is passed; the counters' table holds one row (the address), not 420."""
    from sswbridge.security.models import RateCounter

    client = Client()
    codes = [
        client.get("/api/v1/frameworks", HTTP_AUTHORIZATION=f"Bearer sswb_made-up-{n}").status_code
        for n in range(420)
    ]
    assert codes == [401] * 50 + [429] * 370
    assert RateCounter.objects.count() == 1


@override_settings(RATE_LIMITS=LIMITS)
def test_a_made_up_token_shares_the_anonymous_address_counter(jp_kg):
    client = Client()
    assert client.get("/api/v1/frameworks").status_code == 401
    for n in range(3):
        headers = {"HTTP_AUTHORIZATION": f"Bearer invented-{n}"}
        assert client.get("/api/v1/frameworks", **headers).status_code == 401
    assert client.get("/api/v1/frameworks").status_code == 429


@override_settings(RATE_LIMITS=LIMITS)
def test_a_random_authorization_header_does_not_escape_the_public_api_limit(jp_kg):
    client = Client()
    codes = [
        client.get("/api/v1/public/portals", HTTP_AUTHORIZATION=header).status_code
        for header in ("Bearer a", "Bearer b", "Basic Zm9vOmJhcg==", "Token c", "Bearer d")
    ]
    assert codes == [200] * 4 + [429]


@override_settings(RATE_LIMITS=LIMITS)
def test_valid_tokens_of_two_users_from_one_address_count_separately(jp_kg):
    first = _bearer(factories.make_user("isa"))
    second = _bearer(factories.make_user("mofa"))
    client = Client()
    assert [client.get("/api/v1/frameworks", **first).status_code for _ in range(4)] == [200] * 4
    assert client.get("/api/v1/frameworks", **first).status_code == 429
    assert [client.get("/api/v1/frameworks", **second).status_code for _ in range(4)] == [200] * 4
    assert client.get("/api/v1/frameworks").status_code == 401  # the address has its own


@override_settings(RATE_LIMITS={**LIMITS, "signin_ip": (1000, 10**6)})
def test_unknown_sign_in_names_count_against_the_address_and_add_no_rows(jp_kg):
    from sswbridge.security.models import RateCounter

    client = Client()
    for n in range(40):
        assert _sign_in(client, f"nobody-{n}").status_code == 200
    assert RateCounter.objects.count() == 1  # the address; no counter per invented name


@override_settings(
    RATE_LIMITS={**LIMITS, "signin_ip": (1000, 10**6)},
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sswbridge_cache",
        }
    },
)
def test_unknown_sign_in_names_share_a_few_failure_rows(jp_kg, monkeypatch):
    """The look of a lock-out for an unknown name is kept in a fixed number of shared rows of
    the cache table, not one per name; one name failing often still looks locked."""
    from django.core.management import call_command
    from django.db import connection

    from sswbridge.accounts import signin

    call_command("createcachetable", verbosity=0)  # as `sswbridge migrate` does
    monkeypatch.setattr(signin, "UNKNOWN_NAME_BUCKETS", 4)
    client = Client()
    for n in range(40):
        _sign_in(client, f"nobody-{n}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sswbridge_cache WHERE cache_key LIKE %s", ["%signin%"])
        (rows,) = cursor.fetchone()
    assert 1 <= rows <= 4
    cache.clear()
    for _n in range(5):
        response = _sign_in(client, "nobody-at-all")
    assert "Too many failed sign-ins." in response.content.decode()


@override_settings(RATE_LIMITS=LIMITS)
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/portal/",
        "/portal/kg/",
        "/portal/kg/search/?q=sakura",
        "/portal/kg/verify/?q=sakura",
        "/portal/kg/support-organizations/",
        "/portal/kg/support-organizations/?format=csv",
    ],
)
def test_public_pages_and_downloads_are_limited_per_address(jp_kg, path):
    client = Client()
    assert [client.get(path).status_code for _ in range(4)] == [200] * 4
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert 1 <= int(response["Retry-After"]) <= 60
    from django.utils import translation

    with translation.override("ja"):
        heading = translation.gettext("Too many requests")
    assert heading in response.content.decode()
    assert client.get(path, REMOTE_ADDR="10.9.9.9").status_code == 200  # another address


@override_settings(RATE_LIMITS=LIMITS)
def test_public_pages_share_one_counter_per_address(jp_kg):
    """Spreading requests over pages, downloads and the public API does not escape it."""
    client = Client()
    for path in ("/", "/portal/kg/", "/api/v1/public/portals", "/portal/kg/verify/?q=x"):
        assert client.get(path).status_code == 200
    response = client.get("/api/v1/public/portals")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response["Retry-After"].isdigit()


@override_settings(RATE_LIMITS=LIMITS)
def test_a_download_answered_304_still_counts(jp_kg):
    client = Client()
    url = "/portal/kg/support-organizations/?format=csv"
    first = client.get(url)
    assert first.status_code == 200
    again = [client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code for _ in range(4)]
    assert again == [304] * 3 + [429]


@override_settings(RATE_LIMITS=LIMITS)
def test_signed_in_pages_are_not_under_the_public_limit(jp_kg):
    client = factories.verified_client(factories.make_user("isa"))
    assert {client.get("/home/").status_code for _ in range(6)} == {200}


@override_settings(RATE_LIMITS={**LIMITS, "public": (0, 60)})
def test_a_limit_of_zero_is_off(jp_kg):
    client = Client()
    assert {client.get("/api/v1/public/portals").status_code for _ in range(10)} == {200}
    assert {client.get("/portal/kg/").status_code for _ in range(10)} == {200}


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
