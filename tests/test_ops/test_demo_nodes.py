"""`sswbridge serve --demo --nodes 2`, run for real: two nodes, each with its own SQLite
database and node key under var/, registered as each other's peer, each with its own side's
demo data and what the other node shared with it; SIGTERM stops both."""

from __future__ import annotations

import re
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from sswbridge.cases.demo import CASE
from sswbridge.core import nodekey
from sswbridge.exchange.demo import ANSWERED, OVERDUE, RETRACTED, SHARE
from sswbridge.orders.demo import ORDER
from tests.helpers.ops import SSWBRIDGE, clean_env, process_alive

ORDER_NAME = ORDER["organization_name"]


def _two_free_ports() -> int:
    """A port p with p + 1 free as well."""
    for _attempt in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port: int = first.getsockname()[1]
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        return port
    raise AssertionError("no two free ports in a row")


def _accounts(table: str) -> set[str]:
    """The sides of the demo accounts in a node's table (jp-contact -> jp)."""
    return set(re.findall(r"^(\w\w)-(?:admin|contact|officer|registrar|auditor) ", table, re.M))


def _rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute(sql).fetchall()


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode())


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in text:
            found.append(int(status.parent.name))
    return found


@pytest.mark.slow
def test_serve_demo_two_nodes_peers_delivers_and_stops_both(tmp_path: Path) -> None:
    port = _two_free_ports()
    env = clean_env(tmp_path, SSWBRIDGE_WEB_CONCURRENCY="1")
    process = subprocess.Popen(
        [*SSWBRIDGE, "serve", "--demo", "--nodes", "2", "--base-port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    assert process.stdout is not None
    stream = process.stdout
    threading.Thread(target=lambda: lines.extend(stream), daemon=True).start()
    try:
        # A fresh migrate of two databases on a busy machine, the demo twice, two servers.
        deadline = time.monotonic() + 900
        while "Both nodes are serving" not in "".join(lines):
            assert process.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(1)
        output = "".join(lines)
        jp_url, kg_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}"
        assert f"Japan's node: {jp_url}/" in output and f"Kyrgyz node: {kg_url}/" in output
        jp_table = output[output.index("Japan's node:") : output.index("Kyrgyz node:")]
        kg_table = output[output.index("Kyrgyz node:") :]
        assert _accounts(jp_table) == {"jp", "uz"} and _accounts(kg_table) == {"kg"}
        for url in (jp_url, kg_url):
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=10) as response:
                assert response.status == 200

        var = tmp_path / "var"
        jp_db, kg_db = var / "node-jp" / "sswbridge.sqlite3", var / "node-kg" / "sswbridge.sqlite3"
        assert not (var / "sswbridge.sqlite3").exists()  # no single-node demo beside them
        jp_key = nodekey.load(var / "node-jp" / "node_key.pem").public
        kg_key = nodekey.load(var / "node-kg" / "node_key.pem").public
        assert jp_key.key_id != kg_key.key_id
        peer = (
            "SELECT p.base_url, k.key_id FROM federation_peer p"
            " JOIN federation_peerkey k ON k.peer_id = p.id"
        )
        assert _rows(jp_db, peer) == [(kg_url, kg_key.key_id)]
        assert _rows(kg_db, peer) == [(jp_url, jp_key.key_id)]

        # Each side's records on its own node; Japan's inquiries delivered to the Kyrgyz node,
        # answered there, and the answer and the signed receipts back on Japan's node.
        users = "SELECT username FROM accounts_user"
        assert {u for (u,) in _rows(kg_db, users)} >= {"kg-contact"}
        assert not [u for (u,) in _rows(kg_db, users) if str(u).startswith(("jp-", "uz-"))]
        assert not [u for (u,) in _rows(jp_db, users) if str(u).startswith("kg-")]
        arrived = "SELECT subject FROM exchange_communication WHERE delivered_at IS NOT NULL"
        assert {OVERDUE, ANSWERED, SHARE} <= {s for (s,) in _rows(kg_db, arrived)}
        assert {OVERDUE, ANSWERED, SHARE} <= {s for (s,) in _rows(jp_db, arrived)}
        assert _rows(kg_db, "SELECT COUNT(*) FROM registry_intermediary") != [(0,)]
        assert _rows(jp_db, "SELECT COUNT(*) FROM registry_intermediary WHERE country = 'KG'") == [
            (0,)
        ]

        def answered() -> bool:
            rows = _rows(
                jp_db,
                f"SELECT answered_at FROM exchange_communication WHERE subject = '{ANSWERED}'",
            )
            return rows[0][0] is not None

        deadline = time.monotonic() + 120
        while not answered():
            assert time.monotonic() < deadline, "the answer did not come back"
            time.sleep(1)

        # Japan's improvement order, on the Kyrgyz node and published on its portal.
        order = f"SELECT id FROM registry_improvementorder WHERE organization_name = '{ORDER_NAME}'"
        assert len(_rows(jp_db, order)) == 1 and _rows(kg_db, order) == _rows(jp_db, order)
        assert "Midori Seiko" in _page(f"{kg_url}/portal/kg/improvement-orders/")
        # The Kyrgyz approvals, published on Japan's portal (by Japan's registrar) after their
        # register notices; the approval with its notice waits for Japan, as on one node.
        japan_portal = _page(f"{jp_url}/portal/jp/sending-organizations/")
        assert "Jangy Köpürö Staffing LLC" in japan_portal
        assert "Naryn Workforce LLC" not in japan_portal
        # The retraction reached Japan's node.
        retracted = f"SELECT retracted_at FROM exchange_communication WHERE subject = '{RETRACTED}'"
        assert _rows(jp_db, retracted)[0][0] is not None
        # The case is the Kyrgyz node's, which holds the register entry it is about.
        case = f"SELECT COUNT(*) FROM cases_case WHERE title = '{CASE}'"
        assert _rows(kg_db, case) == [(1,)] and _rows(jp_db, case) == [(0,)]

        # Asked on Japan's node, decided on the Kyrgyz node, back on Japan's: the release of
        # the withheld victims and the consent to disclose the share.
        def decided() -> bool:
            release = _rows(jp_db, "SELECT status FROM exchange_releaserequest")
            consent = _rows(jp_db, "SELECT status FROM disclosure_disclosurerequest")
            return release == [("released",)] and consent == [("granted",)]

        deadline = time.monotonic() + 120
        while not decided():
            assert time.monotonic() < deadline, "the release and the consent did not come back"
            time.sleep(1)
        assert _rows(kg_db, "SELECT status FROM exchange_releaserequest") == [("released",)]
        assert _rows(kg_db, "SELECT status FROM disclosure_disclosurerequest") == [("granted",)]
    finally:
        nodes = _children(process.pid)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    assert nodes and process.returncode == 0
    assert "Both demo nodes stopped." in "".join(lines)
    assert not [pid for pid in nodes if process_alive(pid)]
