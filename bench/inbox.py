"""Benchmark of the inbox: 200,000 communications over two frameworks on PostgreSQL.

    SSWBRIDGE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sswb_bench \\
        uv run python bench/inbox.py [--count 200000] [--requests 50] [--rebuild]

It migrates the database named by SSWBRIDGE_DATABASE_URL (PostgreSQL only; use a database of
its own), loads the demo accounts and frameworks, and bulk-creates the communications
(reused on the next run unless --rebuild, or unless their number differs). Then it measures,
in this process through Django's test client (server time: middleware, view, queries and
template; no network):

  * the inbox page, signed in with both factors as the Japanese contact point;
  * the filtered API list (/api/v1/exchange/inbox?folder=awaiting_answer&kind=inquiry) with
    that user's token;

each at page sizes 25 and 100: median and 95th percentile over --requests requests, and the
number of SQL queries of one request, which must not grow with the page size. Also, for
information: a text search through the API and the metrics dashboard. The last line printed
is one JSON object with the figures. Target: p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SUBJECT_PREFIX = "Bench #"
INTERMEDIARY_NOTE = "bench"
BATCH = 5000
TARGET_P95_MS = 100.0
PAGE_SIZES = (25, 100)
API_FILTER = {"folder": "awaiting_answer", "kind": "inquiry"}
SEARCH = "Bench broker 0042"


def _refuse(message: str) -> None:
    print(f"bench/inbox.py: {message}", file=sys.stderr)
    raise SystemExit(2)


def _setup() -> None:
    url = os.environ.get("SSWBRIDGE_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        _refuse(
            "SSWBRIDGE_DATABASE_URL must name a PostgreSQL database of its own, for example "
            "postgres://postgres@127.0.0.1:5432/sswb_bench (got: %r)" % (url or "nothing")
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sswbridge.settings")
    os.environ.setdefault("SSWBRIDGE_SECRET_KEY", secrets.token_urlsafe(50))
    # The API's rate limit still counts each request (its cost is measured), but a limit
    # meant for one client's minute must not refuse a benchmark's hundreds of requests.
    os.environ.setdefault("SSWBRIDGE_API_RATE_LIMIT", "1000000")
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _refuse("the configured database is not PostgreSQL")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


# Building the data ----------------------------------------------------------------------


def _kinds() -> list[tuple[str, int, dict[str, Any]]]:
    """(kind, weight, payload) of what the sides send each other most."""
    return [
        ("intermediary_share", 30, {"acts": ["penalty_contract", "unexplained_fees"]}),
        ("inquiry", 25, {}),
        ("general_notice", 20, {}),
        ("improper_activity_notice", 10, {}),
        ("exam_fraud_report", 5, {}),
        ("exam_cooperation_request", 10, {}),
    ]


def _bench_rows() -> Any:
    from sswbridge.exchange.models import Communication

    return Communication.objects.filter(subject__startswith=SUBJECT_PREFIX)


def _delete_bench_data() -> None:
    from django.db import transaction

    from sswbridge.intermediaries.models import Intermediary, IntermediaryMention, IntermediaryName

    with transaction.atomic():
        IntermediaryMention.objects.filter(
            communication__subject__startswith=SUBJECT_PREFIX
        )._raw_delete("default")
        _bench_rows()._raw_delete("default")
        bench_items = Intermediary.objects.filter(notes=INTERMEDIARY_NOTE)
        IntermediaryName.objects.filter(intermediary__in=bench_items)._raw_delete("default")
        bench_items._raw_delete("default")


def _intermediaries(rng: random.Random, count: int) -> dict[str, list[Any]]:
    """`count` intermediaries per framework, each with a Latin and a Cyrillic name."""
    from sswbridge.accounts.models import Agency
    from sswbridge.frameworks.models import Framework
    from sswbridge.intermediaries.models import Intermediary, IntermediaryName

    made: dict[str, list[Any]] = {}
    for code, agency_code in (("jp-kg", "kg-ceca"), ("jp-uz", "uz-aelm")):
        framework = Framework.objects.get(code=code)
        agency = Agency.objects.select_related("side").get(code=agency_code)
        items = [
            Intermediary(
                framework=framework,
                originator_side=agency.side,
                originator_agency=agency,
                marking="both" if rng.random() < 0.9 else "side",
                kind="corporation",
                country=agency.side.country,
                notes=INTERMEDIARY_NOTE,
            )
            for _n in range(count)
        ]
        Intermediary.objects.bulk_create(items, batch_size=BATCH)
        names = []
        for n, item in enumerate(items):
            names.append(
                IntermediaryName(
                    intermediary=item, value=f"Bench broker {n:04d} {code}", script="Latn"
                )
            )
            names.append(
                IntermediaryName(
                    intermediary=item, value=f"Бенч брокер {n:04d} {code}", script="Cyrl"
                )
            )
        IntermediaryName.objects.bulk_create(names, batch_size=BATCH)
        made[code] = items
    return made


def _build(count: int, seed: int = 20230101) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from sswbridge.accounts.models import User
    from sswbridge.exchange.models import Communication
    from sswbridge.frameworks.models import ContactPoint, Framework, Side, SideKind
    from sswbridge.intermediaries.models import IntermediaryMention

    rng = random.Random(seed)
    japan = Side.objects.get(kind=SideKind.JAPAN)
    frameworks = {f.code: f for f in Framework.objects.filter(code__in=["jp-kg", "jp-uz"])}
    senders = {
        "JP": User.objects.get(username="jp-contact"),
        "KG": User.objects.get(username="kg-contact"),
        "UZ": User.objects.get(username="uz-contact"),
    }
    contact = {
        (cp.framework_id, cp.side_id): cp.agency_id
        for cp in ContactPoint.objects.filter(framework__in=frameworks.values())
    }
    kinds = _kinds()
    weights = [w for _k, w, _p in kinds]
    now = timezone.now()
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        intermediaries = _intermediaries(rng, 1000)
        batch: list[Communication] = []
        mentions: list[IntermediaryMention] = []
        for n in range(count):
            code = "jp-kg" if rng.random() < 0.6 else "jp-uz"
            framework = frameworks[code]
            partner = framework.partner_side
            from_japan = rng.random() < 0.5
            origin, target = (japan, partner) if from_japan else (partner, japan)
            sender = senders[origin.code]
            kind, _weight, payload = rng.choices(kinds, weights=weights)[0]
            sent_at = now - dt.timedelta(seconds=rng.randint(3600, 3 * 365 * 86400))
            c = Communication(
                framework=framework,
                originator_side=origin,
                originator_agency_id=sender.agency_id,
                marking=rng.choices(["both", "side", "agency"], weights=[80, 15, 5])[0],
                sender_user=sender,
                recipient_side=target,
                recipient_agency_id=contact[(framework.pk, target.pk)],
                kind=kind,
                subject=f"{SUBJECT_PREFIX}{n:06d} {kind.replace('_', ' ')}",
                body=f"<p>Synthetic communication {n} for the inbox benchmark.</p>",
                payload=payload,
                status="sent",
                sent_at=sent_at,
                delivered_at=sent_at,
                created_at=sent_at,
                content_hash=f"{n:064x}",
            )
            if rng.random() < 0.9:
                c.first_opened_at = sent_at + dt.timedelta(minutes=rng.randint(5, 4000))
            if rng.random() < 0.85:
                c.acknowledged_at = sent_at + dt.timedelta(minutes=rng.randint(30, 10000))
            if kind in ("inquiry", "improper_activity_notice", "exam_cooperation_request"):
                c.due_date = (sent_at + dt.timedelta(days=14)).date()
                if c.due_date < today and rng.random() < 0.9:
                    c.answered_at = sent_at + dt.timedelta(hours=rng.randint(2, 400))
            batch.append(c)
            if kind == "intermediary_share" and rng.random() < 0.3:
                item = rng.choice(intermediaries[code])
                mentions.append(IntermediaryMention(intermediary=item, communication=c))
            if len(batch) >= BATCH:
                Communication.objects.bulk_create(batch)
                batch = []
                if n % 50_000 < BATCH:
                    print(f"  {n + 1:>7} communications", flush=True)
        Communication.objects.bulk_create(batch)
        IntermediaryMention.objects.bulk_create(mentions, batch_size=BATCH)
    # What autovacuum does to a table after a load of inserts: statistics for the planner and
    # the visibility map, without which no index-only scan (the counts) can skip the heap.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"built {count} communications in {time.perf_counter() - started:.0f} s", flush=True)


def prepare(count: int, rebuild: bool) -> int:
    from django.core.management import call_command

    from sswbridge.demo.loader import load_demo

    call_command("migrate", verbosity=0)
    load_demo()
    existing = _bench_rows().count()
    if existing == count and not rebuild:
        print(f"reusing the {existing} communications already built", flush=True)
        return existing
    if existing or rebuild:
        print("deleting the earlier benchmark data", flush=True)
        _delete_bench_data()
    _build(count)
    return _bench_rows().count()


# Measuring --------------------------------------------------------------------------------


def _signed_in_client(user: Any) -> Any:
    """As tests/factories.verified_client: both factors passed in this session."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id if device else ""
    session.save()
    return client


def _token_client(user: Any) -> Any:
    from django.test import Client

    from sswbridge.accounts.models import ApiToken

    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _measure(request: Callable[[], Any], requests: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _n in range(3):  # warm-up: caches, prepared plans
        response = request()
        if response.status_code != 200:
            _refuse(f"the request answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        request()
    queries = len(captured)  # now: the next request empties the log
    times = []
    for _n in range(requests):
        started = time.perf_counter()
        request()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
        "requests": requests,
    }


def measure(requests: int) -> dict[str, Any]:
    from django.urls import reverse

    from sswbridge.accounts.models import User
    from sswbridge.exchange.views import boxes

    user = User.objects.get(username="jp-contact")
    page_client = _signed_in_client(user)
    api_client = _token_client(user)
    inbox_url = reverse("exchange:inbox")
    figures: dict[str, Any] = {"inbox_page": {}, "api_list": {}}
    for size in PAGE_SIZES:
        boxes.PAGE_SIZE = size  # the page's size; the API takes `limit`
        figures["inbox_page"][str(size)] = _measure(
            lambda: page_client.get(inbox_url, secure=True), requests
        )
        params = {**API_FILTER, "limit": size}
        figures["api_list"][str(size)] = _measure(
            lambda params=params: api_client.get("/api/v1/exchange/inbox", params, secure=True),
            requests,
        )
    figures["api_search"] = _measure(
        lambda: api_client.get("/api/v1/exchange/inbox", {"q": SEARCH}, secure=True),
        max(10, requests // 5),
    )
    figures["metrics_page"] = _measure(
        lambda: page_client.get(reverse("exchange:metrics"), secure=True), max(10, requests // 5)
    )
    return figures


def _report(count: int, figures: dict[str, Any]) -> dict[str, Any]:
    print(f"\n{count} communications; server time in ms over the requests; SQL queries each")
    print(f"{'what':<34}{'median':>9}{'p95':>9}{'queries':>9}")
    rows = [(f"inbox page, {s} a page", figures["inbox_page"][str(s)]) for s in PAGE_SIZES]
    rows += [(f"API filtered list, limit {s}", figures["api_list"][str(s)]) for s in PAGE_SIZES]
    rows += [("API text search (info)", figures["api_search"])]
    rows += [("metrics dashboard (info)", figures["metrics_page"])]
    for label, f in rows:
        print(f"{label:<34}{f['median_ms']:>9}{f['p95_ms']:>9}{f['queries']:>9}")
    measured = [figures[k][str(s)] for k in ("inbox_page", "api_list") for s in PAGE_SIZES]
    p95_ok = all(f["p95_ms"] < TARGET_P95_MS for f in measured)
    flat = all(
        figures[k][str(PAGE_SIZES[0])]["queries"] == figures[k][str(PAGE_SIZES[-1])]["queries"]
        for k in ("inbox_page", "api_list")
    )
    print(f"target p95 < {TARGET_P95_MS:.0f} ms: {'met' if p95_ok else 'NOT met'}; ", end="")
    print(f"query count {'does not grow' if flat else 'GROWS'} with the page size")
    return {
        "communications": count,
        "frameworks": 2,
        **figures,
        "target_p95_ms": TARGET_P95_MS,
        "p95_target_met": p95_ok,
        "queries_flat": flat,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true", help="delete and rebuild the data")
    args = parser.parse_args(argv)
    _setup()
    count = prepare(args.count, args.rebuild)
    result = _report(count, measure(args.requests))
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
