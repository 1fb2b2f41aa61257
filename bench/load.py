"""Load benchmark: officers and anonymous visitors at once, on PostgreSQL with the demo data.

    createdb -h 127.0.0.1 -U postgres sswb_load
    SSWBRIDGE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sswb_load \\
        uv run python bench/load.py [--clients 20] [--seconds 60] [--officers 10]

It migrates the database named by SSWBRIDGE_DATABASE_URL (PostgreSQL only; use a database of
its own), loads the demo data where it is missing (as `sswbridge demo` does), gives each
officer client an API token of its own, and starts the real server (`sswbridge serve
--no-worker`, gunicorn with SSWBRIDGE_WEB_CONCURRENCY processes of SSWBRIDGE_WEB_THREADS
threads, 2 and 2 by default) and `sswbridge worker` on a free port, their logs captured.
Then --clients clients run for --seconds:

  * --officers of them with a token each, in turn: their inbox, one communication of it,
    and every third round an inquiry sent to the other side (jp-kg);
  * the others anonymous, in turn: the Kyrgyz portal's home, verify, search, and the public
    API's verify.

Each client sends its next request as soon as the last one is answered.

The model: a closed loop with no think time. There are always --clients requests in the
server (or on their way), so this is a saturation test, not 20 people at their desks: by
Little's law a closed loop of N clients gives latency = N / throughput once the server is
the bottleneck, and as the p95 here is about twice the median, it can only fall below
500 ms if the machine serves more than about 20 / 0.25 = 80 requests a second, some 25 ms
of CPU a request for the server, PostgreSQL and the bench's own clients together on 2 cores
(one client alone measures 90-220 ms a request, while its own CPU in the application is
12-33 ms). A person
reading a page between clicks (think time Z of 10 s or more) loads the server
throughput × (latency + Z) times less: the throughput measured here, held at 0.5 s a
request, is what 20 such people could never reach (they ask for at most 20 / 10.5 ≈ 2
requests a second). The figures are therefore the server's capacity and its latency at
saturation; they are reported as measured, and no think time is added to them. Before the load, one
officer and one visitor alone make --solo rounds, so that the time of a request without
waiting for a free web process shows beside its time under load. It prints the
throughput, the median and p95 of each kind of request, the count of 5xx, of 429 (rate
limit; the limits are raised through their variables so that they count but do not refuse)
and of requests that got no answer, and the `WORKER TIMEOUT` lines of the server's log. The
last line printed is one JSON object with the figures. Target on a 2-core machine: no 5xx
and p95 under 500 ms for every kind. The bench's own clients run on the same cores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from serving import Server, Tally, figures, timed

TARGET_P95_MS = 500.0
# Demo users who read and send in jp-kg, each client with a token of its own.
OFFICERS = ("jp-contact", "kg-contact", "jp-officer", "kg-officer")
TOKEN_NAME = "bench-load"
SEARCHES = ("Ala-Too", "sakura", "Bishkek", "Osmonov", "labour")


def _refuse(message: str) -> None:
    print(f"bench/load.py: {message}", file=sys.stderr)
    raise SystemExit(2)


def _setup(workdir: Path) -> None:
    url = os.environ.get("SSWBRIDGE_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        _refuse(
            "SSWBRIDGE_DATABASE_URL must name a PostgreSQL database of its own, for example "
            "postgres://postgres@127.0.0.1:5432/sswb_load (got: %r)" % (url or "nothing")
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sswbridge.settings")
    os.environ.setdefault("SSWBRIDGE_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("SSWBRIDGE_VAR_DIR", str(workdir))
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _refuse("the configured database is not PostgreSQL")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sswbridge.demo.loader import load_demo

    load_demo()


def _tokens(count: int) -> list[str]:
    """A fresh token for each officer client; those of an earlier run are revoked."""
    from django.utils import timezone

    from sswbridge.accounts.models import ApiToken, User

    ApiToken.objects.filter(name=TOKEN_NAME, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    users = itertools.cycle(User.objects.get(username=name) for name in OFFICERS)
    raws = []
    for _n in range(count):
        raw, fields = ApiToken.generate()
        ApiToken.objects.create(user=next(users), name=TOKEN_NAME, **fields)
        raws.append(raw)
    return raws


def _officer(
    base: str, token: str, tally: Tally, stop: float, n: int, rounds: int | None = None
) -> None:
    auth = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    api = f"{base}/api/v1/exchange"
    for round_ in itertools.count():
        if time.monotonic() >= stop or round_ == rounds:
            return
        answer = timed(tally, "officer inbox", f"{api}/inbox?limit=25", headers=auth)
        first = None
        if answer is not None and answer.status == 200:
            items = json.loads(answer.body).get("items") or []
            first = items[round_ % len(items)]["id"] if items else None
        if first is not None and time.monotonic() < stop:
            timed(tally, "officer read", f"{api}/communications/{first}", headers=auth)
        if round_ % 3 == n % 3 and time.monotonic() < stop:
            inquiry = {
                "framework": "jp-kg",
                "kind": "inquiry",
                "subject": f"Load bench inquiry {n}-{round_}",
                "body": "Please confirm the placement of the worker named in the attachment.",
                "send": True,
            }
            timed(
                tally, "officer send inquiry", f"{api}/communications", headers=auth, body=inquiry
            )


def _visitor(base: str, tally: Tally, stop: float, n: int, rounds: int | None = None) -> None:
    for round_ in itertools.count():
        if round_ == rounds:
            return
        words = SEARCHES[(n + round_) % len(SEARCHES)]
        for kind, path in (
            ("portal home", "/portal/kg/"),
            ("portal verify", f"/portal/kg/verify/?q={words}"),
            ("portal search", f"/portal/kg/search/?q={words}"),
            ("public API verify", f"/api/v1/public/kg/verify?q={words}"),
        ):
            if time.monotonic() >= stop:
                return
            timed(tally, kind, base + path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--solo", type=int, default=5, help="rounds of one client alone first")
    args = parser.parse_args()
    if not 0 < args.officers <= args.clients:
        _refuse("--officers must be between 1 and --clients")
    with tempfile.TemporaryDirectory(prefix="sswb-load-") as tmp:
        workdir = Path(tmp)
        _setup(workdir)
        tokens = _tokens(args.officers)
        env = {k: v for k, v in os.environ.items() if k.startswith("SSWBRIDGE_")}
        tally = Tally()
        with Server(env, workdir / "server.log", worker=True) as server:
            print(
                f"server {server.base}: {args.officers} officers and "
                f"{args.clients - args.officers} anonymous visitors for {args.seconds:g} s"
            )
            solo = Tally()
            _officer(server.base, tokens[0], solo, time.monotonic() + 3600, 0, args.solo)
            _visitor(server.base, solo, time.monotonic() + 3600, 0, args.solo)
            alone = solo.report()
            print("one client alone:")
            for kind, got in alone.items():
                print(f"  {kind:>21}: p50 {got.get('median_ms')} ms; statuses {got['statuses']}")
            stop = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=_officer, args=(server.base, token, tally, stop, n))
                for n, token in enumerate(tokens)
            ] + [
                threading.Thread(target=_visitor, args=(server.base, tally, stop, n))
                for n in range(args.clients - args.officers)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            timeouts = server.worker_timeouts()
            log = server.log.read_text(errors="replace")
        report = tally.report()
        answered = sum(sum(k["statuses"].values()) for k in report.values())
        errors = tally.count(None, lambda s: s >= 500)
        limited = tally.count(None, lambda s: s == 429)
        no_answer = sum(tally.failures.values())
        every = figures([ms for times in tally.times.values() for ms in times])
        print(f"throughput: {answered / elapsed:.1f} requests/s ({answered} in {elapsed:.1f} s)")
        for kind, got in report.items():
            timing = (
                f"p50 {got['median_ms']:7.1f} ms, p95 {got['p95_ms']:7.1f} ms"
                if got.get("requests")
                else "no successful answer"
            )
            print(f"  {kind:>21}: {timing}; statuses {got['statuses']}")
        print(
            f"5xx: {errors}; 429: {limited}; no answer: {no_answer}; "
            f"WORKER TIMEOUT in the log: {timeouts}"
        )
        for marker in ("DeadlockDetected", "deadlock detected", "Traceback"):
            if marker in log:
                print(f"the server's log holds {log.count(marker)} × {marker!r}")
        worst = max((got.get("p95_ms", 0.0) for got in report.values()), default=0.0)
        met = errors == 0 and no_answer == 0 and worst < TARGET_P95_MS
        print(
            f"target: no 5xx and every p95 < {TARGET_P95_MS:g} ms (worst {worst:g}): "
            f"{'met' if met else 'NOT met'}"
        )
        summary = {
            "bench": "load",
            "database": "postgresql",
            "clients": args.clients,
            "officers": args.officers,
            "seconds": round(elapsed, 1),
            "web_workers": int(os.environ.get("SSWBRIDGE_WEB_CONCURRENCY", "2")),
            "web_threads": int(os.environ.get("SSWBRIDGE_WEB_THREADS", "2")),
            "cpus": os.cpu_count(),
            "throughput_rps": round(answered / elapsed, 1),
            "all": every,
            "by_kind": report,
            "one_client_alone": alone,
            "errors_5xx": errors,
            "rate_limited_429": limited,
            "no_answer": no_answer,
            "worker_timeouts": timeouts,
            "target_p95_ms": TARGET_P95_MS,
            "target_met": met,
        }
        print(json.dumps(summary))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
