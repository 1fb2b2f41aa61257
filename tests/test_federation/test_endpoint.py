"""The federation endpoint: a signed envelope is stored once and answered with a signed
receipt; every refusal has its code and its audit entry on this (the receiving) node."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sswbridge.audit.models import AuditEntry
from sswbridge.core import nodekey
from sswbridge.federation import canonical, receipts, services
from sswbridge.federation.models import Direction, Envelope, SeenNonce
from sswbridge.federation.services import inbox
from tests.helpers.federation import ENDPOINT, RESEND, PeerNode, new_key

pytestmark = pytest.mark.django_db


def _refusals() -> list[dict[str, Any]]:
    return [
        e.changes for e in AuditEntry.objects.filter(action="federation.refused").order_by("seq")
    ]


def _check_receipt(answer: Any, data: dict[str, Any]) -> dict[str, Any]:
    own = nodekey.current().public
    return receipts.check(
        answer.json(),
        envelope_id=data["id"],
        content_hash=canonical.digest(data),
        keys={own.key_id: own.key},
    )


def test_a_signed_envelope_is_stored_once_with_a_signed_receipt(kg_peer, kg_node):
    data = kg_node.envelope({"subject": "Ak-Jol Travel", "count": 3}, withheld={"informant": "A"})
    first = kg_node.post(Client(), data)
    assert first.status_code == 200, first.content
    receipt = _check_receipt(first, data)
    assert receipt["kind"] == "delivered"
    stored = Envelope.objects.get(pk=data["id"])
    assert (stored.direction, stored.sequence, stored.payload) == (
        Direction.IN,
        1,
        {"subject": "Ak-Jol Travel", "count": 3},
    )
    assert "informant" in stored.commitments and "informant" not in str(stored.payload)
    assert stored.sender_key_id == kg_node.key.key_id
    # Redelivered (a new request, fresh nonce): stored once, the same receipt again.
    again = kg_node.post(Client(), data)
    assert again.status_code == 200 and again.json()["receipt"] == first.json()["receipt"]
    assert Envelope.objects.filter(direction=Direction.IN).count() == 1
    assert AuditEntry.objects.filter(action="federation.received").count() == 1


def test_a_withheld_value_released_later_is_checked_against_its_commitment(kg_peer, kg_node):
    from sswbridge.federation import commitments

    committed = commitments.commit_fields({"subject": "x"}, {"informant": "Asel"})
    data = kg_node.envelope({"subject": "x"})
    data["commitments"] = committed.commitments
    data["salts"] = committed.salts
    assert kg_node.post(Client(), data).status_code == 200
    stored = Envelope.objects.get(pk=data["id"])
    salt = committed.withheld["informant"]["salt"]
    assert inbox.check_release(stored, "informant", "Asel", salt)
    assert not inbox.check_release(stored, "informant", "Aisel", salt)
    assert not inbox.check_release(stored, "subject", "x", committed.salts["subject"])


def test_the_receiver_reports_a_gap_and_closes_it(kg_peer, kg_node):
    third = kg_node.envelope(sequence=3)
    answer = kg_node.post(Client(), third).json()
    assert (answer["contiguous"], answer["missing"]) == (0, [1, 2])
    for n in (1, 2):
        answer = kg_node.post(Client(), kg_node.envelope(sequence=n)).json()
    assert (answer["contiguous"], answer["missing"]) == (3, None)


def _refused(response: Any, code: str, status: int) -> None:
    assert (response.status_code, response.json()["code"]) == (status, code), response.content
    assert _refusals()[-1]["code"] == code


def test_unsigned(kg_peer):
    response = Client().post(ENDPOINT, data=b"{}", content_type="application/json")
    _refused(response, "unsigned", 400)


def test_unknown_key(kg_peer):
    stranger = PeerNode()
    _refused(stranger.post(Client(), stranger.envelope()), "unknown_key", 401)
    assert _refusals()[-1]["key_id"] == stranger.key.key_id


def test_revoked_key(kg_peer, kg_node):
    services.revoke_key(actor=None, key=kg_peer.keys.get())
    _refused(kg_node.post(Client(), kg_node.envelope()), "revoked_key", 401)


def test_rotation_accepts_both_keys_during_the_overlap_then_only_the_new(kg_peer, kg_node):
    new = new_key()
    services.rotate_key(
        actor=None, peer=kg_peer, public_key=new.public.raw_base64, overlap=dt.timedelta(hours=1)
    )
    assert kg_node.post(Client(), kg_node.envelope()).status_code == 200
    old_key = kg_node.key
    kg_node.key = new
    assert kg_node.post(Client(), kg_node.envelope()).status_code == 200
    kg_peer.keys.filter(key_id=old_key.key_id).update(
        accepted_until=timezone.now() - dt.timedelta(seconds=1)
    )
    kg_node.key = old_key
    _refused(kg_node.post(Client(), kg_node.envelope()), "expired_key", 401)


def test_bad_signature(kg_peer, kg_node):
    data = canonical.dumps(kg_node.envelope())
    headers = kg_node.headers(data)
    headers["Signature"] = headers["Signature"][:-10] + "AAAAAAAAA:"
    _refused(kg_node.post(Client(), data, headers=headers), "bad_signature", 401)


def test_tampered_body(kg_peer, kg_node):
    data = canonical.dumps(kg_node.envelope({"subject": "pay 100"}))
    headers = kg_node.headers(data)
    tampered = data.replace(b"pay 100", b"pay 900")
    _refused(kg_node.post(Client(), tampered, headers=headers), "digest_mismatch", 400)
    assert not Envelope.objects.exists()


def test_replayed_nonce(kg_peer, kg_node):
    data = canonical.dumps(kg_node.envelope())
    headers = kg_node.headers(data)
    assert kg_node.post(Client(), data, headers=headers).status_code == 200
    _refused(kg_node.post(Client(), data, headers=headers), "replayed_nonce", 401)
    assert SeenNonce.objects.count() == 1


def test_stale_request(kg_peer, kg_node):
    old = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    _refused(kg_node.post(Client(), kg_node.envelope(), created=old), "stale_request", 401)
    future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    _refused(kg_node.post(Client(), kg_node.envelope(), created=future), "stale_request", 401)


def test_commitment_mismatch(kg_peer, kg_node):
    data = kg_node.envelope({"subject": "true"})
    data["visible"]["subject"] = "changed"
    _refused(kg_node.post(Client(), data), "commitment_mismatch", 422)


def test_not_hosted(kg_peer, kg_node):
    data = kg_node.envelope()
    data["to_side"] = "KG"
    data["from_side"] = "JP"
    _refused(kg_node.post(Client(), data), "not_hosted", 422)


def test_peer_mismatch_and_unknown_framework(kg_peer, kg_node, jp_uz):
    data = kg_node.envelope()
    data["framework"] = "jp-uz"
    data["from_side"] = "UZ"
    _refused(kg_node.post(Client(), data), "peer_mismatch", 403)
    data["framework"] = "jp-zz"
    _refused(kg_node.post(Client(), data), "unknown_framework", 422)


def test_malformed_and_conflicting(kg_peer, kg_node):
    _refused(kg_node.post(Client(), b'{"hello": 1}'), "malformed_envelope", 400)
    data = kg_node.envelope()
    assert kg_node.post(Client(), data).status_code == 200
    other = kg_node.envelope({"subject": "other"}, sequence=data["sequence"])
    other["id"] = data["id"]
    _refused(kg_node.post(Client(), other), "conflicting_envelope", 409)
    same_number = kg_node.envelope(sequence=data["sequence"])
    _refused(kg_node.post(Client(), same_number), "conflicting_sequence", 409)


def test_each_refusal_names_the_framework_side_for_its_auditors(kg_peer, kg_node):
    data = kg_node.envelope({"subject": "true"})
    data["visible"]["subject"] = "changed"
    kg_node.post(Client(), data)
    entry = AuditEntry.objects.get(action="federation.refused")
    assert (entry.framework_code, entry.side_code, entry.object_id) == ("jp-kg", "JP", data["id"])


def test_per_peer_rate_limit(kg_peer, kg_node, settings):
    settings.FEDERATION_RATE_LIMIT = (2, 60)
    codes = [kg_node.post(Client(), kg_node.envelope()).status_code for _ in range(3)]
    assert codes[:2] == [200, 200] and codes[2] == 429
    assert _refusals()[-1]["code"] == "rate_limited"


def test_get_is_not_allowed(kg_peer):
    assert Client().get(ENDPOINT).status_code == 405


def test_the_peer_asks_to_resend_from_a_sequence(kg_peer, kg_node, jp_kg):
    from sswbridge.frameworks.models import Side

    kg = Side.objects.get(code="KG")
    sent = [services.enqueue(jp_kg, kg, "test.note", {"n": n}) for n in range(3)]
    Envelope.objects.filter(pk__in=[e.pk for e in sent]).update(status="delivered")
    body = {"framework": "jp-kg", "from_side": "JP", "to_side": "KG", "from_sequence": 2}
    answer = kg_node.post(Client(), body, path=RESEND)
    assert answer.json() == {"requeued": 2}, answer.content
    statuses = dict(Envelope.objects.values_list("sequence", "status"))
    assert statuses == {1: "delivered", 2: "queued", 3: "queued"}
    stranger = PeerNode()
    _refused(stranger.post(Client(), body, path=RESEND), "unknown_key", 401)


def test_this_node_asks_a_peer_to_resend_from_the_first_missing_number(
    kg_peer, kg_node, monkeypatch
):
    from sswbridge.federation import resend, transport

    kg_node.post(Client(), kg_node.envelope(sequence=1))
    kg_node.post(Client(), kg_node.envelope(sequence=3))
    asked: list[dict[str, Any]] = []

    def post(url: str, body: bytes, *, timeout: float | None = None) -> transport.Answer:
        asked.append({"url": url, **__import__("json").loads(body)})
        return transport.Answer(200, {"requeued": 2})

    monkeypatch.setattr(transport, "post", post)
    assert resend.ask(kg_peer) == 2
    assert asked == [
        {
            "url": "https://kg.example.test/federation/v1/resend",
            "framework": "jp-kg",
            "from_side": "KG",
            "to_side": "JP",
            "from_sequence": 2,
        }
    ]
    monkeypatch.setattr(
        transport, "post", lambda *a, **k: transport.Answer(401, {"code": "unknown_key"})
    )
    with pytest.raises(resend.ResendFailed, match="unknown_key"):
        resend.ask(kg_peer, from_sequence=1)
