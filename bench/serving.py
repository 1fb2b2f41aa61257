"""What bench/portal.py and bench/load.py share: the real server in a subprocess, timed HTTP
requests and their figures.

The server is `sswbridge serve --no-worker` (gunicorn, SSWBRIDGE_WEB_CONCURRENCY processes,
2 by default, of SSWBRIDGE_WEB_THREADS threads, 2 by default) on a free local port. Its
output goes to a log file, in which the benches count `WORKER TIMEOUT` lines. The rate
limits are raised (not turned off) through their variables, so that they still count each
request but do not refuse a benchmark's thousands; a 429 is still counted, apart from
errors.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

HIGH_LIMIT = "1000000"
RAISED_LIMITS = {
    "SSWBRIDGE_PUBLIC_RATE_LIMIT": HIGH_LIMIT,
    "SSWBRIDGE_API_RATE_LIMIT": HIGH_LIMIT,
    "SSWBRIDGE_SIGNIN_RATE_LIMIT": HIGH_LIMIT,
    "SSWBRIDGE_SIGNIN_IP_RATE_LIMIT": HIGH_LIMIT,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """`sswbridge serve --no-worker` in a subprocess, for the duration of a `with` block."""

    def __init__(
        self, env: dict[str, str], log: Path, *, worker: bool = False, startup_seconds: float = 90
    ) -> None:
        self.port = free_port()
        self.with_worker = worker
        self.worker: subprocess.Popen[bytes] | None = None
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **RAISED_LIMITS, "SSWBRIDGE_HTTPS": "false", **env}
        self.log = log
        self.startup_seconds = startup_seconds
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        out = self.log.open("wb")
        if self.with_worker:  # the background worker as its own service, as in production
            self.worker = subprocess.Popen(
                [sys.executable, "-m", "sswbridge", "worker", "--poll-seconds", "1"],
                env=self.env,
                stdout=self.log.with_suffix(".worker.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sswbridge", "serve", "--no-worker", "--bind", self.base[7:]],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped at start:\n{self.log.read_text()}")
            try:
                fetch(self.base + "/", timeout=5)
                return self
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"the server did not answer in time:\n{self.log.read_text()}")

    def __exit__(self, *exc: object) -> None:
        for process in (self.process, self.worker):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def worker_timeouts(self) -> int:
        return self.log.read_text(errors="replace").count("WORKER TIMEOUT")


class Answer:
    def __init__(self, status: int, ms: float, body: bytes, headers: dict[str, str]) -> None:
        self.status, self.ms, self.body, self.headers = status, ms, body, headers
        self.size = len(body)


def fetch(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    body: dict[str, Any] | None = None,
    timeout: float = 120,
) -> Answer:
    """One request on a new connection; the whole body is read before the clock stops."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            got_body = response.read()
            status = response.status
            got = dict(response.headers.items())
    except urllib.error.HTTPError as error:
        got_body = error.read()
        status = error.code
        got = dict(error.headers.items())
    return Answer(status, (time.perf_counter() - started) * 1000, got_body, got)


def figures(times: list[float]) -> dict[str, Any]:
    """Count, median, 95th percentile and maximum of times in milliseconds."""
    if not times:
        return {"requests": 0}
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return {
        "requests": len(ordered),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ordered[-1], 1),
    }


class Tally:
    """Answers by kind of request, from many threads: times of the good ones, and the count
    of 5xx, of 429 and of failures to answer at all (timeouts, refused connections)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.failures: dict[str, int] = defaultdict(int)

    def add(self, kind: str, answer: Answer | None) -> None:
        with self.lock:
            if answer is None:
                self.failures[kind] += 1
                return
            self.statuses[kind][answer.status] += 1
            if answer.status < 400:
                self.times[kind].append(answer.ms)

    def count(self, kind: str | None, test: Any) -> int:
        kinds = [kind] if kind else list(self.statuses)
        return sum(n for k in kinds for s, n in self.statuses[k].items() if test(s))

    def report(self) -> dict[str, Any]:
        out = {}
        for kind in sorted(set(self.statuses) | set(self.failures)):
            out[kind] = {
                **figures(self.times[kind]),
                "statuses": {str(s): n for s, n in sorted(self.statuses[kind].items())},
                "no_answer": self.failures[kind],
            }
        return out


def timed(tally: Tally, kind: str, url: str, **options: Any) -> Answer | None:
    try:
        answer = fetch(url, **options)
    except OSError:
        tally.add(kind, None)
        return None
    tally.add(kind, answer)
    return answer
