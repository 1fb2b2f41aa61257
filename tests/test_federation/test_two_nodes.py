"""Two real nodes on the loopback: this test process is Japan's node (its test database, its
node key), and a second node runs as a real `sswbridge serve` process with its own database
and node key under a temporary directory, hosting the Kyrgyz side of jp-kg. Its database is a
SQLite file, or a PostgreSQL database of its own on the same server when the suite runs on
PostgreSQL (SSWBRIDGE_TEST_DATABASE_URL). Envelopes queued here arrive there once, with
receipts verified here; refused requests leave their audit entries there."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from sswbridge.core import nodekey
from sswbridge.federation import canonical, delivery, signing
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side
from tests.helpers.federation import PeerNode, new_key
from tests.helpers.nodes import SECRET, Node, as_json, node_database
from tests.helpers.ops import SSWBRIDGE, clean_env, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kg_node(tmp_path: Path, japan_node: Any) -> Iterator[Node]:
    folder = tmp_path / "kg-node"
    folder.mkdir()
    port = free_port()
    env = clean_env(
        folder,
        SSWBRIDGE_SECRET_KEY=SECRET,
        SSWBRIDGE_HTTPS="false",
        SSWBRIDGE_HOSTED_SIDES="jp-kg:kg",
        SSWBRIDGE_DATABASE_URL=node_database(folder),
        SSWBRIDGE_NODE_KEY_FILE=str(folder / "node_key.pem"),
        SSWBRIDGE_CHECKPOINT_DIR=str(folder / "checkpoints"),
        SSWBRIDGE_WEB_CONCURRENCY="1",
    )
    node = Node(folder, env, port)
    node.command("migrate", "-v0")
    node.command("keys", "generate")
    own = nodekey.current().public  # this process: Japan's node
    node.command(
        "peer",
        "add",
        "--framework",
        "jp-kg",
        "--side",
        "jp",
        "--url",
        "http://127.0.0.1:9",
        "--key",
        own.raw_base64,
    )
    process = subprocess.Popen(
        [*SSWBRIDGE, "serve", "--no-worker", "--bind", f"127.0.0.1:{port}"],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{node.url}/accounts/login/", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline and process.poll() is None, (
                    "node B did not start"
                )
                time.sleep(0.3)
        yield node
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        node.drop()


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_envelopes_cross_between_two_nodes_once_with_receipts_and_refusals(kg_node, jp_kg):
    kg = Side.objects.get(code="KG")
    b_key = nodekey.load(kg_node.folder / "node_key.pem").public
    peer = federation.add_peer(
        actor=None, framework=jp_kg, side=kg, base_url=kg_node.url, public_key=b_key.raw_base64
    )
    sent = [federation.enqueue(jp_kg, kg, "test.note", {"subject": f"note {n}"}) for n in range(3)]
    secret = federation.enqueue(
        jp_kg, kg, "test.report", {"subject": "Ak-Jol"}, withheld={"informant": "Asel Uulu"}
    )
    result = delivery.deliver_all()
    assert result.delivered == 4, (result, list(Envelope.objects.values("last_error")))
    for envelope in Envelope.objects.all():
        assert envelope.status == "delivered"
        assert envelope.receipt["receipt"]["receiver_key_id"] == b_key.key_id
    # Redelivered (as after a sender crash between posting and recording the receipt).
    Envelope.objects.filter(pk=sent[0].pk).update(status="queued", next_attempt_at=timezone.now())
    assert delivery.deliver_all().delivered == 1
    rows = kg_node.query(
        "SELECT id, sequence, payload, commitments FROM federation_envelope "
        "WHERE direction = 'in' ORDER BY sequence"
    )
    assert [row[1] for row in rows] == [1, 2, 3, 4]
    assert {str(row[0]).replace("-", "") for row in rows} == {e.pk.hex for e in [*sent, secret]}
    # The withheld value stays here: only its commitment is on the Kyrgyz node.
    everything = json.dumps(kg_node.query("SELECT * FROM federation_envelope"), default=str)
    everything += json.dumps(kg_node.query("SELECT changes FROM audit_auditentry"), default=str)
    assert "Asel Uulu" not in everything and "informant" in as_json(rows[3][3])
    assert kg_node.query(
        "SELECT count(*) FROM audit_auditentry WHERE action = 'federation.received'"
    ) == [(4,)]

    # Refusals, each with its audit entry on the receiving node.
    url = f"{kg_node.url}/federation/v1/envelopes"
    japan = PeerNode(key=nodekey.current(), side="JP", to_side="KG", sequence=10)
    body = canonical.dumps(japan.envelope({"subject": "pay 100"}))
    headers = signing.sign(url, body, private_key=japan.key.private, key_id=japan.key.key_id)
    status, answer = _post(url, body.replace(b"pay 100", b"pay 900"), headers)
    assert (status, answer["code"]) == (400, "digest_mismatch")
    body = canonical.dumps(japan.envelope())
    headers = signing.sign(url, body, private_key=japan.key.private, key_id=japan.key.key_id)
    assert _post(url, body, headers)[0] == 200
    status, answer = _post(url, body, headers)
    assert (status, answer["code"]) == (401, "replayed_nonce")
    stranger = new_key()
    body = canonical.dumps(japan.envelope())
    headers = signing.sign(url, body, private_key=stranger.private, key_id=stranger.key_id)
    assert _post(url, body, headers)[1]["code"] == "unknown_key"
    kg_node.command("peer", "revoke-key", "--key-id", japan.key.key_id)
    late = federation.enqueue(jp_kg, kg, "test.note", {"subject": "after revocation"})
    assert delivery.deliver_all().delivered == 0
    late.refresh_from_db()
    assert late.status == "queued" and "revoked_key" in late.last_error
    assert kg_node.refusals() == ["digest_mismatch", "replayed_nonce", "unknown_key", "revoked_key"]
    peer.refresh_from_db()
    assert peer.unreachable_since is None  # it answered: refused, not unreachable
