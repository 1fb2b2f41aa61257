"""`sswbridge serve` and `sswbridge worker`, run for real in subprocesses."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers.ops import SSWBRIDGE, clean_env, free_port, process_alive, run
from tests.helpers.smtp import smtp_server

SECRET = "a-long-random-secret-for-tests-only-0123456789-abcdefghijklmnop"


def test_serve_refuses_without_a_secret_key(tmp_path: Path) -> None:
    result = run(["serve", "--bind", f"127.0.0.1:{free_port()}"], clean_env(tmp_path), tmp_path)
    assert result.returncode != 0 and "SSWBRIDGE_SECRET_KEY is empty" in result.stderr


def test_serve_refuses_debug_for_hosts_beyond_this_machine(tmp_path: Path) -> None:
    env = clean_env(
        tmp_path,
        SSWBRIDGE_SECRET_KEY=SECRET,
        SSWBRIDGE_DEBUG="true",
        SSWBRIDGE_ALLOWED_HOSTS="127.0.0.1,bridge.example.go.jp",
    )
    result = run(["serve", "--bind", f"127.0.0.1:{free_port()}"], env, tmp_path)
    assert result.returncode != 0 and "bridge.example.go.jp" in result.stderr
    assert "SSWBRIDGE_DEBUG" in result.stderr


def test_serve_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    env = clean_env(tmp_path, SSWBRIDGE_SECRET_KEY=SECRET)
    result = run(["serve", "--bind", f"127.0.0.1:{free_port()}"], env, tmp_path)
    assert result.returncode != 0 and "sswbridge migrate" in result.stderr


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_for(url: str, deadline: float) -> int:
    while time.monotonic() < deadline:
        try:
            return _get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in time")


class Output:
    """Collects a child's output in a thread, so its pipe never fills up."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stdout is not None
        stream = process.stdout
        self.thread = threading.Thread(target=lambda: self.lines.extend(stream), daemon=True)
        self.thread.start()

    @property
    def text(self) -> str:
        return "".join(self.lines)


def test_serve_demo_answers_lists_the_accounts_and_stops_its_worker(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in clean_env(tmp_path).items() if k != "SSWBRIDGE_VAR_DIR"}
    process = subprocess.Popen(
        [*SSWBRIDGE, "serve", "--demo", "--bind", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = Output(process)
    try:
        # Issue 2: "answers on / and on the sign-in page within a minute" (migrations, demo
        # data and gunicorn's start from nothing).
        deadline = time.monotonic() + 60
        home = _wait_for(f"http://127.0.0.1:{port}/", deadline)
        login = _wait_for(f"http://127.0.0.1:{port}/accounts/login/", deadline)
        # The API's rate limit counts in the database cache, whose table `migrate` creates.
        api = _get(f"http://127.0.0.1:{port}/api/v1/frameworks")
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=20)
        output.thread.join(timeout=5)
    worker = re.search(r"worker started \(pid (\d+)\)", output.text, re.IGNORECASE)
    assert (home, login < 500, api) == (200, True, 401), output.text
    assert "kg-contact" in output.text and "uz-auditor" in output.text
    assert (tmp_path / "var" / "sswbridge.sqlite3").exists()
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o777 == 0o600
    assert exit_code == 0
    assert worker is not None and not process_alive(int(worker.group(1)))


@pytest.fixture
def migrated(tmp_path: Path) -> dict[str, str]:
    env = clean_env(tmp_path, SSWBRIDGE_SECRET_KEY=SECRET)
    assert run(["migrate", "-v0"], env, tmp_path).returncode == 0
    assert run(["keys", "generate"], env, tmp_path).returncode == 0  # serve and worker need it
    return env


def _served_while_a_client_stalls(migrated: dict[str, str], tmp_path: Path, threads: str) -> int:
    """One web process; a client sends half a request and waits; another asks for a page."""
    port = free_port()
    env = {
        **migrated,
        "SSWBRIDGE_HTTPS": "false",  # plain HTTP on the loopback, no redirect
        "SSWBRIDGE_WEB_CONCURRENCY": "1",
        "SSWBRIDGE_WEB_THREADS": threads,
    }
    process = subprocess.Popen(
        [*SSWBRIDGE, "serve", "--no-worker", "--bind", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = Output(process)
    try:
        url = f"http://127.0.0.1:{port}/accounts/login/"
        assert _wait_for(url, time.monotonic() + 60) == 200, output.text
        with socket.create_connection(("127.0.0.1", port)) as stalled:
            stalled.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            time.sleep(0.5)
            try:
                return _get(url)
            except (urllib.error.URLError, TimeoutError):
                return 0
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
        output.thread.join(timeout=5)


def test_a_stalled_client_does_not_hold_up_other_pages(
    tmp_path: Path, migrated: dict[str, str]
) -> None:
    assert _served_while_a_client_stalls(migrated, tmp_path, threads="2") == 200


def test_with_one_thread_a_stalled_client_holds_up_its_process(
    tmp_path: Path, migrated: dict[str, str]
) -> None:
    """The case the threads are for (gunicorn's sync worker reads one request at a time)."""
    assert _served_while_a_client_stalls(migrated, tmp_path, threads="1") == 0


def test_worker_delivers_mail_queued_by_another_process_and_stops_on_sigterm(
    tmp_path: Path, migrated: dict[str, str]
) -> None:
    queue = (
        "from sswbridge.core.jobs import enqueue; "
        "enqueue('send_mail', {'to': 'cp@isa.example.jp', 'subject': 'Receipt', 'body': 'ok'})"
    )
    assert run(["shell", "-c", queue], migrated, tmp_path).returncode == 0
    with smtp_server() as (inbox, port):
        env = {**migrated, "SSWBRIDGE_EMAIL_HOST": "127.0.0.1", "SSWBRIDGE_EMAIL_PORT": str(port)}
        worker = subprocess.Popen(
            [*SSWBRIDGE, "worker", "--poll-seconds", "1"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = Output(worker)
        deadline = time.monotonic() + 20
        while not inbox.messages and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        worker.send_signal(signal.SIGTERM)
        exit_code = worker.wait(timeout=15)
        output.thread.join(timeout=5)
    assert [m["Subject"] for m in inbox.messages] == ["Receipt"], output.text
    assert exit_code == 0 and "worker stopped" in output.text


def test_worker_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = run(["worker"], clean_env(tmp_path, SSWBRIDGE_SECRET_KEY=SECRET), tmp_path)
    assert result.returncode != 0 and "sswbridge migrate" in result.stderr
