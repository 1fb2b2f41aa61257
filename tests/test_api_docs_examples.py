"""The examples of docs/api.md run (issue 15, point 7): the `curl` block of the inquiry flow
is taken out of the document and run, with bash and the real curl and jq, against a live
test server; Japan's receipts at its end are those the flow should leave. Change the API or
the document and this fails, so the two cannot drift apart."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.exchange.models import Communication
from tests.helpers import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"
MARKER = "# example: inquiry-flow"


def example(marker: str) -> str:
    """The fenced ```sh block of docs/api.md that starts with `marker`."""
    blocks = re.findall(r"^```sh\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.S | re.M)
    found = [block for block in blocks if block.startswith(marker + "\n")]
    assert len(found) == 1, f"docs/api.md holds {len(found)} blocks marked {marker!r}"
    return found[0]


def _token(user: Any) -> str:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return raw


def test_the_curl_examples_of_the_inquiry_flow_run_against_a_live_server(
    live_server: Any, jp_kg: Any
) -> None:
    for tool in ("bash", "curl", "jq"):
        assert shutil.which(tool), f"{tool} is needed to run the examples of docs/api.md"
    japan = factories.make_user("isa", Role.CONTACT_POINT, username="docs_jp_cp")
    kyrgyzstan = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="docs_kg_cp")
    env = {
        **os.environ,
        "BASE": live_server.url,
        "TOKEN_JP": _token(japan),
        "TOKEN_KG": _token(kyrgyzstan),
    }
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", example(MARKER)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    inquiry = Communication.objects.get(kind="inquiry")
    answer = Communication.objects.get(kind="inquiry_answer")
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        f"{inquiry.pk} Where is A. Osmonov employed now?",
        "Where is A. Osmonov employed now?",
    ]
    assert lines[3] == str(answer.pk)
    receipts = json.loads(result.stdout[result.stdout.index("{") :])
    assert receipts["first_opened_by"] == receipts["acknowledged_by"] == "docs_kg_cp"
    assert all(receipts[k] for k in ("first_opened_at", "acknowledged_at", "answered_at"))
    assert inquiry.acknowledged_at is not None and inquiry.answered_at is not None
