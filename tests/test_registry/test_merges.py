"""Entity resolution of intermediaries: suggestions, merge, undo, dismissal (issue 5, point 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.intermediaries import selectors
from sswbridge.intermediaries.models import IntermediaryLink, IntermediaryMerge, IntermediaryStatus
from sswbridge.intermediaries.services import duplicates
from sswbridge.intermediaries.services import intermediaries as services
from sswbridge.intermediaries.services import merges as merge_services
from sswbridge.intermediaries.services.intermediaries import NotPermitted
from sswbridge.screening import live
from sswbridge.screening.entries import Query
from sswbridge.screening.models import ScreeningChange
from tests.helpers import factories
from tests.helpers.intermediaries import report

pytestmark = pytest.mark.django_db

CYRILLIC = [{"value": "ОсОО Ак-Жол Тревел", "script": "Cyrl", "language": "ky"}]
LATIN = [{"value": "Ak Zhol Travel LLC", "script": "Latn", "language": "en"}]
SIBLING = [{"value": "Ak-Jol Construction LLC", "script": "Latn", "language": "en"}]
PHONE = [{"type": "phone", "value": "+996 555 123456"}]


@pytest.fixture
def kg_reg(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.REGISTRAR, username="kg_reg")


@pytest.fixture
def pair(kg_cp, jp_kg) -> tuple[Any, Any]:
    """Ak-Jol Travel reported in Cyrillic, and later again in a Latin transliteration."""
    a = report(kg_cp, jp_kg, names=CYRILLIC, identifiers=PHONE)
    b = report(
        kg_cp,
        jp_kg,
        names=LATIN,
        identifiers=[{"type": "registration_number", "value": "123456-3301-OOO"}],
    )
    return a, b


def _pairs(user: Any, **kwargs: Any) -> list[tuple[Any, Any]]:
    return [(s.target, s.source) for s in duplicates.suggestions_for(user, **kwargs)]


# --- suggestions ---------------------------------------------------------------------------


def test_a_transliterated_duplicate_is_suggested_with_score_and_explanation(pair, kg_cp):
    a, b = pair
    found = duplicates.suggestions_for(kg_cp)
    assert [(s.target, s.source) for s in found] == [(a, b)]  # the older one is kept
    assert found[0].score >= duplicates.DUPLICATE_THRESHOLD
    assert any("legal form" in s for s in found[0].sentences)
    assert _pairs(kg_cp, item=b) == [(a, b)]  # shown on either record's page
    assert _pairs(kg_cp, item=a) == [(a, b)]


def test_sibling_companies_sharing_a_brand_word_are_not_suggested(kg_cp, jp_kg):
    report(kg_cp, jp_kg, names=CYRILLIC, identifiers=[])
    report(kg_cp, jp_kg, names=SIBLING, identifiers=[])
    assert _pairs(kg_cp) == []


def test_same_surname_with_another_given_name_is_not_suggested(kg_cp, jp_kg):
    def person(name: str) -> Any:
        names = [{"value": name, "script": "Cyrl", "language": "ky"}]
        return report(kg_cp, jp_kg, kind="individual", names=names, identifiers=[])

    person("Асанов Бакыт Сыдыкович")
    person("Асанов Нурлан Сыдыкович")
    assert _pairs(kg_cp) == []


def test_a_shared_identifier_counts_strongly(kg_cp, jp_kg):
    number = [{"type": "registration_number", "value": "123456-3301-OOO"}]
    a = report(kg_cp, jp_kg, names=CYRILLIC, identifiers=number)
    b = report(
        kg_cp,
        jp_kg,
        names=[{"value": "Ak Jol Tours LLC", "script": "Latn", "language": "en"}],
        identifiers=[{"type": "registration_number", "value": "1234563301OOO"}],
    )
    found = duplicates.suggestions_for(kg_cp)
    assert [(s.target, s.source) for s in found] == [(a, b)]
    assert found[0].identifiers


def test_suggestions_hold_only_what_the_user_may_see(pair, jp_kg, jp_uz):
    uz = factories.make_user("uz-agency", Role.REGISTRAR)
    assert _pairs(uz) == []
    a, b = pair
    jp = factories.make_user("isa", Role.REGISTRAR)
    assert _pairs(jp) == [(a, b)]  # both marked "both": Japan sees them too


def test_a_dismissed_pair_is_not_suggested_again(pair, kg_reg):
    a, b = pair
    merge_services.dismiss(actor=kg_reg, first=b, second=a, reason="Two firms")
    assert _pairs(kg_reg) == []
    assert _pairs(kg_reg, item=a) == []
    assert AuditEntry.objects.filter(object_type="intermediaries.duplicatedismissal").count() == 1
    merge_services.dismiss(actor=kg_reg, first=a, second=b)  # idempotent
    assert AuditEntry.objects.filter(object_type="intermediaries.duplicatedismissal").count() == 1


# --- merge ---------------------------------------------------------------------------------


def _world(pair: Any, kg_cp: Any) -> dict[str, Any]:
    """B with a director, a link into an organization, and a share that names it."""
    a, b = pair
    framework = a.framework
    director = report(
        kg_cp,
        framework,
        kind="individual",
        names=[{"value": "Асанов Бакыт", "script": "Cyrl", "language": "ky"}],
        identifiers=[],
    )
    holding = report(
        kg_cp,
        framework,
        names=[{"value": "Orion Holding", "script": "Latn", "language": "en"}],
        identifiers=[],
    )
    b_director = services.link_person(
        actor=kg_cp, intermediary=b, person=director, relation="director"
    )
    communication = factories.make_communication(framework, kind="inquiry", marking="both")
    services.mention(actor=kg_cp, communication=communication, intermediaries=[b])
    return {"director": director, "holding": holding, "link": b_director, "share": communication}


def test_merge_moves_names_identifiers_people_and_keeps_history(pair, kg_cp, kg_reg):
    a, b = pair
    world = _world(pair, kg_cp)
    b_names = set(b.names.values_list("pk", flat=True))
    b_ids = set(b.identifiers.values_list("pk", flat=True))
    changes = ScreeningChange.objects.count()

    record = merge_services.merge(actor=kg_reg, target=a, source=b, reason="Same firm", score=1)

    b.refresh_from_db()
    assert b.status == IntermediaryStatus.MERGED and b.merged_into == a
    assert b_names <= set(a.names.values_list("pk", flat=True))
    assert b_ids <= set(a.identifiers.values_list("pk", flat=True))
    assert not b.names.exists() and not b.identifiers.exists()
    assert IntermediaryLink.objects.get(pk=world["link"].pk).from_intermediary == a
    # The share still names B (its content hash covers that) and shows on A's page.
    assert world["share"].intermediary_mentions.get().intermediary == b
    assert list(selectors.communications_mentioning(kg_reg, a)) == [world["share"]]
    assert record.merged_by == kg_reg and record.reason == "Same firm"
    assert set(record.moved["names"]) == {str(pk) for pk in b_names}
    assert record.moved["mentions"] == [str(world["share"].intermediary_mentions.get().pk)]
    entry = AuditEntry.objects.get(object_type="intermediaries.intermediarymerge")
    assert entry.changes["moved"][1]["names"] == record.moved["names"]
    # B leaves lists, suggestions and the screening index; A answers for its names.
    assert b not in selectors.search_intermediaries(kg_reg)
    assert _pairs(kg_reg) == []
    assert ScreeningChange.objects.count() > changes
    hits = live.get_index().search(Query.of("Ak Zhol Travel"), threshold=0.7)
    assert [h.entry.id for h in hits if h.entry.source == "intermediary"][:1] == [
        f"intermediary:{a.pk}"
    ]
    assert f"intermediary:{b.pk}" not in live.get_index()
    # A merged record cannot be changed.
    with pytest.raises(NotPermitted):
        services.add_name(actor=kg_cp, intermediary=b, value="X", script="Latn")


def test_what_a_already_has_stays_on_b(pair, kg_cp, kg_reg):
    a, b = pair
    services.add_identifier(
        actor=kg_cp, intermediary=a, type="registration_number", value="123456-3301-OOO"
    )
    record = merge_services.merge(actor=kg_reg, target=a, source=b, reason="Same firm")
    assert record.moved["identifiers"] == []
    assert len(record.moved["kept"]["identifiers"]) == 1
    assert a.identifiers.filter(type="registration_number").count() == 1


def test_undo_restores_exactly_what_came_from_b(pair, kg_cp, kg_reg):
    a, b = pair
    world = _world(pair, kg_cp)
    before_a = set(a.names.values_list("pk", flat=True))
    before_b = set(b.names.values_list("pk", flat=True))
    record = merge_services.merge(actor=kg_reg, target=a, source=b, reason="Same firm")
    later = services.add_name(actor=kg_cp, intermediary=a, value="Ак-Жол", script="Cyrl")

    merge_services.undo(actor=kg_reg, merge=record, reason="Two firms after all")

    b.refresh_from_db()
    record.refresh_from_db()
    assert b.status == IntermediaryStatus.ACTIVE and b.merged_into is None
    assert set(b.names.values_list("pk", flat=True)) == before_b
    assert set(a.names.values_list("pk", flat=True)) == before_a | {later.pk}
    assert IntermediaryLink.objects.get(pk=world["link"].pk).from_intermediary == b
    assert list(selectors.communications_mentioning(kg_reg, a)) == []
    assert record.merged_at and record.undone_at and record.undone_by == kg_reg
    assert record.restored["names"] == record.moved["names"]
    assert (
        AuditEntry.objects.filter(
            object_type="intermediaries.intermediarymerge", object_id=str(record.pk)
        ).count()
        == 2
    )
    assert f"intermediary:{b.pk}" in live.get_index()
    assert (a, b) in _pairs(kg_reg)

    with pytest.raises(merge_services.MergeConflict, match="already undone"):
        merge_services.undo(actor=kg_reg, merge=record)


def test_merging_a_merged_record_is_refused(pair, kg_cp, kg_reg, jp_kg):
    a, b = pair
    merge_services.merge(actor=kg_reg, target=a, source=b, reason="Same")
    c = report(kg_cp, jp_kg, names=LATIN, identifiers=[])
    with pytest.raises(merge_services.MergeConflict):
        merge_services.merge(actor=kg_reg, target=c, source=b, reason="Same")
    with pytest.raises(ValidationError):
        merge_services.merge(actor=kg_reg, target=a, source=a, reason="Same")


@pytest.mark.parametrize("role", [Role.OFFICER, Role.AUDITOR, Role.ADMINISTRATOR])
def test_roles_that_may_not_merge_are_refused(pair, jp_kg, role):
    a, b = pair
    user = factories.make_user("kg-ceca", role)
    with pytest.raises(NotPermitted):
        merge_services.merge(actor=user, target=a, source=b, reason="Same")
    with pytest.raises(NotPermitted):
        merge_services.dismiss(actor=user, first=a, second=b)
    assert not IntermediaryMerge.objects.exists()


def test_the_other_side_may_not_merge_what_it_did_not_report(pair):
    a, b = pair
    jp = factories.make_user("isa", Role.REGISTRAR)
    with pytest.raises(NotPermitted):
        merge_services.merge(actor=jp, target=a, source=b, reason="Same")


def test_a_narrower_record_does_not_merge_into_a_wider_one(kg_cp, kg_reg, jp_kg):
    a = report(kg_cp, jp_kg, names=CYRILLIC, identifiers=[])
    b = report(kg_cp, jp_kg, names=LATIN, identifiers=[], marking="side")
    with pytest.raises(ValidationError):
        merge_services.merge(actor=kg_reg, target=a, source=b, reason="Same")
    assert merge_services.merge(actor=kg_reg, target=b, source=a, reason="Same")


def test_the_demo_data_shows_a_duplicate(jp_kg):
    from django.contrib.auth import get_user_model

    from sswbridge.demo.loader import load_demo

    load_demo()
    load_demo()  # idempotent
    registrar = get_user_model().objects.get(username="kg-registrar")
    found = duplicates.suggestions_for(registrar)
    assert any("Ak Jol Travel Ltd." in [n.value for n in s.source.names.all()] for s in found), [
        (s.target, s.source, s.score) for s in found
    ]


def test_a_merged_record_cannot_be_linked_or_named_in_a_share(pair, kg_cp, kg_reg, jp_kg):
    a, b = pair
    person = report(
        kg_cp,
        jp_kg,
        kind="individual",
        names=[{"value": "Асанов Бакыт", "script": "Cyrl", "language": "ky"}],
        identifiers=[],
    )
    twin = report(
        kg_cp,
        jp_kg,
        kind="individual",
        names=[{"value": "Asanov Bakyt", "script": "Latn", "language": "en"}],
        identifiers=[],
    )
    merge_services.merge(actor=kg_reg, target=person, source=twin, reason="Same")
    merge_services.merge(actor=kg_reg, target=a, source=b, reason="Same")
    with pytest.raises(ValidationError):
        services.link_person(actor=kg_cp, intermediary=a, person=twin, relation="director")
    communication = factories.make_communication(jp_kg, kind="inquiry", marking="both")
    with pytest.raises(ValidationError):
        services.mention_in_communication(
            actor=kg_cp, communication=communication, intermediary_ids=[b.pk]
        )


def test_only_a_merging_role_of_the_reporting_side_may_merge_the_records(kg_reg, jp_cp, pair):
    asked = (
        merge_services.may_merge_records(kg_reg, *pair),
        merge_services.may_merge_records(jp_cp, *pair),
        merge_services.may_merge_records(factories.make_user("kg-ceca", Role.AUDITOR), *pair),
    )
    assert asked == (True, False, False)
