"""Issue 16, point 2: partner-shaped data. A sending organization's names in any language
and script (migrated from name_ky/name_ru), the API's deprecated name_ky/name_ru filled
from them, search, verify and screening by them; the framework's legal forms, languages
and title translations; SSW field names in Russian and Kyrgyz."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from sswbridge.frameworks import partner_data
from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.publication import search
from sswbridge.screening.entries import Query
from sswbridge.screening.selectors import screen
from sswbridge.sending.name_migration import rows_for
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories
from tests.helpers.api import RegistryApi as Api
from tests.helpers.registers import approved

pytestmark = pytest.mark.django_db

KY, RU = "«Талас Эмгек Көпүрөсү» ЖЧК", "ОсОО «Талас Трудовой Мост»"


def test_the_old_columns_become_names_in_ky_and_ru_with_their_script() -> None:
    rows = rows_for({"name_ky": f" {KY} ", "name_ru": RU, "name_en": "Talas LLC"})
    assert rows == [
        {"value": KY, "language": "ky", "script": "Cyrl", "sort_order": 0},
        {"value": RU, "language": "ru", "script": "Cyrl", "sort_order": 1},
    ]
    assert rows_for({"name_ky": "", "name_ru": "Talas Labour"})[0]["script"] == "Latn"


def test_the_reference_data_migration_filled_jp_kg_and_the_fields(jp_kg: Framework) -> None:
    jp_kg.refresh_from_db()
    assert jp_kg.partner_languages == ["ky", "ru"] and jp_kg.partner_scripts == ["Cyrl"]
    assert [code for code, _label in jp_kg.legal_form_choices("ky")][:3] == [
        "llc",
        "joint_stock",
        "individual",
    ]
    assert jp_kg.legal_form_label("llc") == "Limited liability company"
    assert jp_kg.country == "KG"
    assert jp_kg.localized_title("ru").startswith("Меморандум о сотрудничестве")
    assert jp_kg.localized_title("ky").endswith("кызматташтык меморандуму")
    assert set(SSWField.objects.filter(names={}).values_list("code", flat=True)) == set()
    partner_data.fill(apps)  # a second run changes nothing
    assert SSWField.objects.get(code="food-service").names["ky"] == "Коомдук тамактануу"


def test_a_framework_without_legal_forms_refuses_a_kyrgyz_one(jp_uz: Framework) -> None:
    registrar = factories.make_user("uz-agency", "registrar")
    with pytest.raises(ValidationError) as refused:
        sending_services.apply(
            actor=registrar,
            framework=jp_uz,
            name_en="Samarkand LLC",
            registration_number="UZ-1",
            legal_form="joint_stock",
        )
    assert "legal_form" in refused.value.message_dict


def test_names_in_any_language_and_script_through_the_service(kg_registrar, jp_kg) -> None:
    org = sending_services.apply(
        actor=kg_registrar,
        framework=jp_kg,
        name_en="Talas Labour Bridge LLC",
        registration_number="TLS-1",
        names=[
            {"value": KY, "language": "ky"},
            {"value": RU, "language": "ru"},
            {"value": "タラス労働ブリッジ", "language": "ja"},
        ],
    )
    assert [(n.language, n.script) for n in org.names.all()] == [
        ("ky", "Cyrl"),
        ("ru", "Cyrl"),
        ("ja", "Jpan"),
    ]
    # the deprecated keyword replaces the Russian name only
    sending_services.update_application(actor=kg_registrar, organization=org, name_ru="ОсОО «Т»")
    assert [n.value for n in org.names.all()] == [KY, "ОсОО «Т»", "タラス労働ブリッジ"]
    with pytest.raises(ValidationError):
        sending_services.update_application(
            actor=kg_registrar, organization=org, names=[{"value": "x", "language": "not a tag"}]
        )


def test_the_api_fills_the_deprecated_fields_from_the_names(kg_registrar, jp_kg) -> None:
    api = Api(kg_registrar)
    created = api.post(
        "/sending-organizations",
        {
            "framework": "jp-kg",
            "name_en": "Talas LLC",
            "registration_number": "TLS-2",
            "names": [{"value": KY, "language": "ky"}, {"value": RU, "language": "ru"}],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["name_ky"], body["name_ru"]) == (KY, RU)
    assert body["names"][0] == {"value": KY, "script": "Cyrl", "language": "ky"}
    patched = api.patch(f"/sending-organizations/{body['id']}", {"name_ky": "«Талас» ЖЧК"})
    assert (patched.json()["name_ky"], patched.json()["name_ru"]) == ("«Талас» ЖЧК", RU)
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    out = schema["SendingOrganizationOut"]["properties"]
    assert out["name_ky"]["deprecated"] is True and "deprecated" not in out["names"]


def _published() -> Any:
    registrar = factories.make_user("kg-ceca", "registrar")
    return approved(
        registrar,
        factories.jp_kg(),
        name_en="Talas Labour Bridge LLC",
        names=[{"value": KY, "language": "ky"}, {"value": RU, "language": "ru"}],
        registration_number="333333-3301-OOO",
    )


@pytest.mark.parametrize("text", [KY, RU, "талас эмгек"])
def test_the_portal_search_and_verify_find_it_by_its_kyrgyz_and_russian_names(
    jp_kg, text: str
) -> None:
    org = _published()
    entries = [e for group in search.search("kg", text).values() for e in group]
    assert [e.pk for e in entries] == [str(org.pk)]
    assert KY in entries[0].other_names and RU in entries[0].other_names
    if text != "талас эмгек":
        assert [e.pk for e in search.verify("kg", text) or []] == [str(org.pk)]
    page = Client().get("/portal/kg/sending-organizations/", {"q": text}).content.decode()
    assert "Talas Labour Bridge LLC" in page


def test_the_public_api_fills_the_deprecated_fields(jp_kg) -> None:
    org = _published()
    item = Client().get(f"/api/v1/public/kg/sending-organizations/{org.pk}").json()
    assert (item["name_ky"], item["name_ru"]) == (KY, RU)
    assert [n["language"] for n in item["names"]] == ["ky", "ru"]


def test_screening_finds_a_sending_organization_by_its_kyrgyz_name(kg_registrar, jp_kg) -> None:
    org = sending_services.apply(
        actor=kg_registrar,
        framework=jp_kg,
        name_en="Talas LLC",
        registration_number="TLS-3",
        names=[{"value": "«Ысык-Көл Тревел» ЖЧК", "language": "ky"}],
    )
    user = factories.make_user("kg-ceca")
    found = [c.entry.id for c in screen(Query.of("Issyk-Kol Travel"), user=user)]
    assert found == [f"sending_organization:{org.pk}"]
    sending_services.update_application(
        actor=kg_registrar, organization=org, names=[{"value": "«Нарын Тур» ЖЧК", "language": "ky"}]
    )
    assert [c.entry.id for c in screen(Query.of("Issyk-Kol Travel"), user=user)] == []
    assert [c.entry.id for c in screen(Query.of("Naryn Tur"), user=user)] == [
        f"sending_organization:{org.pk}"
    ]


@pytest.mark.parametrize(
    ("language", "shown"),
    [("ru", "Строительство"), ("ky", "Курулуш"), ("en", "Construction")],
)
def test_field_names_are_shown_in_the_portal_language(jp_kg, language: str, shown: str) -> None:
    org = _published()
    page = Client().get(
        f"/portal/kg/sending-organizations/{org.pk}/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert shown in page.content.decode()
    with translation.override(language):
        assert str(SSWField.objects.get(code="construction")) == shown


def test_the_memorandum_title_is_shown_in_the_interface_language(jp_kg) -> None:
    with translation.override("ky"):
        assert str(jp_kg).startswith("Япония менен Кыргыз Республикасынын")
    with translation.override("en"):
        assert str(jp_kg).startswith("Memorandum of Cooperation")


@pytest.mark.parametrize(
    ("language", "field", "title"),
    [
        ("ky", "Коомдук тамактануу", "Япония менен Кыргыз Республикасынын"),
        ("ru", "Общественное питание", "Меморандум о сотрудничестве между Японией и Кыргызской"),
    ],
)
def test_the_landing_page_shows_fields_and_memoranda_in_the_language(
    jp_kg, language: str, field: str, title: str
) -> None:
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert field in page and title in page and "Food service" not in page
