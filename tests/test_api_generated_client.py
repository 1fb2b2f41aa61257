"""A client generated from /api/v1/openapi.json by a tool nobody here wrote works (issue 15,
point 1): `openapi-python-client` generates a Python package from the document into a
temporary directory, and that package alone runs an inquiry against a live test server.
Japan sends an inquiry; the Kyrgyz contact point lists its inbox, opens the inquiry,
acknowledges and answers it; Japan sees the receipts in its outbox.

The generated modules are named after the operation ids (docs/api-operations.json), so
this test also shows what an integrator's code looks like."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.exchange.models import Communication
from tests.helpers import factories

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PACKAGE = "ssw_bridge_generated_client"


@pytest.fixture
def generated(live_server: Any, tmp_path: Path) -> Any:
    """Generate the client from the live server's /api/v1/openapi.json, and import it from
    the temporary directory."""
    root = tmp_path
    document = root / "openapi.json"
    with urllib.request.urlopen(f"{live_server.url}/api/v1/openapi.json", timeout=60) as answer:
        document.write_bytes(answer.read())
    config = root / "config.json"
    config.write_text(json.dumps({"post_hooks": []}), encoding="utf-8")
    tool = Path(sys.executable).parent / "openapi-python-client"
    result = subprocess.run(
        [
            str(tool),
            "generate",
            "--path",
            str(document),
            "--meta",
            "none",
            "--output-path",
            str(root / PACKAGE),
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def _client(generated: Any, base_url: str, user: Any) -> Any:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return generated.AuthenticatedClient(
        base_url=base_url, token=raw, raise_on_unexpected_status=True
    )


def test_the_generated_client_runs_an_inquiry_from_japan_to_kyrgyzstan(
    generated: Any, live_server: Any, jp_kg: Any
) -> None:
    api = importlib.import_module(f"{PACKAGE}.api.exchange")
    models = importlib.import_module(f"{PACKAGE}.models")

    def operation(name: str) -> Any:
        return importlib.import_module(f"{api.__name__}.{name}")

    japan = _client(
        generated,
        live_server.url,
        factories.make_user("isa", Role.CONTACT_POINT, username="client_jp_cp"),
    )
    kyrgyzstan = _client(
        generated,
        live_server.url,
        factories.make_user("kg-ceca", Role.CONTACT_POINT, username="client_kg_cp"),
    )

    # Japan sends an inquiry.
    sent = operation("exchange_create_communication").sync(
        client=japan,
        body=models.CommunicationIn(
            framework="jp-kg",
            kind="inquiry",
            subject="Where is A. Osmonov employed now?",
            body="<p>Please tell us the current employer.</p>",
        ),
    )
    assert isinstance(sent, models.CommunicationOut)
    assert (sent.status, sent.kind) == ("sent", "inquiry")

    # The Kyrgyz contact point lists its inbox, opens the inquiry, acknowledges, answers.
    inbox = operation("exchange_list_inbox").sync(client=kyrgyzstan)
    assert isinstance(inbox, models.CommunicationPageOut)
    assert [item.id for item in inbox.items] == [sent.id]
    opened = operation("exchange_get_communication").sync(
        communication_id=sent.id, client=kyrgyzstan
    )
    assert isinstance(opened, models.CommunicationOut)
    assert opened.subject == "Where is A. Osmonov employed now?"
    acknowledged = operation("exchange_acknowledge_communication").sync(
        communication_id=sent.id, client=kyrgyzstan
    )
    assert isinstance(acknowledged, models.CommunicationOut)
    answer = operation("exchange_answer_communication").sync(
        communication_id=sent.id,
        client=kyrgyzstan,
        body=models.AnswerIn(
            kind="inquiry_answer",
            subject="A. Osmonov works for Hokkaido Farms",
            body="<p>Since March.</p>",
        ),
    )
    assert isinstance(answer, models.CommunicationOut)
    assert answer.kind == "inquiry_answer"

    # Japan sees the receipts: opened, acknowledged and answered, by whom and when.
    outbox = operation("exchange_list_outbox").sync(client=japan)
    assert isinstance(outbox, models.CommunicationPageOut)
    [seen] = [item for item in outbox.items if item.id == sent.id]
    assert (seen.first_opened_by, seen.acknowledged_by) == ("client_kg_cp", "client_kg_cp")
    for moment in (seen.delivered_at, seen.first_opened_at, seen.acknowledged_at):
        assert moment is not None and not isinstance(moment, generated.types.Unset)
    assert seen.answered_at is not None
    assert Communication.objects.get(pk=answer.id).kind == "inquiry_answer"
    # and, as a generated client would, reads Japan's inbox: the answer arrived.
    japan_inbox = operation("exchange_list_inbox").sync(client=japan)
    assert isinstance(japan_inbox, models.CommunicationPageOut)
    assert [item.id for item in japan_inbox.items] == [answer.id]
