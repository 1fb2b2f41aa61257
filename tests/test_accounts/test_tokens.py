from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.accounts import services
from sswbridge.accounts.models import ApiToken
from sswbridge.audit.models import AuditAction, AuditEntry
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_accepts_an_issued_token_and_says_who_i_am(client: Client):
    user = factories.make_user("kg-ceca", role="registrar")
    _token, raw = services.issue_token(actor=user, user=user)
    response = client.get("/api/v1/accounts/me", **bearer(raw))
    assert response.status_code == 200
    assert response.json() == {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "role": "registrar",
        "agency": "kg-ceca",
        "side": "KG",
        "frameworks": ["jp-kg"],
        "language": "",
        "time_zone": "",
        "effective_time_zone": "Asia/Bishkek",
    }


def test_only_the_hash_of_a_token_is_stored():
    user = factories.make_user("isa")
    token, raw = services.issue_token(actor=user, user=user)
    assert raw not in {token.key_hash, token.key_prefix}
    assert ApiToken.objects.authenticate(raw) == token


def test_revoked_token_is_refused_with_the_json_error(client: Client):
    user = factories.make_user("isa")
    token, raw = services.issue_token(actor=user, user=user)
    services.revoke_token(actor=user, token=token)
    response = client.get("/api/v1/accounts/me", **bearer(raw))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_user_lists_only_their_own_tokens(client: Client):
    me = factories.make_user("isa")
    other = factories.make_user("isa")
    mine, raw = services.issue_token(actor=me, user=me, name="mine")
    services.issue_token(actor=other, user=other, name="theirs")
    response = client.get("/api/v1/accounts/tokens", **bearer(raw))
    assert [t["id"] for t in response.json()] == [mine.pk]


def test_token_created_through_the_api_shows_its_key_once_and_works(client: Client):
    user = factories.make_user("isa")
    _token, raw = services.issue_token(actor=user, user=user)
    created = client.post(
        "/api/v1/accounts/tokens", {"name": "etl"}, content_type="application/json", **bearer(raw)
    )
    assert created.status_code == 201
    new_key = created.json()["key"]
    assert client.get("/api/v1/accounts/me", **bearer(new_key)).status_code == 200
    listed = client.get("/api/v1/accounts/tokens", **bearer(raw)).json()
    assert all("key" not in t for t in listed)


def test_user_revokes_own_token_through_the_api(client: Client):
    user = factories.make_user("isa")
    _keep, raw = services.issue_token(actor=user, user=user)
    target, target_raw = services.issue_token(actor=user, user=user)
    response = client.post(f"/api/v1/accounts/tokens/{target.pk}/revoke", **bearer(raw))
    assert response.status_code == 200
    assert response.json()["revoked_at"] is not None
    assert client.get("/api/v1/accounts/me", **bearer(target_raw)).status_code == 401


def test_revoking_another_users_token_through_the_api_is_404(client: Client):
    me = factories.make_user("isa")
    other = factories.make_user("isa")
    _mine, raw = services.issue_token(actor=me, user=me)
    theirs, _ = services.issue_token(actor=other, user=other)
    response = client.post(f"/api/v1/accounts/tokens/{theirs.pk}/revoke", **bearer(raw))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_issuing_and_revoking_tokens_is_audited():
    user = factories.make_user("isa")
    token, _ = services.issue_token(actor=user, user=user)
    services.revoke_token(actor=user, token=token)
    actions = list(
        AuditEntry.objects.filter(object_type="accounts.apitoken", object_id=str(token.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE]


def test_token_page_creates_a_token_and_shows_its_key_once():
    user = factories.make_user("isa")
    client = factories.verified_client(user)
    response = client.post("/accounts/tokens/", {"name": "reporting"})
    assert response.url == "/accounts/tokens/"
    first = client.get("/accounts/tokens/").content.decode()
    second = client.get("/accounts/tokens/").content.decode()
    token = ApiToken.objects.get(user=user)
    assert 'data-testid="new-token"' in first
    assert 'data-testid="new-token"' not in second
    assert token.key_prefix in second


def test_token_page_lists_only_own_tokens():
    me = factories.make_user("isa")
    other = factories.make_user("isa")
    theirs, _ = services.issue_token(actor=other, user=other)
    page = factories.verified_client(me).get("/accounts/tokens/").content.decode()
    assert theirs.key_prefix not in page


def test_token_page_revokes_own_token():
    user = factories.make_user("isa")
    token, _ = services.issue_token(actor=user, user=user)
    client = factories.verified_client(user)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_page_cannot_revoke_another_users_token():
    me = factories.make_user("isa")
    other = factories.make_user("isa")
    theirs, _ = services.issue_token(actor=other, user=other)
    response = factories.verified_client(me).post(f"/accounts/tokens/{theirs.pk}/revoke/")
    assert response.status_code == 404


def test_token_page_needs_the_second_factor(client: Client):
    user = factories.make_user("isa")
    client.force_login(user)
    assert client.get("/accounts/tokens/").url == "/accounts/login/verify/"


def test_token_revoke_page_accepts_only_post():
    user = factories.make_user("isa")
    token, _ = services.issue_token(actor=user, user=user)
    response = factories.verified_client(user).get(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_last_used_is_recorded_to_the_minute_without_a_write_per_request(client: Client):
    import datetime

    user = factories.make_user("isa")
    token, raw = services.issue_token(actor=user, user=user)
    assert token.last_used_at is None
    client.get("/api/v1/accounts/me", **bearer(raw))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/accounts/me", **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at == first
    earlier = first - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get("/api/v1/accounts/me", **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at > first
