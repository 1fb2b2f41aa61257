"""Signing in through the real forms: passwords, TOTP codes, enrolment."""

from __future__ import annotations

import re
import time

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.models import User
from tests.helpers import factories


def totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now for this device."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def totp_code_from_secret(secret_b32: str) -> str:
    """What the app computes from the key shown at enrolment."""
    import base64

    totp = TOTP(base64.b32decode(secret_b32))
    totp.time = time.time()
    return f"{totp.token():06d}"


def secret_on_page(html: str) -> str:
    match = re.search(r'data-testid="totp-secret">([A-Z2-7=]+)<', html)
    assert match, "the enrolment page shows the key"
    return match.group(1)


def sign_in_password(client: Client, identifier: str, password: str = factories.PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"identifier": identifier, "password": password})


def sign_in_fully(client: Client, user: User) -> None:
    sign_in_password(client, user.username)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.status_code == 302, response.content
