"""A second node in a test: a real `sswbridge serve` process with its own database and node key
under a temporary directory. Its database is a SQLite file, or a PostgreSQL database of its own
on the test server when the suite runs on PostgreSQL (SSWBRIDGE_TEST_DATABASE_URL)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.helpers.ops import run

SECRET = "a-long-random-secret-for-tests-only-0123456789-abcdefghijklmnop"


def node_database(folder: Path) -> str:
    """The second node's database URL: a new PostgreSQL database beside the test database, or
    a SQLite file."""
    test_url = os.environ.get("SSWBRIDGE_TEST_DATABASE_URL", "")
    if not test_url.startswith("postgres"):
        return f"sqlite:///{folder / 'node.sqlite3'}"
    import psycopg

    # One database per node started: xdist workers run two-node tests at the same time.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{urlsplit(test_url).path.lstrip('/')}_node_{worker}_{uuid.uuid4().hex[:8]}"
    server = urlunsplit(urlsplit(test_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(test_url)._replace(path=f"/{name}"))


class Node:
    def __init__(self, folder: Path, env: dict[str, str], port: int) -> None:
        self.folder, self.env, self.port = folder, env, port
        self.url = f"http://127.0.0.1:{port}"
        self.database = env["SSWBRIDGE_DATABASE_URL"]

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = run(list(args), self.env, self.folder, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if self.database.startswith("sqlite"):
            with sqlite3.connect(self.database.removeprefix("sqlite:///")) as db:
                return db.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.database) as db:
            return db.execute(sql).fetchall()  # type: ignore[arg-type]

    def drop(self) -> None:
        """A PostgreSQL database of the node goes with it (a SQLite file with its folder)."""
        if self.database.startswith("postgres"):
            import psycopg

            parts = urlsplit(self.database)
            server = urlunsplit(parts._replace(path="/postgres"))
            with psycopg.connect(server, autocommit=True) as db:
                name = parts.path.lstrip("/")
                # WITH (FORCE): a stopped server's last connection may still be closing.
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]

    def refusals(self) -> list[str]:
        rows = self.query(
            "SELECT changes FROM audit_auditentry WHERE action = 'federation.refused' ORDER BY seq"
        )
        return [as_json(changes)["code"] for (changes,) in rows]


def as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value
