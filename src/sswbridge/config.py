"""Typed readers for the SSWBRIDGE_* environment variables.

Each helper names the variable when its value is malformed, so a misconfigured
deployment fails at start-up with a message that says what to fix.
"""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ImproperlyConfigured):
    """A SSWBRIDGE_* variable has a value that cannot be used."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items if raw.strip()):
        raise ConfigError(f"{name} must be a comma-separated list without empty items, not {raw!r}")
    return [item for item in items if item]


def env_int_list(name: str, default: list[int], *, minimum: int = 0) -> list[int]:
    """A comma-separated list of whole numbers, each at least `minimum`."""
    items = env_list(name, [str(value) for value in default])
    try:
        values = [int(item) for item in items]
    except ValueError:
        raise ConfigError(f"{name} must be whole numbers separated by commas") from None
    if any(value < minimum for value in values):
        raise ConfigError(f"{name} must hold numbers of at least {minimum}")
    return values


def env_hosted_sides(name: str) -> list[tuple[str, str]]:
    """The sides a node hosts: comma-separated `SIDE` (in every framework) or
    `FRAMEWORK:SIDE` items, e.g. "jp" or "jp-kg:kg"; as (framework code or "", side code),
    lower case. Empty: every side of every framework (one node hosts them all)."""
    hosted: list[tuple[str, str]] = []
    for item in env_list(name):
        framework, _sep, side = item.lower().rpartition(":")
        if not side or not all(
            part.replace("-", "").isalnum() for part in (framework or "x", side)
        ):
            raise ConfigError(
                f"{name} must list sides as SIDE or FRAMEWORK:SIDE (e.g. jp or jp-kg:kg), "
                f"not {item!r}"
            )
        hosted.append((framework, side))
    return hosted


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    """One of a fixed set of values, compared without regard to case."""
    allowed = {choice.upper(): choice for choice in choices}
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = allowed.get(raw.strip().upper())
    if value is None:
        raise ConfigError(f"{name} must be one of {', '.join(allowed.values())}, not {raw!r}")
    return value


def env_time_zone(name: str, default: str) -> str:
    """An IANA time zone name such as Asia/Tokyo."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        zoneinfo.ZoneInfo(raw.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name} must be a time zone name like Asia/Tokyo, not {raw!r}") from None
    return raw.strip()


def env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name) or default).expanduser().resolve()


@dataclass(frozen=True)
class DatabaseURL:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, str] | None = None

    def as_django(self) -> dict[str, Any]:
        settings: dict[str, Any] = {
            "ENGINE": self.engine,
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": self.port,
            "ATOMIC_REQUESTS": False,
            "CONN_MAX_AGE": 0,
            "OPTIONS": dict(self.options or {}),
        }
        if self.engine.endswith("sqlite3"):
            # WAL lets the web server and the worker read while the other writes.
            settings["OPTIONS"].setdefault(
                "init_command", "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;"
            )
            settings["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
        return settings


def parse_database_url(name: str, raw: str, *, base_dir: Path) -> DatabaseURL:
    """Parse ``sqlite:///relative/path``, ``sqlite:////abs/path`` or ``postgres://...``."""
    parsed = urlparse(raw)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parsed.path)
        if path in ("", "/"):
            raise ConfigError(f"{name} names no SQLite file: {raw!r}")
        if path == "/:memory:":
            return DatabaseURL("django.db.backends.sqlite3", ":memory:")
        # sqlite:///var/db.sqlite3 is relative; sqlite:////srv/db.sqlite3 is absolute.
        file_path = Path(path[1:])
        if not file_path.is_absolute():
            file_path = base_dir / file_path
        return DatabaseURL("django.db.backends.sqlite3", str(file_path))
    if scheme in ("postgres", "postgresql", "pgsql"):
        db_name = unquote(parsed.path.lstrip("/"))
        if not db_name:
            raise ConfigError(f"{name} names no PostgreSQL database: {raw!r}")
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        try:
            port = str(parsed.port or "")
        except ValueError:
            raise ConfigError(f"{name} has a malformed port: {raw!r}") from None
        return DatabaseURL(
            "django.db.backends.postgresql",
            db_name,
            user=unquote(parsed.username or ""),
            password=unquote(parsed.password or ""),
            host=unquote(parsed.hostname or ""),
            port=port,
            options=options,
        )
    raise ConfigError(
        f"{name} must start with sqlite:// or postgres://, not {raw.split(':', 1)[0]!r}"
    )
