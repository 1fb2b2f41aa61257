from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from sswbridge.exchange.models import Communication
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db

BASE = "/api/v1/exchange"


SHARE = {
    "framework": "jp-kg",
    "kind": "intermediary_share",
    "subject": "Ak-Jol Travel",
    "body": "Penalty contracts and fees without basis.",
    "payload": {"acts": ["penalty_contract", "unexplained_fees"]},
}


def test_share_flow_through_the_api(kg_cp, jp_cp):
    kg, jp = Api(kg_cp), Api(jp_cp)
    created = kg.post("/communications", SHARE)
    assert created.status_code == 201
    cid = created.json()["id"]
    unread = jp.get("/inbox", folder="unread").json()
    assert [item["id"] for item in unread["items"]] == [cid]
    assert jp.get(f"/communications/{cid}").json()["first_opened_by"] == "jp_cp"
    assert jp.post(f"/communications/{cid}/acknowledge").json()["acknowledged_by"] == "jp_cp"
    [sent] = kg.get("/outbox").json()["items"]
    assert None not in (sent["delivered_at"], sent["first_opened_at"], sent["acknowledged_at"])


def test_created_communication_carries_its_hash(kg_cp):
    body = Api(kg_cp).post("/communications", SHARE).json()
    assert body["content_hash"] == Communication.objects.get(pk=body["id"]).content_hash


def test_the_senders_own_get_does_not_count_as_opening(kg_cp):
    kg = Api(kg_cp)
    cid = kg.post("/communications", SHARE).json()["id"]
    assert kg.get(f"/communications/{cid}").json()["first_opened_at"] is None


def test_officer_acknowledging_gets_403_with_a_code(share, jp_officer):
    response = Api(jp_officer).post(f"/communications/{share.pk}/acknowledge")
    assert response.status_code == 403
    assert response.json()["code"] == "not_recipient_contact_point"


def test_acknowledging_twice_gets_409(share, jp_cp):
    jp = Api(jp_cp)
    jp.post(f"/communications/{share.pk}/acknowledge")
    response = jp.post(f"/communications/{share.pk}/acknowledge")
    assert (response.status_code, response.json()["code"]) == (409, "already_acknowledged")


def test_share_without_acts_gets_400_naming_the_field(kg_cp):
    response = Api(kg_cp).post("/communications", {**SHARE, "payload": {}})
    assert response.status_code == 400
    assert "acts" in response.json()["errors"]


def test_public_marking_is_refused(kg_cp):
    response = Api(kg_cp).post("/communications", {**SHARE, "marking": "public"})
    assert response.status_code == 422


def test_unknown_kind_gets_400(kg_cp):
    response = Api(kg_cp).post("/communications", {**SHARE, "kind": "gossip"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_input")


def test_null_characters_get_400_not_500(kg_cp):
    response = Api(kg_cp).post("/communications", {**SHARE, "subject": "a\x00b"})
    assert response.status_code == 400


def test_unknown_framework_gets_404(kg_cp):
    response = Api(kg_cp).post("/communications", {**SHARE, "framework": "jp-uz"})
    assert (response.status_code, response.json()["code"]) == (404, "unknown_framework")


def test_inquiry_answered_through_the_api(kg_cp, jp_cp):
    cid = (
        Api(kg_cp).post("/communications", {**SHARE, "kind": "inquiry", "payload": {}}).json()["id"]
    )
    reply = Api(jp_cp).post(
        f"/communications/{cid}/answer", {"kind": "inquiry_answer", "subject": "Re"}
    )
    assert reply.status_code == 201
    assert Communication.objects.get(pk=cid).answered_at is not None


def test_overdue_list_through_the_api(kg_cp, jp_cp):
    late = factories.make_communication(
        sender=kg_cp, kind="inquiry", subject="Late", due_date=dt.date(2024, 1, 5)
    )
    items = Api(jp_cp).get("/inbox", folder="overdue").json()["items"]
    assert [(i["id"], i["overdue"]) for i in items] == [(str(late.pk), True)]


def test_correction_through_the_api(share, kg_cp):
    response = Api(kg_cp).post(
        f"/communications/{share.pk}/correct",
        {"subject": "Corrected", "payload": {"acts": ["penalty_contract"]}},
    )
    body = response.json()
    assert (body["supersedes"], body["version"]) == (str(share.pk), 2)


def test_draft_then_send(kg_cp):
    kg = Api(kg_cp)
    draft = kg.post("/communications", {**SHARE, "send": False}).json()
    assert draft["status"] == "draft"
    assert kg.post(f"/communications/{draft['id']}/send").json()["status"] == "sent"


def test_list_is_paged(kg_cp, jp_cp):
    for n in range(3):
        factories.make_communication(sender=kg_cp, subject=f"Notice {n}")
    page = Api(jp_cp).get("/inbox", limit=2, offset=2).json()
    assert (page["count"], len(page["items"])) == (3, 1)


def test_search_over_subject_and_body(share, jp_cp):
    page = Api(jp_cp).get("/inbox", q="without basis").json()
    assert page["count"] == 0
    page = Api(jp_cp).get("/inbox", q="unexplained").json()
    assert page["count"] == 1


def test_kinds_describe_the_acts_of_a_share(jp_cp):
    kinds = {k["key"]: k for k in Api(jp_cp).get("/kinds").json()}
    acts = next(f for f in kinds["intermediary_share"]["fields"] if f["name"] == "acts")
    assert [c["value"] for c in acts["choices"]][:5] == [
        "money_or_property",
        "penalty_contract",
        "human_rights",
        "forged_documents",
        "unexplained_fees",
    ]


@pytest.mark.parametrize(
    "method,suffix,data",
    [
        ("get", "", None),
        ("post", "/acknowledge", None),
        ("post", "/send", None),
        ("post", "/answer", {"kind": "inquiry_answer", "subject": "x"}),
        ("post", "/correct", {"subject": "x"}),
    ],
)
def test_second_framework_user_gets_404_for_every_operation(share, jp_uz, method, suffix, data):
    uz = Api(factories.make_user("uz-agency", Role.CONTACT_POINT))
    path = f"/communications/{share.pk}{suffix}"
    response = uz.get(path) if method == "get" else uz.post(path, data)
    assert response.status_code == 404


def test_second_framework_user_sees_nothing_in_lists(share, jp_uz):
    uz = Api(factories.make_user("uz-agency", Role.CONTACT_POINT))
    assert uz.get("/inbox").json()["count"] == uz.get("/outbox").json()["count"] == 0


def test_anonymous_request_gets_401_for_a_list_and_404_for_a_communication(share):
    assert Client().get(f"{BASE}/inbox").status_code == 401
    response = Client().get(f"{BASE}/communications/{share.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
