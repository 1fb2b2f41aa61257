"""The exchange between two real nodes: this test process is Japan's node (serving its
federation endpoint on a live server), the Kyrgyz node a real `sswbridge serve` process with
its own database. A Japanese officer sends an inquiry through the API; the Kyrgyz contact
point lists it in its inbox on its own node, opens, acknowledges and answers it; Japan's node
records the signed receipts and the answer. The Kyrgyz database holds no withheld value and
no record of Japan's own."""

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
from django.db import OperationalError

from sswbridge.accounts.models import Role
from sswbridge.core import nodekey
from sswbridge.exchange import release
from sswbridge.exchange.models import Communication, ReleaseRequest
from sswbridge.federation import delivery
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side
from tests.helpers import factories
from tests.helpers.api import ExchangeApi
from tests.helpers.nodes import SECRET, Node, as_json, node_database
from tests.helpers.ops import SSWBRIDGE, clean_env, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "kyrgyz contact point password 42"


@pytest.fixture
def kg_exchange_node(tmp_path: Path, japan_node: Any, live_server: Any) -> Iterator[Node]:
    """The Kyrgyz node, its peer (Japan) reached at this process's live server, with a
    contact-point officer and an API token (`node.token`)."""
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
        SSWBRIDGE_FEDERATION_DELIVER_ON_COMMIT="true",
    )
    node = Node(folder, env, port)
    node.command("migrate", "-v0")
    node.command("keys", "generate")
    own = nodekey.current().public
    node.command(
        "peer", "add", "--framework", "jp-kg", "--side", "jp", "--url", live_server.url,
        "--key", own.raw_base64,
    )  # fmt: skip
    node.command(
        "createuser", "--agency", "kg-ceca", "--role", Role.CONTACT_POINT,
        "--email", "aibek@example.kg", "--username", "aibek", "--password", PASSWORD,
    )  # fmt: skip
    node.token = node.command("token", "create", "--user", "aibek").stdout.strip().splitlines()[-1]  # type: ignore[attr-defined]
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


def _api(node: Node, method: str, path: str, data: Any = None) -> tuple[int, Any]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(
        f"{node.url}/api/v1/exchange{path}",
        data=body,
        method=method,
        headers={
            "Authorization": f"Bearer {node.token}",  # type: ignore[attr-defined]
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def _until(check: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not _checked(check):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def _checked(check: Any) -> bool:
    """The check's answer; on SQLite, a read that meets the live server's thread writing the
    shared in-memory database ("database table is locked") is asked again later."""
    try:
        return bool(check())
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        return False


def test_an_inquiry_crosses_to_the_kyrgyz_node_and_its_receipts_and_answer_come_back(
    kg_exchange_node, jp_kg
):
    kg = Side.objects.get(code="KG")
    b_key = nodekey.load(kg_exchange_node.folder / "node_key.pem").public
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=kg,
        base_url=kg_exchange_node.url,
        public_key=b_key.raw_base64,
    )
    officer = factories.make_user("isa", Role.OFFICER, username="jp_officer")
    api = ExchangeApi(officer)
    created = api.post(
        "/communications",
        {
            "framework": "jp-kg",
            "kind": "intermediary_share",
            "subject": "Ak-Jol Travel takes deposits",
            "body": "Workers report penalty contracts.",
            "payload": {"intermediary_names": "OsOO Secret Name", "acts": ["penalty_contract"]},
            "withheld_fields": ["intermediary_names"],
        },
    )
    assert created.status_code == 201, created.content
    share_id = created.json()["id"]
    inquiry = api.post(
        "/communications",
        {"framework": "jp-kg", "kind": "inquiry", "subject": "Which licence?", "body": "Tell us."},
    )
    assert inquiry.status_code == 201, inquiry.content
    cid = inquiry.json()["id"]
    assert api.get(f"/communications/{cid}").json()["delivery"] == "queued"
    assert delivery.deliver_all().delivered == 2
    sent = Communication.objects.get(pk=cid)
    assert sent.delivered_at is not None
    assert sent.delivered_at == Envelope.objects.get(pk=cid).delivered_at

    # On the Kyrgyz node: the inbox lists it; the contact point opens, acknowledges, answers.
    node = kg_exchange_node
    status, inbox = _api(node, "GET", "/inbox")
    assert status == 200, inbox
    assert {item["id"] for item in inbox["items"]} == {cid, share_id}
    status, share = _api(node, "GET", f"/communications/{share_id}")
    assert status == 200 and share["withheld_fields"] == ["intermediary_names"]
    assert "intermediary_names" not in share["payload"] and share["sender"]
    status, opened = _api(node, "GET", f"/communications/{cid}")
    assert status == 200 and opened["first_opened_at"], opened
    assert _api(node, "POST", f"/communications/{cid}/acknowledge")[0] == 200
    status, reply = _api(
        node,
        "POST",
        f"/communications/{cid}/answer",
        {"kind": "inquiry_answer", "subject": "Licence 123", "body": "It is 123."},
    )
    assert status == 201, reply

    # Back on Japan's node: the signed receipts and the answer.
    def arrived() -> bool:
        sent.refresh_from_db()
        return bool(
            sent.answered_at
            and sent.acknowledged_at
            and Communication.objects.filter(pk=reply["id"]).exists()
        )

    _until(arrived)
    assert sent.first_opened_at is not None and sent.acknowledged_by is None
    answer = Communication.objects.get(pk=reply["id"])
    assert answer.in_reply_to_id == sent.pk and answer.originator_side.code == "KG"
    receipts = Envelope.objects.filter(direction="in", kind="exchange.receipt")
    events = sorted(e.payload["event"] for e in receipts if e.payload["communication"] == cid)
    assert events == ["acknowledged", "answered", "opened"]
    assert Communication.objects.get(pk=share_id).first_opened_at is not None
    assert {e.payload["signed"]["receipt"]["receiver_key_id"] for e in receipts} == {b_key.key_id}
    jp_view = api.get(f"/communications/{cid}").json()
    assert jp_view["acknowledged_at"] and jp_view["answered_at"]

    # The Kyrgyz database: no withheld value, no record Japan keeps for itself.
    dump = ""
    for table in ("exchange_communication", "federation_envelope", "audit_auditentry"):
        dump += json.dumps(node.query(f"SELECT * FROM {table}"), default=str)
    assert "OsOO Secret Name" not in dump
    ids = {
        str(row[0]).replace("-", "") for row in node.query("SELECT id FROM exchange_communication")
    }
    assert ids == {share_id.replace("-", ""), cid.replace("-", ""), reply["id"].replace("-", "")}
    users = {row[0] for row in node.query("SELECT username FROM accounts_user")}
    assert "jp_officer" not in users


def test_the_kyrgyz_database_holds_no_withheld_value_and_no_record_of_japans_own(
    kg_exchange_node, jp_kg
):
    node = kg_exchange_node
    b_key = nodekey.load(node.folder / "node_key.pem").public
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="KG"),
        base_url=node.url,
        public_key=b_key.raw_base64,
    )
    officer = factories.make_user("isa", Role.OFFICER, username="jp_officer")
    api = ExchangeApi(officer)
    shared = api.post(
        "/communications",
        {
            "framework": "jp-kg",
            "kind": "intermediary_share",
            "subject": "Deposits taken",
            "payload": {"intermediary_names": "OsOO Informant Asel", "acts": ["penalty_contract"]},
            "withheld_fields": ["intermediary_names"],
        },
    ).json()
    draft = api.post(
        "/communications",
        {"framework": "jp-kg", "kind": "inquiry", "subject": "Japan-only draft", "send": False},
    ).json()
    assert delivery.deliver_all().delivered == 1
    envelope = Envelope.objects.get(pk=shared["id"])
    assert envelope.withheld["payload.intermediary_names"]["value"] == "OsOO Informant Asel"

    dump = ""
    for (table,) in node.query(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        if node.database.startswith("sqlite")
        else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    ):
        dump += json.dumps(node.query(f'SELECT * FROM "{table}"'), default=str)
    assert "OsOO Informant Asel" not in dump
    assert "Japan-only draft" not in dump and draft["id"] not in dump
    assert draft["id"].replace("-", "") not in dump
    # Only the sender's name travels with what was shared (as the other side saw it before);
    # no account of Japan's node is made here.
    assert not node.query("SELECT username FROM accounts_user WHERE username = 'jp_officer'")
    ids = {
        str(row[0]).replace("-", "") for row in node.query("SELECT id FROM exchange_communication")
    }
    assert ids == {shared["id"].replace("-", "")}
    # What did arrive carries the withheld field's commitment, not its value.
    [(commitments,)] = node.query(
        "SELECT commitments FROM federation_envelope WHERE direction = 'in'"
    )
    commitments = json.loads(commitments) if isinstance(commitments, str) else commitments
    assert "payload.intermediary_names" in commitments


def _dump(node: Node) -> str:
    """Every table of the node's database, as text."""
    dump = ""
    for (table,) in node.query(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        if node.database.startswith("sqlite")
        else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    ):
        dump += json.dumps(node.query(f'SELECT * FROM "{table}"'), default=str)
    return dump


def test_a_withheld_field_reaches_the_kyrgyz_database_only_when_released(kg_exchange_node, jp_kg):
    node = kg_exchange_node
    b_key = nodekey.load(node.folder / "node_key.pem").public
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="KG"),
        base_url=node.url,
        public_key=b_key.raw_base64,
    )
    officer = factories.make_user("isa", Role.OFFICER, username="jp_officer")
    jp_cp = factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")
    # A record marked for Japan's side only.
    factories.make_intermediary(
        jp_kg, agency_code="isa", names=[("Side-only Zeta K.K.", "Latn", "en")], marking="side"
    )
    shared = (
        ExchangeApi(officer)
        .post(
            "/communications",
            {
                "framework": "jp-kg",
                "kind": "intermediary_share",
                "subject": "Deposits taken",
                "payload": {
                    "intermediary_names": "OsOO Informant Asel",
                    "acts": ["penalty_contract"],
                },
                "withheld_fields": ["intermediary_names"],
            },
        )
        .json()
    )
    assert delivery.deliver_all().delivered == 1
    dump = _dump(node)
    assert "OsOO Informant Asel" not in dump and "Side-only Zeta" not in dump

    # The Kyrgyz contact point asks for the field through its node's API.
    status, asked = _api(
        node,
        "POST",
        f"/communications/{shared['id']}/release-requests",
        {"field": "intermediary_names", "reason": "Needed to inspect the agency"},
    )
    assert status == 201, asked
    _until(lambda: ReleaseRequest.objects.filter(communication_id=shared["id"]).exists())
    item = ReleaseRequest.objects.get(communication_id=shared["id"])
    assert item.requested_by is None and item.reason == "Needed to inspect the agency"
    assert "OsOO Informant Asel" not in _dump(node)

    # Japan's contact point releases it: the opening travels, checked there.
    release.decide(actor=jp_cp, request=item, release=True)
    assert delivery.deliver_all().delivered == 1
    status, seen = _api(node, "GET", f"/communications/{shared['id']}")
    assert status == 200, seen
    assert seen["payload"]["intermediary_names"] == "OsOO Informant Asel"
    assert seen["withheld_fields"] == []
    [(state,)] = node.query("SELECT status FROM exchange_releaserequest")
    assert state == "released"
    [(payload,)] = node.query("SELECT payload FROM exchange_communication")
    assert as_json(payload)["intermediary_names"] == "OsOO Informant Asel"
    assert "Side-only Zeta" not in _dump(node)
