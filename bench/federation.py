"""Benchmark of the federation: two nodes on the loopback deliver communications while the
link between them is cut once (issue 14, point 11).

    uv run python bench/federation.py [--count 5000] [--cut-seconds 30] [--database sqlite|postgres]

It makes two nodes under a temporary folder, each with its own database (SQLite files, or
PostgreSQL databases named after SSWBRIDGE_TEST_DATABASE_URL's, default
postgres://postgres@127.0.0.1:5432/sswb_bench, dropped at the end) and node key: Japan's
(this process, which sends, with its `sswbridge worker` beside it) and the Kyrgyz node (a
`sswbridge serve` process), registered as each other's peers. Japan reaches the Kyrgyz node
through a TCP proxy (tests/helpers/proxy.py) that cuts the link.

1. Link up: 40 % of the communications are sent, one in ten with a file.
2. Link cut for --cut-seconds: sending goes on (they stay queued).
3. Link restored: the backlog drains; `envelopes_per_s` is that backlog over the time it
   took to deliver (delivery with the link up, at full speed).
4. Link up: the rest is sent.

Throughout, tampered envelopes (a body changed after signing, a visible value changed under
a fresh signature) and replayed requests (a signed request that was accepted, sent again)
are posted to the Kyrgyz node: `tampered_accepted` and `replayed_accepted` count those it
took. `p95_delivery_ms`: from the envelope's commit on Japan's node to its storing on the
Kyrgyz node (the receipt's time), over the communications of steps 1 and 4. At the end the
Kyrgyz database is read: `delivered` (stored once), `lost`, `duplicated` (a communication
received more than once) and whether it arrived in the order of its numbers. The last line
printed is one JSON object. Targets: lost, duplicated, tampered_accepted and
replayed_accepted 0; envelopes_per_s >= 100; p95_delivery_ms < 2000.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.helpers import node_processes as nodes  # noqa: E402
from tests.helpers.nodes import Node  # noqa: E402
from tests.helpers.proxy import Proxy  # noqa: E402

PASSWORD = "bench officer password 42 long enough"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
TARGETS = {"envelopes_per_s": 100.0, "p95_delivery_ms": 2000.0}
SETTINGS = {
    "SSWBRIDGE_FEDERATION_DELIVER_ON_COMMIT": "true",
    "SSWBRIDGE_FEDERATION_POLL_SECONDS": "1",
    "SSWBRIDGE_WORKER_POLL_SECONDS": "1",
    "SSWBRIDGE_FEDERATION_BACKOFF_SECONDS": "1",
    "SSWBRIDGE_FEDERATION_BACKOFF_MAX_SECONDS": "2",
    "SSWBRIDGE_FEDERATION_LEASE_SECONDS": "30",
    "SSWBRIDGE_FEDERATION_TIMEOUT_SECONDS": "30",
    "SSWBRIDGE_API_RATE_LIMIT": "1000000",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Sender:
    """Japan's node in this process: sends communications through the exchange's service."""

    def __init__(self) -> None:
        from sswbridge.accounts.models import User
        from sswbridge.frameworks.models import Framework

        self.officer = User.objects.get(username="jp_officer")
        self.framework = Framework.objects.get(code="jp-kg")
        self.sent: list[str] = []
        self.timed: set[str] = set()  # those whose delivery time counts (link up)

    def send(self, n: int, *, timed: bool) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from sswbridge.exchange import services as exchange

        files = [SimpleUploadedFile(f"n{n}.pdf", PDF, "application/pdf")] if n % 10 == 0 else []
        c = exchange.send_new(
            actor=self.officer,
            framework=self.framework,
            kind="inquiry",
            subject=f"Bench inquiry {n}",
            body=f"Communication {n} of the federation bench.",
            attachments=files,
        )
        self.sent.append(str(c.pk))
        if timed:
            self.timed.add(str(c.pk))


def _queued() -> int:
    from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus

    return Envelope.objects.filter(direction=Direction.OUT, status=EnvelopeStatus.QUEUED).count()


def _wait_delivered(timeout: float) -> float:
    """Seconds until nothing is queued (raises after `timeout`)."""
    start = time.monotonic()
    while _queued():
        if time.monotonic() - start > timeout:
            raise SystemExit(f"bench/federation.py: still {_queued()} queued after {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - start


class Prober(threading.Thread):
    """Posts tampered envelopes and replayed requests to the Kyrgyz node now and then."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True, name="prober")
        self.url = f"{url}/federation/v1/envelopes"
        self.stop = threading.Event()
        self.tampered = self.tampered_accepted = 0
        self.replayed = self.replayed_accepted = 0
        self.unexpected: list[str] = []

    def _post(self, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=20) as answer:
                return answer.status, ""
        except urllib.error.HTTPError as error:
            with error:
                return error.code, str(json.loads(error.read() or b"{}").get("code", ""))

    def probe(self) -> None:
        from django.db import connection

        from sswbridge.core import nodekey
        from sswbridge.federation import canonical, signing, wire
        from sswbridge.federation.models import Envelope, EnvelopeStatus

        try:
            envelope = (
                Envelope.objects.filter(status=EnvelopeStatus.DELIVERED).order_by("?").first()
            )
        finally:
            connection.close()
        if envelope is None:
            return
        key = nodekey.current()
        body = wire.encode(envelope)

        def sign(content: bytes) -> dict[str, str]:
            return signing.sign(self.url, content, private_key=key.private, key_id=key.key_id)

        # Tampered: the body changed after signing; a visible value changed, signed anew.
        data = json.loads(body)
        data["visible"]["subject"] = "Tampered " + str(data["visible"].get("subject"))
        changed = canonical.dumps(data)
        for content, headers, refusal in (
            (changed, sign(body), "digest_mismatch"),
            (changed, sign(changed), "conflicting_envelope|commitment_mismatch"),
        ):
            status, code = self._post(content, headers)
            self.tampered += 1
            self.tampered_accepted += status == 200
            if code not in refusal.split("|"):
                self.unexpected.append(f"tampered: {status} {code}")
        # Replayed: a redelivery the node accepts (idempotent), then the same request again.
        headers = sign(body)
        status, code = self._post(body, headers)
        if status != 200:
            self.unexpected.append(f"redelivery: {status} {code}")
        status, code = self._post(body, headers)
        self.replayed += 1
        self.replayed_accepted += status == 200
        if code != "replayed_nonce":
            self.unexpected.append(f"replayed: {status} {code}")

    def run(self) -> None:
        while not self.stop.wait(2.0):
            try:
                self.probe()
            except Exception as error:  # reported in the summary
                self.unexpected.append(repr(error))


def _received(node: Node, sent: list[str]) -> dict[str, Any]:
    """What the Kyrgyz database holds of what was sent."""
    wanted = {pk.replace("-", "") for pk in sent}
    rows = node.query(
        "SELECT id, sequence, delivered_at FROM federation_envelope "
        "WHERE direction = 'in' AND kind = 'exchange.communication'"
    )
    ids = [str(row[0]).replace("-", "") for row in rows]
    entries = node.query(
        "SELECT object_id FROM audit_auditentry WHERE action = 'federation.received'"
    )
    received = [str(r[0]).replace("-", "") for r in entries]
    stored = node.query("SELECT id FROM exchange_communication")
    communications = [str(row[0]).replace("-", "") for row in stored]
    in_order = [row[1] for row in sorted(rows, key=lambda r: (str(r[2]), r[1]))]
    return {
        "delivered": len(wanted & set(ids)),
        "lost": len(wanted - set(ids)),
        "duplicated": (len(ids) - len(set(ids)))
        + (len(communications) - len(set(communications)))
        + sum(received.count(pk) > 1 for pk in wanted),
        "in_sequence_order": in_order == sorted(in_order),
        "contiguous": sorted(row[1] for row in rows) == list(range(1, len(rows) + 1)),
    }


def _latencies(timed: set[str]) -> list[float]:
    from sswbridge.federation.models import Envelope

    rows = Envelope.objects.filter(pk__in=list(timed)).values_list("created_at", "delivered_at")
    return [(delivered - created).total_seconds() * 1000 for created, delivered in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--cut-seconds", type=float, default=30.0)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--keep", action="store_true", help="keep the nodes' folder")
    args = parser.parse_args()
    if args.database == "postgres":
        os.environ.setdefault(
            "SSWBRIDGE_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sswb_bench"
        )
    else:
        os.environ.pop("SSWBRIDGE_TEST_DATABASE_URL", None)
    work = Path(tempfile.mkdtemp(prefix="sswb-federation-bench-"))
    log(f"nodes under {work} ({args.database})")
    jp = nodes.make_node(work / "jp", "jp", **SETTINGS)
    kg = nodes.make_node(work / "kg", "jp-kg:kg", **SETTINGS)
    worker = None
    try:
        with nodes.serving(kg):
            proxy = Proxy(kg.port)
            nodes.peer(jp, "jp-kg", "kg", proxy.url, nodes.public_key(kg))
            nodes.peer(kg, "jp-kg", "jp", "http://127.0.0.1:9", nodes.public_key(jp))
            jp.command(
                "createuser", "--agency", "isa", "--role", "officer", "--email",
                "officer@example.jp", "--username", "jp_officer", "--password", PASSWORD,
            )  # fmt: skip
            os.environ.update(jp.env)
            os.environ["DJANGO_SETTINGS_MODULE"] = "sswbridge.settings"
            import django

            django.setup()
            worker = nodes.start(jp, "worker", log="worker.log")
            summary = run(args, Sender(), proxy, kg)
    finally:
        if worker is not None:
            nodes.stop(worker)
        from django.db import connections

        connections.close_all()
        for node in (jp, kg):
            node.drop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary))
    return 0


def run(args: argparse.Namespace, sender: Sender, proxy: Proxy, kg: Node) -> dict[str, Any]:
    prober = Prober(kg.url)
    prober.start()
    first = int(args.count * 0.4)
    log(f"link up: sending {first}")
    started = time.monotonic()
    for n in range(first):
        sender.send(n, timed=True)
    log(f"sent {first} in {time.monotonic() - started:.1f} s; cutting the link")
    proxy.cut()
    cut_until = time.monotonic() + args.cut_seconds
    n = first
    while time.monotonic() < cut_until and n < args.count * 0.8:
        sender.send(n, timed=False)
        n += 1
    time.sleep(max(cut_until - time.monotonic(), 0))
    backlog = _queued()
    proxy.restore()
    log(f"link restored after {args.cut_seconds} s; {backlog} queued")
    drained = _wait_delivered(timeout=600)
    rate = backlog / drained if drained else 0.0
    log(f"backlog delivered in {drained:.1f} s ({rate:.0f}/s); sending the rest")
    while n < args.count:
        sender.send(n, timed=True)
        n += 1
    _wait_delivered(timeout=600)
    prober.stop.set()
    prober.join()
    latencies = _latencies(sender.timed)
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else 0.0
    received = _received(kg, sender.sent)
    summary = {
        "database": args.database,
        "sent": len(sender.sent),
        "delivered": received["delivered"],
        "lost": received["lost"],
        "duplicated": received["duplicated"],
        "in_sequence_order": received["in_sequence_order"],
        "contiguous": received["contiguous"],
        "tampered": prober.tampered,
        "tampered_accepted": prober.tampered_accepted,
        "replayed": prober.replayed,
        "replayed_accepted": prober.replayed_accepted,
        "unexpected_answers": prober.unexpected[:5],
        "cut_seconds": args.cut_seconds,
        "backlog": backlog,
        "envelopes_per_s": round(rate, 1),
        "p50_delivery_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_delivery_ms": round(p95, 1),
        "resets_while_cut": proxy.refused,
    }
    summary["targets_met"] = bool(
        summary["lost"] == summary["duplicated"] == 0
        and summary["tampered_accepted"] == summary["replayed_accepted"] == 0
        and summary["delivered"] == summary["sent"]
        and rate >= TARGETS["envelopes_per_s"]
        and p95 < TARGETS["p95_delivery_ms"]
    )
    return summary


if __name__ == "__main__":
    raise SystemExit(main())
