"""Every kind issue 3 names, sent and answered end to end through the API and offered on
the compose page: information share (4.1), notice of improper activity answered by the
report of results (7.3), inquiry and answer (6.4, 7.6), cooperation request on exams and
its answer (5), report of exam fraud (5), general notice."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import ApiToken
from sswbridge.exchange.models import Communication
from tests.helpers import factories

pytestmark = pytest.mark.django_db

BASE = "/api/v1/exchange"

# kind → (payload, answer kind or None)
FLOWS: dict[str, tuple[dict[str, Any], str | None]] = {
    "intermediary_share": ({"acts": ["money_or_property", "forged_documents"]}, None),
    "improper_activity_notice": ({"sending_organization": "Ala-Too Sending LLC"}, "results_report"),
    "inquiry": ({}, "inquiry_answer"),
    "exam_cooperation_request": (
        {"topics": ["exam_venue", "other"], "other_text": "Test dates"},
        "exam_cooperation_answer",
    ),
    "exam_fraud_report": (
        {"exam": "Nursing care skill test", "fraud_types": ["proxy_test_taking"]},
        None,
    ),
    "general_notice": ({}, None),
}


def _api(user: Any) -> Client:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(BASE + path, data, content_type="application/json")


@pytest.mark.parametrize("kind", list(FLOWS))
def test_each_kind_is_sent_received_and_answered_as_declared(kind, jp_cp, kg_cp):
    payload, answer_kind = FLOWS[kind]
    sent = _post(
        _api(jp_cp),
        "/communications",
        {"framework": "jp-kg", "kind": kind, "subject": f"About {kind}", "payload": payload},
    )
    assert sent.status_code == 201, sent.json()
    body = sent.json()
    assert (body["kind"], body["payload"]) == (kind, payload)
    assert (body["due_date"] is not None) == (answer_kind is not None)
    kyrgyz = _api(kg_cp)
    inbox = kyrgyz.get(BASE + "/inbox", {"kind": kind}).json()["items"]
    assert [item["id"] for item in inbox] == [body["id"]]
    if answer_kind is None:
        return
    wrong = _post(
        kyrgyz, f"/communications/{body['id']}/answer", {"kind": "general_notice", "subject": "Re"}
    )
    assert wrong.status_code == 400 and "code" in wrong.json()
    reply = _post(
        kyrgyz, f"/communications/{body['id']}/answer", {"kind": answer_kind, "subject": "Re"}
    )
    assert reply.status_code == 201, reply.json()
    assert reply.json()["in_reply_to"] == body["id"]
    original = Communication.objects.get(pk=body["id"])
    assert original.answered_at is not None


@pytest.mark.parametrize("kind", list(FLOWS))
def test_the_compose_page_offers_each_kind_with_its_fields(kind, kg_cp):
    client = factories.verified_client(kg_cp)
    assert f"kind={kind}" in client.get("/exchange/compose/").content.decode()
    page = client.get("/exchange/compose/", {"kind": kind}).content.decode()
    for name in FLOWS[kind][0]:
        assert f'name="p_{name}"' in page


def test_the_kinds_api_describes_each_kind_and_its_answer(jp_cp):
    kinds = {k["key"]: k for k in _api(jp_cp).get(BASE + "/kinds").json()}
    for kind, (_payload, answer_kind) in FLOWS.items():
        assert kinds[kind]["needs_answer"] is (answer_kind is not None)
        assert kinds[kind]["answer_kinds"] == ([answer_kind] if answer_kind else [])
    fraud = {f["name"]: f for f in kinds["exam_fraud_report"]["fields"]}
    assert [c["value"] for c in fraud["fraud_types"]["choices"]] == [
        "proxy_test_taking",
        "forged_certificate",
        "other",
    ]
