"""Benchmark of the portal's downloads: 40,000 registered support organizations, served by the
real server to anonymous clients.

    uv run python bench/portal.py [--organizations 40000] [--requests 60] [--seconds 30]
                                  [--clients 8] [--plain]

It runs on a fresh SQLite database in a temporary directory, or on the database of
SSWBRIDGE_DATABASE_URL when that is set (use a database of its own). It loads the demo data,
imports --organizations support organizations for jp-kg (so the Kyrgyz portal publishes
them), then starts `sswbridge serve --no-worker` (gunicorn, SSWBRIDGE_WEB_CONCURRENCY
processes of SSWBRIDGE_WEB_THREADS threads, 2 and 2 by default) on a free port with its log
captured, and `sswbridge worker` beside it, and measures over HTTP:

  1. the first download of each format (CSV, XLSX, JSON): the web answers 503 with
     Retry-After while the worker builds the file; the time until it is served;
  2. --requests further downloads of each format, one at a time: median and p95.
     Target: p95 under 100 ms. Clients ask for gzip as browsers do (--plain: they do not;
     the uncompressed figures are printed too, for information);
  3. --clients anonymous clients downloading in a loop for --seconds, while one more client
     reads the other public pages (portal home, the list page, an organization's page,
     verify): median and p95 of those pages. Target: p95 under 500 ms, and no
     `WORKER TIMEOUT` in the server's log;
  4. the same load right after the list changed (a new import with one organization
     changed): the import queues the rebuild of the downloads asked for before
     (`publication/warmup.py`), and until the worker has built each new file the web
     answers 503 with Retry-After for it. For information, with the same page target.

Answers 429 (rate limit) and 503 (a download being prepared) are counted apart from errors;
any other 5xx, and any request that got no answer, is an error. The last line printed is
one JSON object with the figures. The bench and the server share this machine's cores, so
the figures include the bench's own load; they are noisier on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from serving import Server, Tally, figures, timed

FORMATS = ("csv", "xlsx", "json")
DOWNLOAD_TARGET_MS = 100.0
PAGE_TARGET_MS = 500.0
LIST = "/portal/kg/support-organizations/"


def _setup(workdir: Path) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sswbridge.settings")
    os.environ.setdefault("SSWBRIDGE_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("SSWBRIDGE_VAR_DIR", str(workdir))
    external = bool(os.environ.get("SSWBRIDGE_DATABASE_URL"))
    if not external:
        os.environ["SSWBRIDGE_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from sswbridge.demo.loader import load_demo

    load_demo()
    return f"{connection.vendor}{' (SSWBRIDGE_DATABASE_URL)' if external else ''}"


def _import(rows: list[dict[str, Any]], path: Path) -> float:
    from sswbridge.accounts.models import User
    from sswbridge.frameworks.models import Framework
    from sswbridge.support import samples, services

    samples.write_list(path, rows, edition="en")
    started = time.perf_counter()
    record = services.import_file(
        actor=User.objects.get(username="jp-registrar"),
        framework=Framework.objects.get(code="jp-kg"),
        path=path,
    )
    seconds = time.perf_counter() - started
    print(
        f"import of {record.rows_total} organizations: {seconds:.1f} s "
        f"(added {record.added}, removed {record.removed}, changed {record.changed})"
    )
    return seconds


def _first_downloads(server: Server, headers: dict[str, str]) -> dict[str, Any]:
    """Ask for each format until it is served (the worker builds it meanwhile)."""
    out = {}
    for fmt in FORMATS:
        tally = Tally()
        started = time.perf_counter()
        while time.perf_counter() - started < 600:
            answer = timed(tally, fmt, f"{server.base}{LIST}?format={fmt}", headers=headers)
            if answer is not None and answer.status != 503:
                break
            time.sleep(0.5)
        if answer is None or answer.status != 200:
            raise SystemExit(f"the first {fmt} download failed: {tally.report()}")
        ready = (time.perf_counter() - started) * 1000
        waits = tally.count(fmt, lambda s: s == 503)
        out[fmt] = {"ready_ms": round(ready), "answers_503": waits, "bytes_sent": answer.size}
        print(
            f"first {fmt:>4} download: served after {ready:8.0f} ms ({waits} answers 503 while "
            f"the worker built it), {answer.size:,} B sent"
        )
    return out


def _repeat_downloads(server: Server, requests: int, headers: dict[str, str]) -> dict[str, Any]:
    out = {}
    for fmt in FORMATS:
        tally = Tally()
        sizes = set()
        for _n in range(requests):
            answer = timed(tally, fmt, f"{server.base}{LIST}?format={fmt}", headers=headers)
            sizes.add(answer.size if answer else 0)
        out[fmt] = {**tally.report()[fmt], "bytes_sent": max(sizes)}
        got = out[fmt]
        print(
            f"later {fmt:>4} downloads: median {got['median_ms']:6.1f} ms, "
            f"p95 {got['p95_ms']:6.1f} ms over {got['requests']}, {got['bytes_sent']:,} B sent"
        )
    return out


def _pages(numbers: list[str]) -> list[tuple[str, str]]:
    number = quote(random.choice(numbers))
    return [
        ("portal home", "/portal/kg/"),
        ("list page", LIST),
        ("organization page", f"{LIST}{number}/"),
        ("verify", f"/portal/kg/verify/?q={number}"),
    ]


def _under_load(
    server: Server, clients: int, seconds: float, numbers: list[str], headers: dict[str, str]
) -> Tally:
    """`clients` downloaders in a loop, and one reader of other pages, for `seconds`."""
    tally = Tally()
    stop = time.monotonic() + seconds

    def download(n: int) -> None:
        while time.monotonic() < stop:
            fmt = FORMATS[n % len(FORMATS)]
            url = f"{server.base}{LIST}?format={fmt}"
            answer = timed(tally, f"download {fmt}", url, headers=headers)
            if answer is not None and answer.status == 503:
                time.sleep(1)  # what a well-behaved client does with Retry-After, sooner
            n += 1

    def read_pages() -> None:
        while time.monotonic() < stop:
            for kind, path in _pages(numbers):
                timed(tally, kind, server.base + path)

    threads = [threading.Thread(target=download, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=read_pages))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def _load_figures(tally: Tally, label: str) -> dict[str, Any]:
    report = tally.report()
    pages = [ms for kind, times in tally.times.items() if "download" not in kind for ms in times]
    page_figures = figures(pages)
    downloads = [ms for kind, times in tally.times.items() if "download" in kind for ms in times]
    out = {
        "by_kind": report,
        "pages": page_figures,
        "downloads": figures(downloads),
        "errors_5xx": tally.count(None, lambda s: s >= 500 and s != 503),
        "busy_503": tally.count(None, lambda s: s == 503),
        "rate_limited_429": tally.count(None, lambda s: s == 429),
        "no_answer": sum(tally.failures.values()),
    }
    print(f"{label}:")
    for kind, got in report.items():
        timing = (
            f"median {got['median_ms']:7.1f} ms, p95 {got['p95_ms']:7.1f} ms"
            if got.get("requests")
            else "no successful answer"
        )
        print(f"  {kind:>18}: {timing}; statuses {got['statuses']}, no answer {got['no_answer']}")
    print(
        f"  other pages together: p95 {page_figures.get('p95_ms')} ms over "
        f"{page_figures['requests']}; 5xx {out['errors_5xx']}, 503 busy {out['busy_503']}, "
        f"429 {out['rate_limited_429']}, no answer {out['no_answer']}"
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organizations", type=int, default=40_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--plain", action="store_true", help="downloads without gzip")
    args = parser.parse_args()
    headers = {} if args.plain else {"Accept-Encoding": "gzip"}
    with tempfile.TemporaryDirectory(prefix="sswb-portal-") as tmp:
        workdir = Path(tmp)
        database = _setup(workdir)
        from sswbridge.support import samples

        rows = samples.make_rows(args.organizations)
        import_seconds = _import(rows, workdir / "list.xlsx")
        numbers = [r["registration_number"] for r in rows[:: max(len(rows) // 200, 1)]]
        env = {k: v for k, v in os.environ.items() if k.startswith("SSWBRIDGE_")}
        with Server(env, workdir / "server.log", worker=True) as server:
            print(f"database {database}; server {server.base}, log {server.log}")
            first = _first_downloads(server, headers)
            repeated = _repeat_downloads(server, args.requests, headers)
            print("for information, without gzip:")
            plain = _repeat_downloads(server, max(args.requests // 3, 5), {})
            steady = _load_figures(
                _under_load(server, args.clients, args.seconds, numbers, headers),
                f"{args.clients} clients downloading for {args.seconds:g} s",
            )
            changed = [dict(r) for r in rows]
            changed[0]["address"] = "1-1-1 Kasumigaseki, Chiyoda-ku, Tokyo (moved)"
            _import(changed, workdir / "list-changed.xlsx")
            after_change = _load_figures(
                _under_load(server, args.clients, args.seconds, numbers, headers),
                "the same right after the list changed (no file built yet)",
            )
            timeouts = server.worker_timeouts()
        print(f"WORKER TIMEOUT lines in the server's log: {timeouts}")
        download_p95 = max(repeated[fmt]["p95_ms"] for fmt in FORMATS)
        met = (
            download_p95 < DOWNLOAD_TARGET_MS
            and steady["pages"].get("p95_ms", 1e9) < PAGE_TARGET_MS
            and steady["errors_5xx"] == 0
            and steady["no_answer"] == 0
            and timeouts == 0
        )
        print(
            f"targets: later downloads p95 < {DOWNLOAD_TARGET_MS:g} ms "
            f"(got {download_p95:g}), other pages under load p95 < {PAGE_TARGET_MS:g} ms "
            f"(got {steady['pages'].get('p95_ms')}), no 5xx, no worker timeout: "
            f"{'met' if met else 'NOT met'}"
        )
        summary = {
            "bench": "portal",
            "database": database,
            "organizations": args.organizations,
            "web_workers": int(os.environ.get("SSWBRIDGE_WEB_CONCURRENCY", "2")),
            "cpus": os.cpu_count(),
            "import_seconds": round(import_seconds, 1),
            "first_download": first,
            "gzip": not args.plain,
            "later_downloads": repeated,
            "later_downloads_without_gzip": plain,
            "under_load": steady,
            "after_change": after_change,
            "worker_timeouts": timeouts,
            "targets": {"download_p95_ms": DOWNLOAD_TARGET_MS, "page_p95_ms": PAGE_TARGET_MS},
            "targets_met": met,
        }
        print(json.dumps(summary))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
