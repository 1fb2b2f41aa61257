"""A register notice between two real nodes: this test process is the Kyrgyz node, which
keeps the register of sending organizations; Japan's node is a real `sswbridge serve`
process with its own database. An approval made on the Kyrgyz node reaches Japan's node,
whose registrar publishes it there (as on one node): Japan's portal lists it and verify finds
it; the revocation that follows updates it. Japan's database holds none of the fields that
stay with the partner."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sswbridge.accounts.models import Role
from sswbridge.core import nodekey
from sswbridge.federation import delivery
from sswbridge.federation import services as federation
from sswbridge.frameworks.models import Side
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories, registers
from tests.helpers.nodes import SECRET, Node, node_database, serving
from tests.helpers.ops import clean_env, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

PARTNER_ONLY = ("Asanova Aigul", "Bekov Nurlan", "P-2026-0042")


@pytest.fixture
def japan_node(tmp_path: Path, settings: Any, jp_kg: Any) -> Iterator[Node]:
    """Japan's node as a process, its registrar's API token in `node.token`; this process
    hosts the Kyrgyz side only."""
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    folder = tmp_path / "jp-node"
    folder.mkdir()
    port = free_port()
    env = clean_env(
        folder,
        SSWBRIDGE_SECRET_KEY=SECRET,
        SSWBRIDGE_HTTPS="false",
        SSWBRIDGE_HOSTED_SIDES="jp",
        SSWBRIDGE_DATABASE_URL=node_database(folder),
        SSWBRIDGE_NODE_KEY_FILE=str(folder / "node_key.pem"),
        SSWBRIDGE_CHECKPOINT_DIR=str(folder / "checkpoints"),
        SSWBRIDGE_WEB_CONCURRENCY="1",
    )
    node = Node(folder, env, port)
    node.command("migrate", "-v0")
    node.command("keys", "generate")
    node.command(
        "peer", "add", "--framework", "jp-kg", "--side", "kg", "--url", "http://127.0.0.1:9",
        "--key", nodekey.current().public.raw_base64,
    )  # fmt: skip
    node.command(
        "createuser", "--agency", "isa", "--role", Role.REGISTRAR,
        "--email", "sato@example.jp", "--username", "sato", "--password", "a registrar pw 42",
    )  # fmt: skip
    node.token = node.command("token", "create", "--user", "sato").stdout.strip().splitlines()[-1]  # type: ignore[attr-defined]
    with serving(node):
        yield node


def _get(node: Node, path: str, *, token: bool = False, method: str = "GET") -> Any:
    headers = {"Authorization": f"Bearer {node.token}"} if token else {}  # type: ignore[attr-defined]
    request = urllib.request.Request(f"{node.url}{path}", method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=20) as response:
        body = response.read().decode()
    return json.loads(body) if path.startswith("/api/") else body


def _publish_what_waits(node: Node) -> int:
    """Japan's registrar confirms what arrived (the default rule), through the API."""
    waiting = _get(node, "/api/v1/registry/publications?status=pending", token=True)["items"]
    for item in waiting:
        _get(node, f"/api/v1/registry/publications/{item['id']}/publish", token=True, method="POST")
    return len(waiting)


def _verify(node: Node, q: str) -> dict[str, Any]:
    found: dict[str, Any] = _get(
        node, f"/api/v1/public/jp/verify?{urllib.parse.urlencode({'q': q})}"
    )
    return found


def test_an_approval_on_the_kyrgyz_node_is_published_on_japans_portal(japan_node, jp_kg):
    node = japan_node
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="JP"),
        base_url=node.url,
        public_key=nodekey.load(node.folder / "node_key.pem").public.raw_base64,
    )
    registrar = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = registers.approved(registrar, jp_kg)
    assert delivery.deliver_all().delivered == 2  # the notice to Japan, the register notice
    assert not _verify(node, "123456-3301-OOO")["found"]  # waits for Japan's registrar
    assert _publish_what_waits(node) == 1
    assert "Ala-Too Labour Bridge LLC" in _get(node, "/portal/jp/sending-organizations/")
    assert "Ala-Too Labour Bridge LLC" in _get(node, f"/portal/jp/sending-organizations/{org.pk}/")
    [entry] = _verify(node, "123456-3301-OOO")["entries"]
    assert (entry["status"], entry["good"]) == ("approved", True)

    sending_services.change_status(
        actor=registrar, organization=org, status="revoked", reason="Collected deposits"
    )
    assert delivery.deliver_all().delivered == 2
    assert _publish_what_waits(node) == 1
    [entry] = _verify(node, "Ala-Too Labour Bridge LLC")["entries"]
    assert (entry["status"], entry["reason"], entry["good"]) == (
        "revoked",
        "Collected deposits",
        False,
    )

    # Japan's database: none of the partner's own fields, and the copy's decision empty.
    tables = node.query(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        if node.database.startswith("sqlite")
        else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    )
    dump = "".join(json.dumps(node.query(f'SELECT * FROM "{t}"'), default=str) for (t,) in tables)
    assert [value for value in PARTNER_ONLY if value in dump] == []
    [(reasons, decided_by, permit)] = node.query(
        "SELECT decision_reasons, decided_by_id, permit_number FROM registry_sendingorganization"
    )
    assert (reasons, decided_by, permit) == ("", None, "")
