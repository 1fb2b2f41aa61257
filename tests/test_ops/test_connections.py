"""Database connections kept between requests (SSWBRIDGE_DB_CONN_MAX_AGE): on PostgreSQL by
default, checked before reuse; on SQLite closed after each request unless asked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CODE = (
    "import json, django, os; os.environ['DJANGO_SETTINGS_MODULE']='sswbridge.settings';"
    "django.setup(); from django.conf import settings as s; d = s.DATABASES['default'];"
    "print(json.dumps([d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
)


def _database_settings(tmp_path: Path, **extra: str) -> list[object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSWBRIDGE_")}
    env.update(SSWBRIDGE_SECRET_KEY="x" * 50, SSWBRIDGE_VAR_DIR=str(tmp_path), **extra)
    result = subprocess.run(
        [sys.executable, "-c", CODE], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    got: list[object] = json.loads(result.stdout.strip().splitlines()[-1])
    return got


@pytest.mark.parametrize(
    ("url", "extra", "expected"),
    [
        ("postgres://u@db.example:5432/bridge", {}, ["django.db.backends.postgresql", 600, True]),
        ("sqlite:///var/db.sqlite3", {}, ["django.db.backends.sqlite3", 0, True]),
        (
            "postgres://u@db.example:5432/bridge",
            {"SSWBRIDGE_DB_CONN_MAX_AGE": "0"},
            ["django.db.backends.postgresql", 0, True],
        ),
        (
            "sqlite:///var/db.sqlite3",
            {"SSWBRIDGE_DB_CONN_MAX_AGE": "30"},
            ["django.db.backends.sqlite3", 30, True],
        ),
    ],
)
def test_connection_age_by_engine_and_variable(tmp_path, url, extra, expected):
    assert _database_settings(tmp_path, SSWBRIDGE_DATABASE_URL=url, **extra) == expected


def test_a_negative_connection_age_is_refused_by_name(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSWBRIDGE_")}
    env.update(SSWBRIDGE_VAR_DIR=str(tmp_path), SSWBRIDGE_DB_CONN_MAX_AGE="-1")
    result = subprocess.run(
        [sys.executable, "-c", CODE], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SSWBRIDGE_DB_CONN_MAX_AGE" in result.stderr
