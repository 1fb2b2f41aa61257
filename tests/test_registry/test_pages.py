from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.exchange import services as exchange
from sswbridge.intermediaries.models import Intermediary
from sswbridge.intermediaries.services import intermediaries as services
from tests.helpers import factories
from tests.helpers.intermediaries import report

pytestmark = pytest.mark.django_db


def _list(user, **params):
    client = factories.verified_client(user)
    return client.get(reverse("intermediaries:intermediary_list"), params).content.decode()


def test_the_list_finds_an_intermediary_by_any_of_its_names(kg_cp, ak_jol):
    assert "Ak-Jol Travel LLC" in _list(kg_cp, q="Ак-Жол")


def test_the_list_finds_an_intermediary_by_a_phone_written_another_way(kg_cp, ak_jol):
    assert "Ak-Jol Travel LLC" in _list(kg_cp, q="555 12-34-56")


def test_the_list_leaves_out_what_does_not_match(kg_cp, ak_jol):
    assert "Ak-Jol Travel LLC" not in _list(kg_cp, q="Sunrise")


def test_the_list_filters_by_kind_and_country(kg_cp, ak_jol):
    assert ("Ak-Jol" in _list(kg_cp, kind="corporation", country="kg")) and (
        "Ak-Jol" not in _list(kg_cp, kind="individual")
    )


def test_the_list_page_does_not_grow_queries_with_its_rows(kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)
    url = reverse("intermediaries:intermediary_list")
    report(kg_cp, jp_kg)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        report(kg_cp, jp_kg, names=[{"value": f"Broker {n}", "script": "Latn"}])
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == len(one)


def test_the_page_shows_names_identifiers_and_linked_people_both_ways(kg_cp, jp_kg, ak_jol):
    director = report(
        kg_cp,
        jp_kg,
        kind="individual",
        names=[{"value": "Асанов Бакыт", "script": "Cyrl", "language": "ky"}],
        identifiers=[],
    )
    services.link_person(actor=kg_cp, intermediary=ak_jol, person=director, relation="director")
    client = factories.verified_client(kg_cp)
    page = client.get(
        reverse("intermediaries:intermediary_detail", args=[ak_jol.pk])
    ).content.decode()
    person_page = client.get(reverse("intermediaries:intermediary_detail", args=[director.pk]))
    assert ("+996 (555) 12-34-56" in page, "Асанов Бакыт" in page) == (True, True)
    assert "Ak-Jol Travel LLC" in person_page.content.decode()


def test_the_page_lists_only_the_communications_the_user_may_see(kg_cp, jp_cp, jp_kg, ak_jol):
    shared = exchange.send_new(
        actor=kg_cp,
        framework=jp_kg,
        kind="general_notice",
        subject="Shared with Japan",
        intermediary_ids=[ak_jol.pk],
    )
    exchange.create_draft(
        actor=kg_cp,
        framework=jp_kg,
        kind="general_notice",
        subject="Kyrgyz draft only",
        intermediary_ids=[ak_jol.pk],
    )
    client = factories.verified_client(jp_cp)
    page = client.get(
        reverse("intermediaries:intermediary_detail", args=[ak_jol.pk])
    ).content.decode()
    assert (shared.subject in page, "Kyrgyz draft only" in page) == (True, False)


def test_the_originating_side_sees_its_draft_on_the_page(kg_cp, jp_kg, ak_jol):
    exchange.create_draft(
        actor=kg_cp,
        framework=jp_kg,
        kind="general_notice",
        subject="Kyrgyz draft only",
        intermediary_ids=[ak_jol.pk],
    )
    client = factories.verified_client(kg_cp)
    page = client.get(
        reverse("intermediaries:intermediary_detail", args=[ak_jol.pk])
    ).content.decode()
    assert "Kyrgyz draft only" in page


def test_an_officer_reports_an_intermediary_through_the_form(kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("intermediaries:intermediary_create"),
        {
            "framework": jp_kg.pk,
            "kind": "corporation",
            "country": "KG",
            "name": "Жаңы Жол ЖЧК",
            "script": "Cyrl",
            "language": "ky",
            "identifier_type": "tax_number",
            "identifier_value": "01234-567",
            "marking": "both",
        },
    )
    item = Intermediary.objects.get()
    assert response.status_code == 302
    assert (str(item), item.identifiers.get().normalized) == ("Жаңы Жол ЖЧК", "01234567")


def test_the_form_shows_a_bad_country_and_saves_nothing(kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("intermediaries:intermediary_create"),
        {
            "framework": jp_kg.pk,
            "kind": "corporation",
            "country": "K1",
            "name": "X",
            "script": "Latn",
            "marking": "both",
        },
    )
    assert (response.status_code, Intermediary.objects.count()) == (200, 0)


def test_an_auditor_may_not_open_the_create_form(kg_auditor):
    response = factories.verified_client(kg_auditor).get(
        reverse("intermediaries:intermediary_create")
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "intermediaries:intermediary_edit",
        "intermediaries:intermediary_add_name",
        "intermediaries:intermediary_add_identifier",
        "intermediaries:intermediary_link_person",
    ],
)
def test_an_auditor_may_not_change_an_intermediary(kg_auditor, ak_jol, name):
    response = factories.verified_client(kg_auditor).get(reverse(name, args=[ak_jol.pk]))
    assert response.status_code == 403


def test_the_other_side_may_not_edit_an_intermediary(jp_cp, ak_jol):
    response = factories.verified_client(jp_cp).get(
        reverse("intermediaries:intermediary_edit", args=[ak_jol.pk])
    )
    assert response.status_code == 403


def test_a_name_is_added_through_its_form(kg_cp, ak_jol):
    client = factories.verified_client(kg_cp)
    client.post(
        reverse("intermediaries:intermediary_add_name", args=[ak_jol.pk]),
        {"value": "ООО Ак-Жол Тревел", "script": "Cyrl", "language": "ru"},
    )
    assert ak_jol.names.filter(language="ru").exists()


def test_a_person_is_linked_through_its_form(kg_cp, jp_kg, ak_jol):
    director = report(
        kg_cp, jp_kg, kind="individual", names=[{"value": "Asanov", "script": "Latn"}]
    )
    client = factories.verified_client(kg_cp)
    client.post(
        reverse("intermediaries:intermediary_link_person", args=[ak_jol.pk]),
        {"person": director.pk, "relation": "founder"},
    )
    assert ak_jol.links_out.get().to_intermediary == director


def test_the_edit_form_changes_the_notes(kg_cp, ak_jol):
    client = factories.verified_client(kg_cp)
    client.post(
        reverse("intermediaries:intermediary_edit", args=[ak_jol.pk]),
        {"kind": "corporation", "country": "KG", "notes": "Closed in 2026.", "marking": "both"},
    )
    ak_jol.refresh_from_db()
    assert ak_jol.notes == "Closed in 2026."


def test_a_user_of_another_framework_gets_404_for_the_edit_forms(ak_jol, jp_uz):
    client = factories.verified_client(factories.make_user("uz-agency", Role.CONTACT_POINT))
    response = client.post(
        reverse("intermediaries:intermediary_add_name", args=[ak_jol.pk]),
        {"value": "X", "script": "Latn"},
    )
    assert (response.status_code, ak_jol.names.count()) == (404, 2)
