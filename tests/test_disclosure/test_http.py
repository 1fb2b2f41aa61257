"""The pages and the API of disclosure, both sides of every permission."""

from __future__ import annotations

import io
import zipfile

import pytest

from sswbridge.disclosure.models import Disclosure, DisclosureRequest
from sswbridge.exchange.models import Attachment
from tests.helpers import factories
from tests.helpers.api import Api
from tests.helpers.disclosure import SECRET_BODY, in_a_month, pdf_pages, squash

pytestmark = pytest.mark.django_db


def _body(response):  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_whole_flow_through_the_pages(jp_officer, kg_cp, kg_officer, received):
    jp = factories.verified_client(jp_officer)
    page = jp.get("/disclosure/new/")
    assert page.status_code == 200 and str(received.pk) in page.content.decode()
    attachment = Attachment.objects.get(communication=received)
    response = jp.post(
        "/disclosure/new/",
        {
            "third_party_type": "court",
            "third_party_name": "Бишкек шаардык соту",
            "purpose": "Trial",
            "pick": [
                f"communication|{received.pk}|field|subject",
                f"communication|{received.pk}|file|{attachment.pk}",
            ],
        },
    )
    r = DisclosureRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{r.pk}/")
    assert r.items.get().fields == ["subject"]
    # The requester cannot grant; the other side's officer neither; its contact point can.
    jp.post(f"/disclosure/{r.pk}/grant/", {"expires_on": in_a_month().isoformat()})
    factories.verified_client(kg_officer).post(
        f"/disclosure/{r.pk}/grant/", {"expires_on": in_a_month().isoformat()}
    )
    r.refresh_from_db()
    assert r.status == "pending"
    kg = factories.verified_client(kg_cp)
    detail = kg.get(f"/disclosure/{r.pk}/")
    assert b'data-testid="grant-consent"' in detail.content
    kg.post(
        f"/disclosure/{r.pk}/grant/", {"expires_on": in_a_month().isoformat(), "conditions": "x"}
    )
    r.refresh_from_db()
    assert r.status == "granted"
    consent = jp.get(f"/disclosure/{r.pk}/consent.pdf")
    assert consent["Content-Type"] == "application/pdf"
    assert squash(r.consent_reference) in "".join(pdf_pages(consent.content))
    # Only the requesting agency exports.
    assert kg.post(f"/disclosure/{r.pk}/export/").status_code == 302
    assert not Disclosure.objects.exists()
    export = jp.post(f"/disclosure/{r.pk}/export/")
    d = Disclosure.objects.get()
    assert export["Location"].endswith(f"/disclosure/packages/{d.pk}/")
    package = jp.get(export["Location"])
    files = zipfile.ZipFile(io.BytesIO(_body(package))).namelist()
    assert "disclosure.pdf" in files and "manifest.json" in files
    assert kg.get(f"/disclosure/packages/{d.pk}/").status_code == 403
    ledger = kg.get("/disclosure/ledger/").content.decode()
    assert d.package_sha256 in ledger and r.consent_reference in ledger
    assert SECRET_BODY not in ledger


def test_hidden_from_another_framework_and_anonymous(jp_officer, kg_cp, received, jp_uz):
    from sswbridge.accounts.models import Role
    from sswbridge.disclosure import services
    from tests.helpers.disclosure import file_request

    r = file_request(jp_officer, received, ["subject"])
    services.grant(actor=kg_cp, request=r, expires_on=in_a_month())
    uz = factories.verified_client(factories.make_user("uz-agency", Role.CONTACT_POINT))
    for path in (f"/disclosure/{r.pk}/", f"/disclosure/{r.pk}/consent.pdf"):
        assert uz.get(path).status_code == 404
    assert uz.post(f"/disclosure/{r.pk}/export/").status_code == 404
    from django.test import Client

    assert Client().get("/disclosure/ledger/").status_code == 302


def test_the_api_flow(jp_officer, kg_cp, received, jp_uz):
    from sswbridge.accounts.models import Role

    jp, kg = Api(jp_officer, "/api/v1/disclosure"), Api(kg_cp, "/api/v1/disclosure")
    offered = jp.get(f"/choices/communication/{received.pk}").json()
    assert [f["name"] for f in offered["fields"]][:2] == ["subject", "body"]
    assert len(offered["files"]) == 1
    assert kg.get(f"/choices/communication/{received.pk}").status_code == 404  # its own
    created = jp.post(
        "/requests",
        {
            "third_party_type": "foreign_state",
            "third_party_name": "Republic of Kazakhstan",
            "purpose": "Mutual legal assistance",
            "items": [{"kind": "communication", "id": str(received.pk), "fields": ["subject"]}],
        },
    )
    assert created.status_code == 201, created.content
    rid = created.json()["id"]
    assert jp.post(f"/requests/{rid}/exports").status_code == 409  # no consent yet
    assert (
        jp.post(f"/requests/{rid}/grant", {"expires_on": in_a_month().isoformat()}).status_code
        == 403
    )
    granted = kg.post(f"/requests/{rid}/grant", {"expires_on": in_a_month().isoformat()})
    assert granted.status_code == 200 and granted.json()["consent_in_force"]
    assert kg.post(f"/requests/{rid}/exports").status_code == 403
    made = jp.post(f"/requests/{rid}/exports")
    assert made.status_code == 201
    did = made.json()["id"]
    assert [d["id"] for d in kg.get("/ledger").json()] == [did]
    assert jp.get(f"/ledger/{did}/package").status_code == 200
    assert kg.get(f"/ledger/{did}/package").status_code == 403
    assert jp.get(f"/requests/{rid}/consent.pdf").status_code == 200
    uz = Api(factories.make_user("uz-agency", Role.CONTACT_POINT), "/api/v1/disclosure")
    assert uz.get(f"/requests/{rid}").status_code == 404
    assert uz.get("/ledger").json() == []
    assert uz.get(f"/ledger/{did}/package").status_code == 404
