"""Issue 12 point 7: an administrator's deactivation stops an account's API tokens and
sessions at once, while the automatic lock-out after failed passwords stops password
sign-in only; personal answers are never stored by caches; an API body over the limit gets
a JSON 413."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from sswbridge.accounts.models import ApiToken, Role, User
from tests.helpers import factories

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "Too many failed sign-ins."


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def _bearer(user: User) -> dict[str, str]:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _deactivate_in_the_admin(user: User) -> None:
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    response = factories.verified_client(admin).post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "agency": user.agency_id,
            "role": user.role,
            "failed_login_count": user.failed_login_count,
            # is_active left out: the box is unticked
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert not user.is_active


def test_deactivation_in_the_admin_stops_the_token_at_once(jp_kg):
    user = factories.make_user("isa")
    headers = _bearer(user)
    assert Client().get("/api/v1/accounts/me", **headers).status_code == 200
    _deactivate_in_the_admin(user)
    assert Client().get("/api/v1/accounts/me", **headers).status_code == 401


def test_deactivation_in_the_admin_signs_the_session_out_on_its_next_request(jp_kg):
    user = factories.make_user("isa")
    session = factories.verified_client(user)
    assert session.get("/home/").status_code == 200
    _deactivate_in_the_admin(user)
    response = session.get("/home/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in session.session
    User.objects.filter(pk=user.pk).update(is_active=True)  # re-activated: the session stays out
    assert session.get("/home/").status_code == 302


def test_lock_out_by_failed_passwords_stops_password_sign_in_only(jp_kg):
    user = factories.make_user("isa")
    headers = _bearer(user)
    session = factories.verified_client(user)
    stranger = Client()
    for _n in range(settings.LOCKOUT_THRESHOLD):
        stranger.post("/accounts/login/", {"identifier": user.username, "password": "wrong!"})
    assert User.objects.get(pk=user.pk).is_locked

    refused = Client().post(
        "/accounts/login/", {"identifier": user.username, "password": factories.PASSWORD}
    )
    assert LOCKED_TEXT in refused.content.decode()  # the right password is refused
    assert Client().get("/api/v1/accounts/me", **headers).status_code == 200  # the integration
    assert session.get("/home/").status_code == 200  # the session already signed in


def test_signed_in_pages_are_not_stored(jp_kg):
    session = factories.verified_client(factories.make_user("isa"))
    for path in ("/home/", "/portal/kg/"):
        assert "no-store" in session.get(path)["Cache-Control"]


def test_api_answers_are_not_stored(jp_kg):
    headers = _bearer(factories.make_user("isa"))
    assert "no-store" in Client().get("/api/v1/accounts/me", **headers)["Cache-Control"]
    assert "no-store" in Client().get("/api/v1/frameworks")["Cache-Control"]  # the 401 too


def test_public_pages_and_the_public_api_keep_their_caching(jp_kg):
    client = Client()
    for path in ("/portal/kg/", "/portal/kg/support-organizations/?format=csv"):
        assert "no-store" not in client.get(path).get("Cache-Control", "")
    assert "no-store" not in client.get("/api/v1/public/portals").get("Cache-Control", "")


def test_an_api_body_over_the_limit_gets_a_json_413(jp_kg):
    headers = _bearer(factories.make_user("isa"))
    body = json.dumps(
        {"framework": "jp-kg", "title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    response = Client().post("/api/v1/cases", body, content_type="application/json", **headers)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["code"] == "too_large" and response.json()["message"]
