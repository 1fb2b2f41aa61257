"""An amendment consented by both nodes: this test process is Japan's node (serving its
federation endpoint on a live server), the Kyrgyz node a real `sswbridge serve` process with
its own database and node key. Japan proposes through its API; the Kyrgyz contact point
consents through the Kyrgyz API; Japan consents; on both nodes the amendment is in force and
both signed consents verify, each node checking the other's signature with the other's key."""

from __future__ import annotations

import json
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
from sswbridge.federation import delivery
from sswbridge.federation import services as federation
from sswbridge.frameworks.models import Side
from sswbridge.lifecycle import signatures
from sswbridge.lifecycle.models import Amendment, AmendmentStatus
from tests.helpers import factories
from tests.helpers.api import Api
from tests.helpers.nodes import SECRET, Node, node_database, serving
from tests.helpers.ops import clean_env, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "kyrgyz contact point password 42"


@pytest.fixture
def kg_lifecycle_node(tmp_path: Path, japan_node: Any, live_server: Any) -> Iterator[Node]:
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
    with serving(node):
        yield node


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


def _api(node: Node, method: str, path: str, data: Any = None) -> tuple[int, Any]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(
        f"{node.url}/api/v1/lifecycle{path}",
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


def test_an_amendment_consented_by_both_nodes_is_in_force_on_both_with_both_signatures(
    kg_lifecycle_node, jp_kg
):
    node = kg_lifecycle_node
    b_key = nodekey.load(node.folder / "node_key.pem").public
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="KG"),
        base_url=node.url,
        public_key=b_key.raw_base64,
    )
    jp_cp = factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")
    api = Api(jp_cp, "/api/v1/lifecycle")
    created = api.post(
        "/frameworks/jp-kg/amendments", {"new_text": "Clause 4 as amended.", "clauses": "4"}
    )
    assert created.status_code == 201, created.content
    aid = created.json()["id"]
    assert delivery.deliver_all().delivered == 2  # the proposal, then the amendment

    # On the Kyrgyz node: the amendment is there; its contact point consents.
    status, seen = _api(node, "GET", f"/amendments/{aid}")
    assert status == 200, seen
    assert (seen["status"], seen["proposed_by_side"], seen["consents"]) == ("proposed", "JP", [])
    status, consented = _api(node, "POST", f"/amendments/{aid}/consent", {})
    assert status in (200, 201), consented

    # Its signed consent reaches Japan's node (delivered on commit to the live server).
    amendment = Amendment.objects.get(pk=aid)
    _until(lambda: amendment.consents.filter(side__code="KG").exists())
    kg_consent = amendment.consents.get(side__code="KG")
    assert kg_consent.signed["act"]["key_id"] == b_key.key_id
    assert signatures.signature(kg_consent).verified

    consent = api.post(f"/amendments/{aid}/consent", {})
    assert consent.status_code in (200, 201), consent.content
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.IN_FORCE and signatures.both_verify(amendment)
    shown = api.get(f"/amendments/{aid}").json()
    assert shown["signed_by_both"] is True
    assert delivery.deliver_all().delivered == 2  # Japan's letter, then its signed consent

    # On the Kyrgyz node: in force, both signatures verified there too (Japan's by its key).
    status, there = _api(node, "GET", f"/amendments/{aid}")
    assert status == 200, there
    assert (there["status"], there["signed_by_both"]) == ("in_force", True)
    keys = {c["side"]: c["signature"]["key_id"] for c in there["consents"]}
    assert keys == {"JP": nodekey.current().key_id, "KG": b_key.key_id}
    assert there["in_force_from"] == amendment.in_force_from.isoformat()
