"""Several envelopes in one signed request (`v1/batches`): each is checked and stored as if
it had come alone, in order; a refused one is audited and leaves the others stored; the
request is signed once, and replaying it is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sswbridge.audit.models import AuditEntry
from sswbridge.federation import canonical
from sswbridge.federation.models import Direction, Envelope

pytestmark = pytest.mark.django_db

BATCHES = "/federation/v1/batches"


def test_a_batch_is_stored_envelope_by_envelope_and_signed_once(kg_peer, kg_node):
    good = [kg_node.envelope({"subject": f"note {n}"}) for n in range(3)]
    tampered = good[1]
    tampered["visible"]["subject"] = "pay 900"  # no longer opens its commitment
    body: dict[str, Any] = {"envelopes": good}
    answer = kg_node.post(Client(), body, path=BATCHES)
    assert answer.status_code == 200, answer.content
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [200, 422, 200]
    assert results[1]["code"] == "commitment_mismatch"
    assert results[0]["receipt"]["envelope_id"] == good[0]["id"]
    assert results[2]["missing"] == [2, 2]  # the receiver sees the gap the refusal left
    stored = Envelope.objects.filter(direction=Direction.IN).order_by("sequence")
    assert [str(e.pk) for e in stored] == [good[0]["id"], good[2]["id"]]
    refused = AuditEntry.objects.filter(action="federation.refused").get()
    assert refused.changes["code"] == "commitment_mismatch"
    assert refused.object_id == good[1]["id"]

    # The same request again is a replay; a new one redelivers, stored once.
    headers = kg_node.headers(canonical.dumps(body), path=BATCHES)
    first = kg_node.post(Client(), body, path=BATCHES, headers=headers)
    assert first.status_code == 200
    again = kg_node.post(Client(), body, path=BATCHES, headers=headers)
    assert (again.status_code, again.json()["code"]) == (401, "replayed_nonce")
    assert Envelope.objects.filter(direction=Direction.IN).count() == 2


def test_a_batch_that_is_not_a_list_of_envelopes_is_refused(kg_peer, kg_node):
    answer = kg_node.post(Client(), {"envelopes": []}, path=BATCHES)
    assert (answer.status_code, answer.json()["code"]) == (400, "malformed_envelope")
    answer = kg_node.post(Client(), {"envelopes": [{"id": "x"}]}, path=BATCHES)
    assert answer.status_code == 200
    assert answer.json()["results"][0]["code"] == "malformed_envelope"
