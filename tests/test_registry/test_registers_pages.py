"""The register pages for staff, and the public portal pages of the two registers."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.publication import services as publishing
from sswbridge.publication.models import Publication
from sswbridge.sending.models import SendingOrganization
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories
from tests.helpers.registers import APPLICATION, approved, checklist, order

pytestmark = pytest.mark.django_db


def _form(values: dict) -> dict:
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}
    names = data.pop("names", [])
    data["other_names"] = "\n".join(f"{n['language']}: {n['value']}" for n in names)
    return data


def test_registrar_records_an_application_in_the_form(kg_registrar, jp_kg):
    client = factories.verified_client(kg_registrar)
    data = {**_form(APPLICATION), "framework": jp_kg.pk, "ssw_fields": ["construction"]}
    response = client.post(reverse("sending:sending_organization_create"), data)
    org = SendingOrganization.objects.get()
    assert response.status_code == 302
    assert list(org.ssw_fields.values_list("code", flat=True)) == ["construction"]
    assert org.name_in("ky") == "«Ала-Тоо Эмгек Көпүрөсү» ЖЧК"
    assert org.names.get(language="ru").script == "Cyrl"


def test_examination_page_marks_each_criterion(kg_registrar, jp_kg):
    first, second = checklist(kg_registrar, jp_kg)
    org = sending_services.apply(actor=kg_registrar, framework=jp_kg, **APPLICATION)
    client = factories.verified_client(kg_registrar)
    client.post(
        reverse("sending:sending_organization_examine", args=[org.pk]),
        {f"met_{first.pk}": "met", f"evidence_{first.pk}": "Permit", f"met_{second.pk}": "not_met"},
    )
    results = dict(org.examination.values_list("criterion__code", "met"))
    assert results == {"permit": True, "no-deposits": False}


def test_decision_page_shows_why_an_approval_is_refused(kg_registrar, jp_kg):
    checklist(kg_registrar, jp_kg)
    org = sending_services.apply(actor=kg_registrar, framework=jp_kg, **APPLICATION)
    client = factories.verified_client(kg_registrar)
    response = client.post(
        reverse("sending:sending_organization_decide", args=[org.pk]), {"decision": "approve"}
    )
    assert "Every criterion of the checklist must be met" in response.content.decode()


def test_an_auditor_may_not_open_the_application_form(jp_kg):
    auditor = factories.make_user("kg-mlssm", Role.AUDITOR)
    response = factories.verified_client(auditor).get(
        reverse("sending:sending_organization_create")
    )
    assert response.status_code == 403


def test_japan_does_not_see_the_partners_examination(kg_registrar, jp_cp, jp_kg):
    org = approved(kg_registrar, jp_kg)
    page = factories.verified_client(jp_cp).get(
        reverse("sending:sending_organization_detail", args=[org.pk])
    )
    assert page.status_code == 200
    assert 'data-testid="examination"' not in page.content.decode()


def test_detail_page_shows_the_receipt_of_the_approval_notice(kg_registrar, jp_cp, jp_kg):
    from sswbridge.exchange import receipts

    org = approved(kg_registrar, jp_kg)
    notice = org.status_changes.get(to_status="approved").communication
    receipts.acknowledge(actor=jp_cp, communication=notice)
    page = factories.verified_client(kg_registrar).get(
        reverse("sending:sending_organization_detail", args=[org.pk])
    )
    assert jp_cp.username in page.content.decode()


def test_japanese_registrar_publishes_from_the_queue(kg_registrar, jp_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    waiting = Publication.objects.get(portal="jp", sending_organization=org)
    client = factories.verified_client(jp_registrar)
    assert org.name_en in client.get(reverse("publication:queue")).content.decode()
    client.post(reverse("publication:publish", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.is_published


def test_improvement_order_form_sends_the_order(jp_registrar, jp_kg):
    client = factories.verified_client(jp_registrar)
    data = {
        "framework": jp_kg.pk,
        "order_date": "2026-03-02",
        "organization_name": "株式会社みどり農園",
        "address": "千葉県",
        "representative": "佐藤 花子",
        "legal_basis": "Article 19-21",
        "measures": "Keep records",
    }
    response = client.post(reverse("orders:improvement_order_create"), data)
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert 'data-testid="receipt-delivered"' in detail


def _portal(country: str, name: str, **kwargs) -> str:
    return reverse(f"publication:{name}", kwargs={"country": country, **kwargs})


def test_portal_shows_a_revocation_with_its_date_and_reason(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="revoked", reason="Deposits collected"
    )
    page = Client().get(_portal("kg", "sending_organization", pk=org.pk)).content.decode()
    assert "The approval was revoked on" in page and "Deposits collected" in page


def test_japan_portal_does_not_show_what_it_has_not_published(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    assert Client().get(_portal("jp", "sending_organization", pk=org.pk)).status_code == 404


def test_unknown_portal_is_not_found(jp_kg):
    assert Client().get(_portal("xx", "sending_organizations")).status_code == 404


def test_portal_list_answers_304_to_a_conditional_request(kg_registrar, jp_kg):
    approved(kg_registrar, jp_kg)
    first = Client().get(_portal("kg", "sending_organizations"))
    again = Client().get(_portal("kg", "sending_organizations"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert (first.status_code, again.status_code) == (200, 304)


def test_portal_list_changes_its_etag_after_a_revocation(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    first = Client().get(_portal("kg", "sending_organizations"))
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="revoked", reason="Fees"
    )
    again = Client().get(_portal("kg", "sending_organizations"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200


def test_portal_search_finds_a_kyrgyz_name_written_in_latin(kg_registrar, jp_kg):
    approved(kg_registrar, jp_kg)
    page = Client().get(_portal("kg", "sending_organizations"), {"q": "Ala-Too Emgek"})
    assert "Ala-Too Labour Bridge LLC" in page.content.decode()


def test_csv_download_neutralizes_a_formula_in_a_name(kg_registrar, jp_kg):
    approved(kg_registrar, jp_kg, name_en='=HYPERLINK("http://x")')
    response = Client().get(_portal("kg", "sending_organizations"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith("=") for cell in cells)


def test_json_download_states_status_date_and_reason(kg_registrar, jp_kg):
    org = approved(kg_registrar, jp_kg)
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="revoked", reason="Fees"
    )
    response = Client().get(_portal("kg", "sending_organizations"), {"format": "json"})
    document = json.loads(response.content)
    text = json.dumps(document, ensure_ascii=False)
    assert '"revoked"' in text and '"Fees"' in text and "licence" in text


def test_partner_portal_shows_an_improvement_order_with_its_notification(
    jp_registrar, kg_registrar, jp_kg
):
    publishing.update_settings(actor=kg_registrar, framework=jp_kg, auto_publish_on_receipt=True)
    item = order(jp_registrar, jp_kg)
    page = Client().get(_portal("kg", "improvement_order", pk=item.pk)).content.decode()
    assert item.organization_name in page and 'data-testid="notified-at"' in page


def test_portal_list_query_count_does_not_grow_with_the_list(
    kg_registrar, jp_kg, django_assert_max_num_queries
):
    for n in range(5):
        approved(kg_registrar, jp_kg, registration_number=f"R-{n}")
    with django_assert_max_num_queries(12):
        Client().get(_portal("kg", "sending_organizations"))
