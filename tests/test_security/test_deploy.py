"""`sswbridge check --deploy` is clean with a production environment, whose settings turn on
HSTS and secure cookies; a process-local cache is reported."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PRODUCTION = {
    "SSWBRIDGE_SECRET_KEY": secrets.token_urlsafe(64),
    "SSWBRIDGE_DEBUG": "false",
    "SSWBRIDGE_ALLOWED_HOSTS": "bridge.example.go.jp",
    "SSWBRIDGE_HTTPS": "true",
}


def _run(args: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their process; deployments never have it.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SSWBRIDGE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(PRODUCTION, SSWBRIDGE_VAR_DIR=str(tmp_path), **extra)
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean(tmp_path):
    assert _run(["-m", "sswbridge", "keys", "generate"], tmp_path).returncode == 0
    result = _run(["-m", "sswbridge", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "variable",
    ["SSWBRIDGE_API_RATE_LIMIT", "SSWBRIDGE_SIGNIN_RATE_LIMIT", "SSWBRIDGE_PUBLIC_RATE_LIMIT"],
)
def test_check_deploy_reports_a_rate_limit_turned_off(tmp_path, variable):
    result = _run(
        ["-m", "sswbridge", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        **{variable: "0"},
    )
    assert result.returncode != 0
    assert "sswbridge.W004" in result.stdout + result.stderr


def test_production_settings_send_hsts_and_secure_cookies(tmp_path):
    code = (
        "import json, django, os; os.environ['DJANGO_SETTINGS_MODULE']='sswbridge.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.CACHES['default']['BACKEND'],"
        " s.RATE_LIMITS['api'][0]]))"
    )
    result = _run(["-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    hsts, session_secure, csrf_secure, redirect, frames, cache, api = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert hsts >= 31536000 and session_secure and csrf_secure and redirect
    assert frames == "DENY"
    assert cache == "django.core.cache.backends.db.DatabaseCache"
    assert api > 0
