"""Passwords are stored as argon2 hashes, in tests and (with the full costs) in production."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_a_password_is_stored_as_an_argon2id_hash():
    user = factories.make_user("isa")
    assert user.password.startswith("argon2$argon2id$")
    assert factories.PASSWORD not in user.password
    assert user.check_password(factories.PASSWORD)


def test_production_settings_hash_with_argon2_only(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SSWBRIDGE_", "DJANGO_"))}
    env.update(SSWBRIDGE_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="sswbridge.settings")
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS)"
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "['django.contrib.auth.hashers.Argon2PasswordHasher']"
