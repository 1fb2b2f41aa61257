from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.models import User
from sswbridge.audit.models import AuditAction, AuditEntry
from tests.helpers import factories
from tests.helpers.accounts import sign_in_fully, sign_in_password, totp_code

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "Too many failed sign-ins."


def _fail_passwords(client: Client, identifier: str, times: int) -> None:
    for _ in range(times):
        sign_in_password(client, identifier, "wrong password!")


def test_locked_out_after_five_failed_passwords(client: Client, settings):
    assert settings.LOCKOUT_THRESHOLD == 5
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, 5)

    response = sign_in_password(client, user.username)  # the right password
    assert LOCKED_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert User.objects.get(pk=user.pk).is_locked


def test_four_failures_do_not_lock(client: Client):
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, 4)
    assert sign_in_password(client, user.username).url == "/accounts/login/verify/"


def test_wrong_codes_count_toward_the_lock_out(client: Client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's back-off would slow this test down
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, 2)
    sign_in_password(client, user.username)
    for _ in range(3):
        response = client.post("/accounts/login/verify/", {"code": "000000"})
    assert response.url == "/accounts/login/"
    assert User.objects.get(pk=user.pk).is_locked
    assert "_auth_user_id" not in client.session


def test_lock_ends_after_lockout_minutes(client: Client, settings):
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, settings.LOCKOUT_THRESHOLD)
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert sign_in_password(client, user.username).url == "/accounts/login/verify/"


def test_successful_sign_in_resets_the_failure_count(client: Client):
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, 3)
    sign_in_fully(client, user)
    assert User.objects.get(pk=user.pk).failed_login_count == 0


def test_correct_password_alone_does_not_reset_the_failure_count(client: Client):
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, 3)
    sign_in_password(client, user.username)
    assert User.objects.get(pk=user.pk).failed_login_count == 3


def test_unknown_name_gets_the_same_answer_as_a_locked_account(client: Client, settings):
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, settings.LOCKOUT_THRESHOLD)
    _fail_passwords(client, "nobody-here", settings.LOCKOUT_THRESHOLD)

    locked = sign_in_password(client, user.username).content.decode()
    unknown = sign_in_password(client, "nobody-here").content.decode()
    assert LOCKED_TEXT in locked
    assert LOCKED_TEXT in unknown


def test_lock_is_audited(client: Client, settings):
    user = factories.make_user("isa")
    _fail_passwords(client, user.username, settings.LOCKOUT_THRESHOLD)
    entries = AuditEntry.objects.filter(object_id=str(user.pk))
    assert entries.filter(action=AuditAction.SIGN_IN_FAILED).count() == settings.LOCKOUT_THRESHOLD
    assert entries.filter(action=AuditAction.LOCKED, side_code="JP").count() == 1


def test_a_locked_user_cannot_finish_the_second_factor(client: Client, settings):
    user = factories.make_user("isa")
    sign_in_password(client, user.username)
    User.objects.filter(pk=user.pk).update(
        locked_until=timezone.now() + dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
    )
    code = totp_code(TOTPDevice.objects.get(user=user))
    response = client.post("/accounts/login/verify/", {"code": code})
    assert response.url == "/accounts/login/"
    assert client.get("/home/").status_code == 302
