"""The registers' API: the same actions as the pages, with receipts; isolation with bodies."""

from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from sswbridge.publication.models import Publication
from sswbridge.sending.models import ExaminationCriterion
from tests.helpers import factories
from tests.helpers.api import RegistryApi as Api
from tests.helpers.registers import approved, order

pytestmark = pytest.mark.django_db

APPLICATION = {
    "framework": "jp-kg",
    "name_en": "Naryn Workforce LLC",
    "name_ky": "«Нарын Жумушчу Күч» ЖЧК",
    "registration_number": "NRN-77",
    "ssw_fields": ["agriculture"],
}


def test_registrar_applies_examines_and_approves_through_the_api(kg_registrar, jp_kg):
    api = Api(kg_registrar)
    criterion = api.post(
        "/frameworks/jp-kg/criteria", {"code": "permit", "text": "Valid permit"}
    ).json()
    org = api.post("/sending-organizations", APPLICATION)
    assert org.status_code == 201
    org_id = org.json()["id"]
    examined = api.post(
        f"/sending-organizations/{org_id}/examination",
        {"criterion": criterion["id"], "met": True, "evidence": "Permit P-1 seen"},
    )
    assert examined.json()[0]["met"] is True
    decided = api.post(
        f"/sending-organizations/{org_id}/decision", {"decision": "approve", "reasons": "ok"}
    )
    body = decided.json()
    assert body["status"] == "approved"
    notice = body["history"][-1]["notice"]
    assert notice["kind"] == "sending_org_approval_notice" and notice["delivered_at"]


def test_approval_without_examination_is_refused_with_the_field(kg_registrar, jp_kg):
    api = Api(kg_registrar)
    api.post("/frameworks/jp-kg/criteria", {"code": "permit", "text": "Valid permit"})
    org_id = api.post("/sending-organizations", APPLICATION).json()["id"]
    response = api.post(f"/sending-organizations/{org_id}/decision", {"decision": "approve"})
    assert response.status_code == 400
    assert "decision" in response.json()["errors"]


def test_an_auditor_reads_but_may_not_apply(jp_kg):
    api = Api(factories.make_user("kg-mlssm", Role.AUDITOR))
    response = api.post("/sending-organizations", APPLICATION)
    assert (response.status_code, response.json()["code"]) == (403, "not_partner_registrar")


def test_revocation_through_the_api_carries_its_receipt(kg_registrar, jp_cp, jp_kg):
    org = approved(kg_registrar, jp_kg)
    response = Api(kg_registrar).post(
        f"/sending-organizations/{org.pk}/status",
        {"status": "revoked", "reason": "Deposits", "effective_date": "2026-06-01"},
    )
    last = response.json()["history"][-1]
    assert (last["to_status"], last["reason"], last["effective_date"]) == (
        "revoked",
        "Deposits",
        "2026-06-01",
    )
    assert last["notice"]["kind"] == "sending_org_revocation_notice"


def test_japanese_registrar_publishes_what_waits_through_the_api(kg_registrar, jp_registrar, jp_kg):
    approved(kg_registrar, jp_kg)
    api = Api(jp_registrar)
    waiting = api.get("/publications", status="pending").json()["items"]
    assert [p["portal"] for p in waiting] == ["jp"]
    done = api.post(f"/publications/{waiting[0]['id']}/publish")
    assert done.json()["status"] == "published"
    assert done.json()["published_by"] == jp_registrar.username


def test_pending_publications_of_japan_are_not_shown_to_the_partner(kg_registrar, jp_kg):
    approved(kg_registrar, jp_kg)
    items = Api(kg_registrar).get("/publications", status="pending").json()["items"]
    assert items == []


def test_improvement_order_through_the_api_reaches_the_partner(jp_registrar, kg_cp, jp_kg):
    body = {
        "framework": "jp-kg",
        "order_date": "2026-03-02",
        "organization_name": "株式会社みどり農園",
        "address": "千葉県",
        "representative": "佐藤 花子",
        "legal_basis": "Article 19-21",
        "measures": "Keep proper records",
    }
    created = Api(jp_registrar).post("/improvement-orders", body)
    assert created.status_code == 201
    seen = Api(kg_cp).get(f"/improvement-orders/{created.json()['id']}").json()
    assert seen["notice"]["delivered_at"]


def test_publication_settings_are_set_per_side(kg_registrar, jp_kg):
    api = Api(kg_registrar)
    response = api.client.put(
        "/api/v1/registry/frameworks/jp-kg/publication-settings",
        {"auto_publish_on_receipt": True},
        content_type="application/json",
    )
    assert response.json() == {"framework": "jp-kg", "side": "KG", "auto_publish_on_receipt": True}


@pytest.fixture
def outsider_api(jp_uz):  # type: ignore[no-untyped-def]
    return Api(factories.make_user("uz-agency", Role.REGISTRAR))


def test_second_framework_user_gets_404_for_writes_with_valid_bodies(
    kg_registrar, jp_registrar, jp_kg, outsider_api
):
    org = approved(kg_registrar, jp_kg)
    criterion = ExaminationCriterion.objects.filter(framework=jp_kg).first()
    item = order(jp_registrar, jp_kg)
    client = outsider_api.client
    base = "/api/v1/registry"
    writes = [
        ("patch", f"/sending-organizations/{org.pk}", {"name_en": "X"}),
        (
            "post",
            f"/sending-organizations/{org.pk}/examination",
            {"criterion": str(criterion.pk), "met": True},
        ),
        ("post", f"/sending-organizations/{org.pk}/decision", {"decision": "refuse"}),
        ("post", f"/sending-organizations/{org.pk}/status", {"status": "revoked", "reason": "x"}),
        ("post", "/frameworks/jp-kg/criteria", {"code": "x", "text": "x"}),
        ("put", f"/criteria/{criterion.pk}", {"code": "x", "text": "x"}),
        ("put", "/frameworks/jp-kg/publication-settings", {"auto_publish_on_receipt": True}),
        ("post", f"/improvement-orders/{item.pk}/outcome", {"outcome": "x"}),
    ]
    for method, path, body in writes:
        response = getattr(client, method)(base + path, body, content_type="application/json")
        assert response.status_code == 404, path


def test_second_framework_user_gets_404_for_investigation_writes(
    kg_registrar, kg_cp, jp_cp, jp_kg, outsider_api
):
    from sswbridge.sending.services import investigations as investigation_services

    org = approved(kg_registrar, jp_kg)
    notice = factories.make_communication(
        jp_kg,
        sender=jp_cp,
        kind="improper_activity_notice",
        subject="Deposits",
        payload={"sending_organization": org.name_en},
    )
    item = investigation_services.open_investigation(actor=kg_cp, notice=notice, organization=org)
    client = outsider_api.client
    for path, body in (
        (f"/investigations/{item.pk}/actions", {"kind": "guidance", "text": "x"}),
        (f"/investigations/{item.pk}/report", {"subject": "x"}),
    ):
        response = client.post("/api/v1/registry" + path, body, content_type="application/json")
        assert response.status_code == 404, path
    assert Publication.objects.filter(portal="kg").count() == 1
