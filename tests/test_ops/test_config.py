"""Configuration comes from SSWBRIDGE_* variables; a malformed value is refused by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sswbridge import config
from sswbridge.config import ConfigError, parse_database_url
from tests.helpers.ops import clean_env, run

SRC = Path(__file__).resolve().parents[2] / "src" / "sswbridge"
README = Path(__file__).resolve().parents[2] / "README.md"


def test_boolean_rejects_maybe_and_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_DEBUG", "maybe")
    with pytest.raises(ConfigError, match="SSWBRIDGE_DEBUG"):
        config.env_bool("SSWBRIDGE_DEBUG", False)


@pytest.mark.parametrize(
    "raw,expected", [("TRUE", True), ("on", True), ("0", False), ("no", False)]
)
def test_boolean_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv("SSWBRIDGE_HTTPS", raw)
    assert config.env_bool("SSWBRIDGE_HTTPS", not expected) is expected


def test_integer_rejects_words_and_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_EMAIL_PORT", "twenty-five")
    with pytest.raises(ConfigError, match="SSWBRIDGE_EMAIL_PORT"):
        config.env_int("SSWBRIDGE_EMAIL_PORT", 25)


def test_integer_rejects_a_value_below_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_LOCKOUT_THRESHOLD", "0")
    with pytest.raises(ConfigError, match="SSWBRIDGE_LOCKOUT_THRESHOLD must be at least 1"):
        config.env_int("SSWBRIDGE_LOCKOUT_THRESHOLD", 5, minimum=1)


def test_list_rejects_an_empty_item_and_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_ALLOWED_HOSTS", "bridge.example.go.jp,,localhost")
    with pytest.raises(ConfigError, match="SSWBRIDGE_ALLOWED_HOSTS"):
        config.env_list("SSWBRIDGE_ALLOWED_HOSTS")


def test_list_splits_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_ALLOWED_HOSTS", " a.example , b.example ")
    assert config.env_list("SSWBRIDGE_ALLOWED_HOSTS") == ["a.example", "b.example"]


def test_choice_rejects_an_unknown_log_level(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_LOG_LEVEL", "LOUD")
    with pytest.raises(ConfigError, match="SSWBRIDGE_LOG_LEVEL"):
        config.env_choice("SSWBRIDGE_LOG_LEVEL", "INFO", ["DEBUG", "INFO"])


def test_time_zone_rejects_an_unknown_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_TIME_ZONE", "Asia/Atlantis")
    with pytest.raises(ConfigError, match="SSWBRIDGE_TIME_ZONE"):
        config.env_time_zone("SSWBRIDGE_TIME_ZONE", "UTC")


def test_time_zone_accepts_tokyo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSWBRIDGE_TIME_ZONE", "Asia/Tokyo")
    assert config.env_time_zone("SSWBRIDGE_TIME_ZONE", "UTC") == "Asia/Tokyo"


def test_sqlite_url_with_three_slashes_is_relative_to_the_base_dir(tmp_path: Path) -> None:
    url = parse_database_url("X", "sqlite:///var/db.sqlite3", base_dir=tmp_path)
    assert url.as_django()["NAME"] == str(tmp_path / "var" / "db.sqlite3")


def test_sqlite_url_with_four_slashes_is_absolute(tmp_path: Path) -> None:
    url = parse_database_url("X", "sqlite:////srv/bridge/db.sqlite3", base_dir=tmp_path)
    assert url.as_django()["NAME"] == "/srv/bridge/db.sqlite3"


def test_postgres_url_gives_user_password_host_port_and_options(tmp_path: Path) -> None:
    url = parse_database_url(
        "SSWBRIDGE_DATABASE_URL",
        "postgres://bridge:s%40cret@db.internal:6543/sswbridge?sslmode=require",
        base_dir=tmp_path,
    ).as_django()
    assert {
        k: url[k] for k in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
    } == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "sswbridge",
        "USER": "bridge",
        "PASSWORD": "s@cret",
        "HOST": "db.internal",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require"},
    }


def test_database_url_with_an_unknown_scheme_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SSWBRIDGE_DATABASE_URL must start with sqlite:// or"):
        parse_database_url("SSWBRIDGE_DATABASE_URL", "mysql://db/sswbridge", base_dir=tmp_path)


def test_postgres_url_without_a_database_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SSWBRIDGE_DATABASE_URL names no PostgreSQL database"):
        parse_database_url("SSWBRIDGE_DATABASE_URL", "postgres://db.internal/", base_dir=tmp_path)


def test_a_malformed_variable_stops_the_command_with_its_name(tmp_path: Path) -> None:
    result = run(["check"], clean_env(tmp_path, SSWBRIDGE_DEBUG="maybe"), cwd=tmp_path)
    assert result.returncode != 0 and "SSWBRIDGE_DEBUG" in result.stderr
    assert "Traceback" not in result.stderr  # a clear message, not a crash


def test_serve_with_a_malformed_variable_says_which_one_without_a_traceback(
    tmp_path: Path,
) -> None:
    env = clean_env(tmp_path, SSWBRIDGE_EMAIL_PORT="twenty-five")
    result = run(["serve", "--bind", "127.0.0.1:1"], env, cwd=tmp_path)
    assert result.returncode == 2
    assert "SSWBRIDGE_EMAIL_PORT must be a whole number" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args,environ,expected",
    [
        (["serve", "--demo"], {}, "http://127.0.0.1:8000"),
        (["serve", "--demo", "--bind", "127.0.0.1:8731"], {}, "http://127.0.0.1:8731"),
        (["serve", "--demo", "--bind=0.0.0.0:9000"], {}, "http://0.0.0.0:9000"),
        (["serve", "--demo"], {"SSWBRIDGE_BIND": "127.0.0.1:8001"}, "http://127.0.0.1:8001"),
        (
            ["serve", "--demo", "--bind", "127.0.0.1:8731"],
            {"SSWBRIDGE_PUBLIC_URL": "https://bridge.example"},
            "https://bridge.example",
        ),
    ],
)
def test_demo_mail_links_point_where_the_demo_listens(
    args: list[str], environ: dict[str, str], expected: str
) -> None:
    from sswbridge.cli import demo_public_url

    assert demo_public_url(args, environ) == expected


def _variables_in(paths: list[Path]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        found |= set(re.findall(r"SSWBRIDGE_[A-Z0-9_]+", path.read_text()))
    return found


def test_every_variable_the_code_reads_is_documented_in_the_readme() -> None:
    sources = [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]
    undocumented = sorted(_variables_in(sources) - _variables_in([README]))
    assert undocumented == []
