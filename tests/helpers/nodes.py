"""A second node in a test: a real `sswbridge serve` process with its own database and node key
under a temporary directory. Its database is a SQLite file, or a PostgreSQL database of its own
on the test server when the suite runs on PostgreSQL (SSWBRIDGE_TEST_DATABASE_URL)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.helpers.ops import SSWBRIDGE, clean_env, free_port, run

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


def kyrgyz_node(folder: Path, japan_url: str, japan_key: str) -> Node:
    """The Kyrgyz node, set up (migrated, its key made, Japan registered as its peer at
    `japan_url` with `japan_key`) but not started: see `serving`."""
    folder.mkdir()
    env = clean_env(
        folder,
        SSWBRIDGE_SECRET_KEY=SECRET,
        SSWBRIDGE_HTTPS="false",
        SSWBRIDGE_HOSTED_SIDES="jp-kg:kg",
        SSWBRIDGE_DATABASE_URL=node_database(folder),
        SSWBRIDGE_NODE_KEY_FILE=str(folder / "node_key.pem"),
        SSWBRIDGE_CHECKPOINT_DIR=str(folder / "checkpoints"),
        SSWBRIDGE_WEB_CONCURRENCY="1",
        SSWBRIDGE_FEDERATION_DELIVER_ON_COMMIT="true",
    )
    node = Node(folder, env, free_port())
    node.command("migrate", "-v0")
    node.command("keys", "generate")
    node.command(
        "peer", "add", "--framework", "jp-kg", "--side", "jp", "--url", japan_url,
        "--key", japan_key,
    )  # fmt: skip
    return node


@contextmanager
def serving(node: Node) -> Iterator[subprocess.Popen[bytes]]:
    """The node's `sswbridge serve` (no worker: delivery starts on commit), until it answers;
    stopped and its database dropped on the way out."""
    process = subprocess.Popen(
        [*SSWBRIDGE, "serve", "--no-worker", "--bind", f"127.0.0.1:{node.port}"],
        cwd=node.folder,
        env=node.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{node.url}/accounts/login/", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline and process.poll() is None, "no node"
                time.sleep(0.3)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        node.drop()
