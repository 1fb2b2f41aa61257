"""Importing Japan's list: what changed is reported, re-importing changes nothing, the new
list is shared with the partner and published on its portal."""

from __future__ import annotations

import pytest

from sswbridge.exchange.models import Communication
from sswbridge.support import services
from sswbridge.support.models import ImportStatus, SupportChange, SupportOrganization

pytestmark = pytest.mark.django_db


def _import(registrar, jp_kg, path):
    return services.import_file(actor=registrar, framework=jp_kg, path=path)


def test_first_import_adds_every_organization(registrar, jp_kg, rows, write):
    record = _import(registrar, jp_kg, write(rows))
    assert (record.added, record.removed, record.changed) == (30, 0, 0)
    assert SupportOrganization.objects.filter(framework=jp_kg, listed=True).count() == 30


def test_importing_the_same_list_twice_reports_no_changes(registrar, jp_kg, rows, write):
    path = write(rows)
    _import(registrar, jp_kg, path)
    again = _import(registrar, jp_kg, path)
    assert again.status == ImportStatus.UNCHANGED
    assert (again.added, again.removed, again.changed) == (0, 0, 0)
    assert not SupportChange.objects.filter(support_import=again).exists()


def test_one_removed_and_one_address_changed_are_exactly_the_two_changes(
    registrar, jp_kg, rows, write
):
    _import(registrar, jp_kg, write(rows))
    removed = rows.pop(4)
    rows[10] = {**rows[10], "address": "1-1-1 Kasumigaseki, Chiyoda-ku, Tokyo"}
    record = _import(registrar, jp_kg, write(rows))
    changes = [
        (c.registration_number, c.change_type, c.field, c.after) for c in record.changes.all()
    ]
    assert sorted(changes) == sorted(
        [
            (removed["registration_number"], "removed", "", ""),
            (rows[10]["registration_number"], "changed", "address", rows[10]["address"]),
        ]
    )


def test_japanese_edition_with_era_dates_reads_like_the_english(registrar, jp_kg, rows, write):
    english = _import(registrar, jp_kg, write(rows))
    japanese_rows = [{**r, "registration_date": "令和元年5月7日"} for r in rows]
    record = _import(registrar, jp_kg, write(japanese_rows, edition="ja"))
    assert english.edition == "en" and record.edition == "ja"
    assert record.changed == len(rows)
    assert {c.after for c in record.changes.filter(field="registration_date")} == {"2019-05-07"}


def test_the_header_row_is_found_below_any_number_of_title_rows(registrar, jp_kg, rows, tmp_path):
    from openpyxl import Workbook

    from sswbridge.support import samples
    from sswbridge.support.columns import FIELD_NAMES

    workbook = Workbook()
    sheet = workbook.active
    for n in range(12):
        sheet.append([f"Title line {n}", None, "Immigration Services Agency"])
    sheet.append(["No.", *samples.HEADERS["en"]])  # a serial column before the register's
    for n, row in enumerate(rows, start=1):
        sheet.append([n, *(row[k] for k in FIELD_NAMES)])
    workbook.save(tmp_path / "titled.xlsx")
    record = _import(registrar, jp_kg, tmp_path / "titled.xlsx")
    assert record.added == len(rows)


def test_an_organization_back_on_the_list_is_reported_as_added(registrar, jp_kg, rows, write):
    _import(registrar, jp_kg, write(rows))
    _import(registrar, jp_kg, write(rows[1:]))
    record = _import(registrar, jp_kg, write(rows))
    assert [(c.registration_number, c.change_type) for c in record.changes.all()] == [
        (rows[0]["registration_number"], "added")
    ]
    assert SupportOrganization.objects.get(
        registration_number=rows[0]["registration_number"]
    ).listed


def test_a_changed_list_is_shared_with_the_partner_contact_point(registrar, jp_kg, rows, write):
    _import(registrar, jp_kg, write(rows))
    rows[0] = {**rows[0], "telephone": "03-0000-0000"}
    record = _import(registrar, jp_kg, write(rows))
    shared = Communication.objects.get(pk=record.communication_id)
    assert shared.kind == "support_org_list_share"
    assert shared.recipient_side == jp_kg.partner_side
    assert shared.payload["changed"] == "1"
    assert shared.payload["file_sha256"] == record.file_sha256
    assert rows[0]["registration_number"] in shared.body


def test_an_unchanged_list_is_not_shared_again(registrar, jp_kg, rows, write):
    path = write(rows)
    _import(registrar, jp_kg, path)
    _import(registrar, jp_kg, path)
    assert Communication.objects.filter(kind="support_org_list_share").count() == 1


def test_an_import_is_published_on_the_partner_portal_with_its_time(registrar, jp_kg, rows, write):
    from sswbridge.support.public import published_support_organizations, support_last_changed

    record = _import(registrar, jp_kg, write(rows))
    assert record.published_at is not None
    assert published_support_organizations(portal="kg").count() == len(rows)
    assert support_last_changed(portal="kg") == record.published_at
    assert published_support_organizations(portal="uz").count() == 0


def test_an_import_is_written_to_the_audit_trail(registrar, jp_kg, rows, write):
    from sswbridge.audit.models import AuditEntry

    record = _import(registrar, jp_kg, write(rows))
    entry = AuditEntry.objects.get(object_id=str(record.pk), action="create")
    assert entry.changes["added"] == [None, len(rows)]


@pytest.mark.parametrize(
    ("agency", "role"), [("kg-ceca", "registrar"), ("isa", "officer"), ("isa", "contact_point")]
)
def test_only_a_registrar_of_japan_may_import(jp_kg, rows, write, agency, role):
    from tests.helpers import factories

    user = factories.make_user(agency, role)
    with pytest.raises(services.NotPermitted):
        _import(user, jp_kg, write(rows))
    assert not SupportOrganization.objects.exists()


def test_the_screening_index_hears_of_each_changed_organization(registrar, jp_kg, rows, write):
    from sswbridge.screening.models import ScreeningChange

    _import(registrar, jp_kg, write(rows))
    ScreeningChange.objects.all().delete()
    rows[2] = {**rows[2], "name": "Renamed Support K.K."}
    _import(registrar, jp_kg, write(rows))
    changed = SupportOrganization.objects.get(registration_number=rows[2]["registration_number"])
    assert list(
        ScreeningChange.objects.filter(source="support_organization").values_list(
            "object_id", flat=True
        )
    ) == [str(changed.pk)]


@pytest.mark.parametrize("whole_source_above", [1000, 5])
def test_screening_finds_imported_organizations_in_an_index_loaded_before(
    registrar, jp_kg, rows, write, monkeypatch, whole_source_above
):
    """The import notes its bulk writes for the screening index — one row per organization,
    or the whole source for a long list — so an index loaded before it sees them."""
    from sswbridge.screening import selectors
    from sswbridge.screening.entries import Query
    from sswbridge.screening.models import WHOLE_SOURCE, ScreeningChange

    monkeypatch.setattr(services, "SCREENING_WHOLE_SOURCE_ABOVE", whole_source_above)
    name = rows[3]["name"]
    assert selectors.screen(Query(name=name), user=registrar) == []  # loads the index
    _import(registrar, jp_kg, write(rows))
    notes = ScreeningChange.objects.filter(source="support_organization")
    if whole_source_above < len(rows):
        assert list(notes.values_list("object_id", flat=True)) == [WHOLE_SOURCE]
    else:
        assert notes.count() == len(rows)
    found = selectors.screen(Query(name=name), user=registrar)
    expected = SupportOrganization.objects.get(registration_number=rows[3]["registration_number"])
    assert ("support_organization", str(expected.pk)) in {
        (c.entry.source, c.entry.object_id) for c in found
    }
