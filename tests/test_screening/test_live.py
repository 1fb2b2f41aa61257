"""The live index over the registers: sources, incremental freshness, visibility."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import IntermediaryIdentifier, IntermediaryName, Script
from sswbridge.screening import live, signals
from sswbridge.screening.entries import Query
from sswbridge.screening.selectors import screen
from sswbridge.support.models import SupportOrganization
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def found(name: str, user: object, **query: object) -> list[str]:
    return [c.entry.id for c in screen(Query.of(name, **query), user=user)]  # type: ignore[arg-type]


def test_an_intermediary_is_found_across_scripts_with_an_explanation(jp_kg: Framework) -> None:
    item = factories.make_intermediary(jp_kg)
    user = factories.make_user("isa")
    (candidate,) = screen(Query.of("Ak-Jol Trevel LLC"), user=user)
    assert candidate.entry.id == f"intermediary:{item.pk}"
    assert candidate.explanation is not None and candidate.explanation.legal_forms


def test_a_new_intermediary_is_found_without_reloading_the_index(jp_kg: Framework) -> None:
    user = factories.make_user("isa")
    live.get_index()  # loaded before the intermediary exists
    item = factories.make_intermediary(jp_kg, names=[("Сапат Стафф", Script.CYRILLIC, "ky")])
    index = live.get_index()
    assert (found("Sapat Staff", user), len(index)) == ([f"intermediary:{item.pk}"], 1)


def test_a_name_added_later_is_found(jp_kg: Framework) -> None:
    user = factories.make_user("isa")
    item = factories.make_intermediary(jp_kg)
    live.get_index()
    IntermediaryName.objects.create(
        intermediary=item, value="株式会社山田商事", script=Script.JAPANESE, language="ja"
    )
    assert found("Yamada Shoji", user) == [f"intermediary:{item.pk}"]


def test_an_identifier_added_later_matches(jp_kg: Framework) -> None:
    user = factories.make_user("isa")
    item = factories.make_intermediary(jp_kg)
    live.get_index()
    IntermediaryIdentifier.objects.create(
        intermediary=item, type="phone", value="+996 555 123 456", normalized="996555123456"
    )
    assert found("Unrelated Name", user, phone="0555 123 456") == [f"intermediary:{item.pk}"]


def test_a_deleted_record_disappears_from_the_index(jp_kg: Framework) -> None:
    user = factories.make_user("isa")
    organization = factories.make_sending_organization(jp_kg, name_en="Manas Avto LLC")
    assert found("Manas Avto", user) == [f"sending_organization:{organization.pk}"]
    organization.delete()
    assert found("Manas Avto", user) == []


def test_a_revoked_sending_organization_is_flagged(jp_kg: Framework) -> None:
    user = factories.make_user("isa")
    factories.make_sending_organization(jp_kg, name_ru="ОсОО «Тулпар Тревел»", status="revoked")
    (candidate,) = screen(Query.of("Tulpar Trevel"), user=user)
    assert (candidate.entry.status, candidate.entry.flags) == ("revoked", ("revoked",))


def test_a_partner_of_another_framework_never_sees_the_record(
    jp_kg: Framework, jp_uz: Framework
) -> None:
    factories.make_intermediary(jp_kg)
    assert found("Ak-Jol Trevel", factories.make_user("uz-agency")) == []


def test_an_agency_marked_record_is_hidden_from_the_other_side(jp_kg: Framework) -> None:
    factories.make_intermediary(jp_kg, marking="agency")
    assert (found("Ak-Jol Trevel", factories.make_user("isa")), found("Ak-Jol Trevel", None)) == (
        [],
        [],
    )


def test_a_bulk_import_is_picked_up_when_announced(jp_kg: Framework) -> None:
    user = factories.make_user("isa")
    live.get_index()
    agency = user.agency
    SupportOrganization.objects.bulk_create(
        [
            SupportOrganization(
                framework=jp_kg,
                originator_side=agency.side,
                originator_agency=agency,
                marking="public",
                registration_number="19登-000001",
                name="株式会社さくら支援",
                name_key="さくら支援",
                content_hash="x",
            )
        ]
    )
    assert found("Sakura Shien", user) == []  # bulk writes send no signal ...
    signals.source_changed("support_organization")
    assert len(found("Sakura Shien", user)) == 1  # ... until the import announces them


def test_the_command_screens_the_registers(jp_kg: Framework, tmp_path: Path) -> None:
    item = factories.make_intermediary(jp_kg)
    queries = tmp_path / "q.csv"
    queries.write_text("id,name,kind,country\n1,Akjol Trevel,organization,KG\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    call_command("screen", "--queries", str(queries), "--out", str(out), stdout=StringIO())
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1][:2] == ["1", f"intermediary:{item.pk}"]


def test_the_command_for_a_user_shows_only_what_they_may_see(
    jp_kg: Framework, jp_uz: Framework, tmp_path: Path
) -> None:
    factories.make_intermediary(jp_kg)
    factories.make_user("uz-agency", username="uzbek")
    queries = tmp_path / "q.csv"
    queries.write_text("id,name,kind,country\n1,Akjol Trevel,,\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    call_command(
        "screen", "--queries", str(queries), "--out", str(out), "--user", "uzbek", stdout=StringIO()
    )
    assert list(csv.reader(out.open(encoding="utf-8"))) == [
        ["query_id", "candidate_id", "candidate_name", "score"]
    ]
