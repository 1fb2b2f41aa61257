from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.audit.models import AuditAction, AuditEntry
from tests.helpers import factories
from tests.helpers.accounts import (
    secret_on_page,
    sign_in_fully,
    sign_in_password,
    totp_code,
    totp_code_from_secret,
)

pytestmark = pytest.mark.django_db


def test_first_sign_in_enrols_a_totp_device_shows_recovery_codes_and_opens_the_dashboard(
    client: Client, settings
):
    user = factories.make_user("isa", enrolled=False)

    response = sign_in_password(client, user.username)
    assert response.url == "/accounts/login/verify/"
    assert client.get(response.url).url == "/accounts/enrol/"

    page = client.get("/accounts/enrol/").content.decode()
    assert "<svg" in page
    code = totp_code_from_secret(secret_on_page(page))
    response = client.post("/accounts/enrol/", {"code": code})
    assert response.url == "/accounts/recovery-codes/"

    codes_page = client.get(response.url).content.decode()
    assert codes_page.count("<li><code>") == settings.RECOVERY_CODE_COUNT
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/home/").status_code == 200


def test_enrolled_user_signs_in_with_password_and_totp_code(client: Client):
    user = factories.make_user("kg-ceca")
    sign_in_password(client, user.username)
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.url == "/home/"
    assert client.get("/home/").status_code == 200


def test_sign_in_accepts_the_email_address(client: Client):
    user = factories.make_user("isa")
    response = sign_in_password(client, user.email.upper())
    assert response.url == "/accounts/login/verify/"


def test_password_alone_does_not_open_staff_pages(client: Client):
    user = factories.make_user("isa")
    sign_in_password(client, user.username)
    assert client.get("/home/").url == "/accounts/login/verify/"


def test_wrong_password_is_refused_with_a_message(client: Client):
    user = factories.make_user("isa")
    response = sign_in_password(client, user.username, "not the password")
    assert response.status_code == 200
    assert "The username or password is not correct." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_totp_code_is_refused(client: Client):
    user = factories.make_user("isa")
    sign_in_password(client, user.username)
    good = totp_code(TOTPDevice.objects.get(user=user))
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/login/verify/", {"code": wrong})
    assert "The code is not correct." in response.content.decode()
    assert client.get("/home/").status_code == 302


def test_a_totp_code_cannot_be_replayed(client: Client):
    user = factories.make_user("isa")
    sign_in_password(client, user.username)
    code = totp_code(TOTPDevice.objects.get(user=user))
    assert client.post("/accounts/login/verify/", {"code": code}).status_code == 302

    eavesdropper = Client()
    sign_in_password(eavesdropper, user.username)
    response = eavesdropper.post("/accounts/login/verify/", {"code": code})
    assert "The code is not correct." in response.content.decode()


def test_enrolled_user_cannot_enrol_another_device_with_the_password_alone(client: Client):
    user = factories.make_user("isa")
    sign_in_password(client, user.username)
    assert client.get("/accounts/enrol/").url == "/accounts/login/verify/"
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_next_is_followed_after_both_factors(client: Client):
    user = factories.make_user("isa")
    client.get("/accounts/login/?next=/frameworks/")
    client.post(
        "/accounts/login/",
        {"identifier": user.username, "password": factories.PASSWORD, "next": "/frameworks/"},
    )
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.url == "/frameworks/"


def test_next_pointing_to_another_site_is_ignored(client: Client):
    user = factories.make_user("isa")
    client.post(
        "/accounts/login/",
        {"identifier": user.username, "password": factories.PASSWORD, "next": "https://evil.test/"},
    )
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.url == "/home/"


def test_sign_in_and_sign_out_are_audited(client: Client):
    user = factories.make_user("isa")
    sign_in_fully(client, user)
    client.post("/accounts/logout/")
    actions = list(
        AuditEntry.objects.filter(object_id=str(user.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == [AuditAction.SIGN_IN, AuditAction.SIGN_OUT]


def test_sign_out_is_post_only(client: Client):
    user = factories.make_user("isa")
    sign_in_fully(client, user)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/home/").status_code == 200


def test_sign_out_ends_the_session(client: Client):
    user = factories.make_user("isa")
    sign_in_fully(client, user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/home/").url.startswith("/accounts/login/")
