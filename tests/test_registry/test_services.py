from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.intermediaries.identifiers import normalize
from sswbridge.intermediaries.models import Intermediary, IntermediaryLink
from sswbridge.intermediaries.services import intermediaries as services
from tests.helpers import factories
from tests.helpers.intermediaries import report

pytestmark = pytest.mark.django_db


def test_intermediary_keeps_every_name_with_its_script_and_language(ak_jol):
    names = [(n.value, n.script, n.language) for n in ak_jol.names.all()]
    assert names == [
        ("ОсОО Ак-Жол Тревел", "Cyrl", "ky"),
        ("Ak-Jol Travel LLC", "Latn", "en"),
    ]


def test_intermediary_is_reported_by_the_actors_agency_and_side(ak_jol, kg_cp):
    assert (ak_jol.originator_agency, ak_jol.originator_side) == (kg_cp.agency, kg_cp.agency.side)


@pytest.mark.parametrize(
    ("type_", "value", "normalized"),
    [
        ("phone", "+996 (555) 12-34-56", "996555123456"),
        ("email", "Info@Ak-Jol.KG", "info@ak-jol.kg"),
        ("website", "https://www.Ak-Jol.kg/", "ak-jol.kg"),
        ("registration_number", "19登-000001", "19登000001"),
        ("tax_number", "０１２ ３４５", "012345"),
        ("address", "  Bishkek,   Chui  Ave 1 ", "bishkek, chui ave 1"),
    ],
)
def test_identifiers_are_normalized_for_matching(type_, value, normalized):
    assert normalize(type_, value) == normalized


def test_creating_an_intermediary_writes_one_audit_entry_with_its_names(ak_jol):
    entry = AuditEntry.objects.get(object_id=str(ak_jol.pk))
    assert [n["value"] for n in entry.changes["names"][1]] == [
        "ОсОО Ак-Жол Тревел",
        "Ak-Jol Travel LLC",
    ]


def test_an_auditor_may_not_report_an_intermediary(kg_auditor, jp_kg):
    with pytest.raises(services.NotPermitted):
        report(kg_auditor, jp_kg)


def test_an_intermediary_is_never_public(kg_cp, jp_kg):
    with pytest.raises(ValidationError) as exc:
        report(kg_cp, jp_kg, marking="public")
    assert "marking" in exc.value.message_dict


def test_a_bad_identifier_saves_nothing(kg_cp, jp_kg):
    with pytest.raises(ValidationError) as exc:
        report(kg_cp, jp_kg, identifiers=[{"type": "phone", "value": "---"}])
    assert ("identifiers.0.value" in exc.value.message_dict, Intermediary.objects.count()) == (
        True,
        0,
    )


def test_a_country_must_be_two_letters(kg_cp, jp_kg):
    with pytest.raises(ValidationError):
        report(kg_cp, jp_kg, country="Kyrgyzstan")


def test_a_partner_user_may_not_report_in_another_framework(kg_cp, jp_uz):
    with pytest.raises(ValidationError):
        report(kg_cp, jp_uz)


def test_the_originating_side_adds_a_name_in_another_script(ak_jol, kg_cp):
    services.add_name(
        actor=kg_cp, intermediary=ak_jol, value="ООО Ак-Жол Тревел", script="Cyrl", language="ru"
    )
    assert ak_jol.names.filter(language="ru").exists()


def test_the_other_side_may_not_change_an_intermediary(ak_jol, jp_cp):
    with pytest.raises(services.NotPermitted):
        services.add_name(actor=jp_cp, intermediary=ak_jol, value="アクジョル", script="Jpan")


def test_the_same_identifier_is_not_added_twice(ak_jol, kg_cp):
    with pytest.raises(ValidationError):
        services.add_identifier(
            actor=kg_cp, intermediary=ak_jol, type="phone", value="996555123456"
        )


def test_a_director_is_linked_to_the_intermediary(ak_jol, kg_cp, jp_kg):
    director = report(
        kg_cp,
        jp_kg,
        kind="individual",
        names=[{"value": "Асанов Бакыт", "script": "Cyrl", "language": "ky"}],
        identifiers=[],
    )
    services.link_person(actor=kg_cp, intermediary=ak_jol, person=director, relation="director")
    link = IntermediaryLink.objects.get()
    assert (link.from_intermediary, link.to_intermediary, link.relation) == (
        ak_jol,
        director,
        "director",
    )


def test_only_an_individual_is_linked_as_a_person(ak_jol, kg_cp, jp_kg):
    other = report(kg_cp, jp_kg, names=[{"value": "Other LLC", "script": "Latn"}], identifiers=[])
    with pytest.raises(ValidationError):
        services.link_person(actor=kg_cp, intermediary=ak_jol, person=other, relation="founder")


def test_a_person_of_another_framework_is_not_linked(ak_jol, jp_uz):
    japan_user = factories.make_user("isa", Role.OFFICER)
    person = report(
        japan_user,
        jp_uz,
        kind="individual",
        country="UZ",
        names=[{"value": "Karimov", "script": "Latn"}],
        identifiers=[],
    )
    kg_user = factories.make_user("kg-ceca", Role.OFFICER)
    with pytest.raises(ValidationError):
        services.link_person(actor=kg_user, intermediary=ak_jol, person=person, relation="other")


def test_update_changes_the_notes_and_records_the_difference(ak_jol, kg_cp):
    services.update(actor=kg_cp, intermediary=ak_jol, notes="Moved to Osh.", country="kg")
    entry = AuditEntry.objects.filter(object_id=str(ak_jol.pk), action="update").get()
    assert entry.changes == {"notes": ["", "Moved to Osh."], "version": [1, 2]}
