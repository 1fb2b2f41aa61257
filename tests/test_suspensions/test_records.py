"""Issue 16, point 6: clause 8 records an embassy can act on. Persons carry nationality,
passport, residence card, date of birth, SSW status and field, employer and contact; they are
entered one by one or from a CSV/XLSX file (all or nothing, each problem by row and column);
the partner's embassy follows temporary travel documents from request to issue to departure."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from sswbridge.audit.models import AuditEntry
from sswbridge.suspensions import bulk, services, travel
from sswbridge.suspensions.models import AffectedPerson, TravelDocument
from tests.helpers import factories
from tests.helpers.api import Api

pytestmark = pytest.mark.django_db

HEADER = list(bulk.COLUMNS)
GOOD = [
    ["Aibek Toktogulov", "Kyrgyz Republic", "AC1234567", "AB12345678CD", "1990-01-02", "ii",
     "food-service", "Sakura Foods K.K.", "+81 90 1111 2222"],
    ["Nurlan Asanov", "Kyrgyz Republic", "ac 7654321", "cd87654321ef", "1995-06-07", "i",
     "", "Fuji Kitchen K.K.", "nurlan@example.test"],
]  # fmt: skip
BAD = [
    GOOD[0],
    ["Aida Toktogulova", "Kyrgyz Republic", "A1", "AB12345678CD", "1990-01-02", "ii",
     "food-service", "Sakura Foods K.K.", ""],
    ["Bakyt Uulu", "Kyrgyz Republic", "AC7777777", "AB12345678CD", "2999-01-01", "iii",
     "food-service", "Sakura Foods K.K.", ""],
]  # fmt: skip


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> SimpleUploadedFile:
    text = "\n".join(",".join(row) for row in [header, *rows])
    return SimpleUploadedFile("persons.csv", text.encode(), "text/csv")


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("persons.xlsx", out.getvalue())


def _upload(actor, suspension, file):  # type: ignore[no-untyped-def]
    return bulk.upload_persons(
        actor=actor, suspension=suspension, name=file.name, upload=file, size=file.size
    )


def test_one_by_one_with_the_new_fields_cleaned_and_audited(jp_officer, suspension):
    person = services.add_person(
        actor=jp_officer,
        suspension=suspension,
        name="Aibek Toktogulov",
        status_of_residence="ssw_i",
        employer="Sakura Foods K.K.",
        nationality="Kyrgyz Republic",
        passport_number="ac 123-4567",
        residence_card_number="ab12345678cd",
        date_of_birth=dt.date(1990, 1, 2),
        contact="+81 90 1111 2222",
    )
    person.refresh_from_db()
    assert (person.passport_number, person.residence_card_number) == ("AC1234567", "AB12345678CD")
    assert person.field == suspension.field  # the suspension's, when not given
    entry = AuditEntry.objects.get(object_id=str(person.pk), action="create")
    assert "AC1234567" not in repr(entry.changes)  # masked, as the other personal fields


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("passport_number", "A1"),
        ("residence_card_number", "12345678"),
        ("date_of_birth", dt.date(2999, 1, 1)),
        ("field", "no-such-field"),
    ],
)
def test_one_by_one_refuses_a_bad_value(jp_officer, suspension, field, value):
    with pytest.raises(ValidationError) as caught:
        services.add_person(
            actor=jp_officer,
            suspension=suspension,
            name="X",
            status_of_residence="ssw_i",
            employer="Y",
            **{field: value},
        )
    assert field in caught.value.message_dict
    assert not AffectedPerson.objects.exists()


def test_a_good_csv_records_every_person_each_audited(jp_officer, suspension):
    persons = _upload(jp_officer, suspension, _csv(GOOD))
    assert sorted(p.name for p in persons) == ["Aibek Toktogulov", "Nurlan Asanov"]
    nurlan = AffectedPerson.objects.get(name="Nurlan Asanov")
    assert nurlan.passport_number == "AC7654321"
    assert nurlan.status_of_residence == "ssw_i"
    assert nurlan.date_of_birth == dt.date(1995, 6, 7)
    created = AuditEntry.objects.filter(action="create", object_id__in=[str(p.pk) for p in persons])
    assert created.count() == 2


def test_a_good_xlsx_records_every_person(jp_officer, suspension):
    rows: list[list[object]] = [list(r) for r in GOOD]
    rows[0][4] = dt.datetime(1990, 1, 2)  # a date cell, as Excel keeps it
    _upload(jp_officer, suspension, _xlsx(rows))
    aibek = AffectedPerson.objects.get(name="Aibek Toktogulov")
    assert aibek.date_of_birth == dt.date(1990, 1, 2)
    assert aibek.status_of_residence == "ssw_ii"
    assert aibek.field is not None and aibek.field.code == "food-service"


@pytest.mark.parametrize("make", [_csv, _xlsx])
def test_a_bad_file_saves_nothing_and_names_row_and_column(jp_officer, suspension, make):
    with pytest.raises(bulk.UploadRefused) as caught:
        _upload(jp_officer, suspension, make(BAD))
    problems = caught.value.messages
    assert any(p.startswith("row 3, column passport_number:") for p in problems), problems
    assert any(p.startswith("row 4, column date_of_birth:") for p in problems), problems
    assert any(p.startswith("row 4, column ssw_status:") for p in problems), problems
    assert not any(p.startswith("row 2") for p in problems)
    assert not AffectedPerson.objects.exists()  # the good first row was not saved either


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (SimpleUploadedFile("persons.pdf", b"%PDF-1.4"), "Only a CSV"),
        (SimpleUploadedFile("persons.xlsx", b"not a zip"), "not an Excel workbook"),
        (SimpleUploadedFile("persons.csv", b"x" * (bulk.MAX_BYTES + 1)), "larger than"),
        (_csv([], header=[*HEADER, "shoe_size"]), "Unknown columns: shoe_size"),
        (_csv([], header=HEADER[:-1]), "Missing columns: contact"),
    ],
)
def test_a_file_of_the_wrong_kind_or_shape_is_refused(jp_officer, suspension, file, expected):
    with pytest.raises(bulk.UploadRefused) as caught:
        _upload(jp_officer, suspension, file)
    assert expected in " ".join(caught.value.messages)


def test_only_japans_officers_upload(kg_cp, suspension):
    with pytest.raises(services.NotPermitted):
        _upload(kg_cp, suspension, _csv(GOOD))
    assert not AffectedPerson.objects.exists()


def test_the_upload_page_and_api(jp_officer, kg_cp, suspension):
    jp = factories.verified_client(jp_officer)
    url = reverse("suspensions:person_upload", args=[suspension.pk])
    page = jp.post(url, {"file": _csv(BAD)})
    assert page.status_code == 400
    assert "row 3, column passport_number:" in page.content.decode()
    assert jp.post(url, {"file": _csv(GOOD)}).status_code == 302
    assert AffectedPerson.objects.count() == 2
    assert factories.verified_client(kg_cp).get(url).status_code == 403
    template = jp.get(reverse("suspensions:person_template"))
    header = template.content.decode("utf-8-sig").splitlines()[0]
    assert next(csv.reader([header])) == list(HEADER)

    path = f"/api/v1/suspensions/{suspension.pk}/persons/upload"
    api = Api(jp_officer).client
    refused = api.post(path, {"file": _csv(BAD)})
    assert refused.status_code == 400
    assert any("row 4, column ssw_status:" in e for e in refused.json()["errors"]["file"])
    other = [["Bakyt Uulu", *GOOD[0][1:]]]
    done = api.post(path, {"file": _xlsx([list(r) for r in other])})
    assert done.status_code == 201, done.content
    assert done.json()["persons"][0]["passport_number"] == "AC1234567"
    assert Api(kg_cp).client.post(path, {"file": _csv(GOOD)}).status_code == 403


@pytest.fixture
def person(jp_officer, suspension):  # type: ignore[no-untyped-def]
    return services.add_person(
        actor=jp_officer,
        suspension=suspension,
        name="Aibek Toktogulov",
        status_of_residence="ssw_i",
        employer="Sakura Foods K.K.",
        passport_number="AC1234567",
    )


def test_a_travel_document_from_request_to_issue_to_departure(embassy, person):
    today = timezone.localdate()
    doc = travel.request_travel_document(
        actor=embassy, person=person, issuing_mission="Embassy in Tokyo", requested_on=today
    )
    with pytest.raises(services.SuspensionError):  # no departure before the issue
        travel.advance_travel_document(actor=embassy, document=doc, status="departed", on=today)
    with pytest.raises(ValidationError):  # the issue names the document
        travel.advance_travel_document(actor=embassy, document=doc, status="issued", on=today)
    doc = travel.advance_travel_document(
        actor=embassy, document=doc, status="issued", on=today, document_number="td 123456"
    )
    doc = travel.advance_travel_document(actor=embassy, document=doc, status="departed", on=today)
    assert (doc.status, doc.document_number, doc.departed_on) == ("departed", "TD123456", today)
    with pytest.raises(services.SuspensionError):  # departed is the end
        travel.advance_travel_document(actor=embassy, document=doc, status="cancelled", on=today)
    assert AuditEntry.objects.filter(object_id=str(doc.pk)).count() == 3


def test_japan_neither_requests_nor_advances_a_travel_document(jp_officer, embassy, person):
    today = timezone.localdate()
    with pytest.raises(services.NotPermitted):
        travel.request_travel_document(
            actor=jp_officer, person=person, issuing_mission="X", requested_on=today
        )
    doc = travel.request_travel_document(
        actor=embassy, person=person, issuing_mission="Embassy in Tokyo", requested_on=today
    )
    with pytest.raises(services.NotPermitted):
        travel.advance_travel_document(actor=jp_officer, document=doc, status="cancelled", on=today)


def test_travel_documents_in_the_api_and_on_the_page(jp_officer, embassy, person, uz_officer):
    base = f"/api/v1/suspensions/persons/{person.pk}/travel-documents"
    today = timezone.localdate().isoformat()
    kg = Api(embassy)
    made = kg.post(base, {"issuing_mission": "Embassy in Tokyo", "requested_on": today})
    assert made.status_code == 201, made.content
    doc_id = made.json()["id"]
    assert (
        Api(jp_officer).post(base, {"issuing_mission": "X", "requested_on": today}).status_code
        == 403
    )
    step = f"/api/v1/suspensions/travel-documents/{doc_id}/progress"
    issued = kg.post(step, {"status": "issued", "on": today, "document_number": "TD1234567"})
    assert issued.json()["status"] == "issued"
    assert [d["document_number"] for d in Api(jp_officer).get(base).json()] == ["TD1234567"]
    assert Api(uz_officer).get(base).status_code == 404  # another framework's user
    page = factories.verified_client(embassy).get(reverse("suspensions:person", args=[person.pk]))
    assert "TD1234567" in page.content.decode()
    jp_page = factories.verified_client(jp_officer).get(
        reverse("suspensions:person", args=[person.pk])
    )
    assert 'data-testid="travel-form"' not in jp_page.content.decode()
    assert 'data-testid="travel-form"' in page.content.decode()
    factories.verified_client(embassy).post(
        reverse("suspensions:travel_advance", args=[doc_id]), {"status": "departed", "on": today}
    )
    assert TravelDocument.objects.get(pk=doc_id).status == "departed"


def _run_retention(days: int) -> None:
    from sswbridge.core import jobs
    from sswbridge.retention.jobs import RETENTION_JOB

    today = timezone.localdate() + dt.timedelta(days=days)
    jobs.enqueue(RETENTION_JOB, {"today": today.isoformat()})
    jobs.run_due_jobs()


def test_retention_erases_the_new_fields_and_the_travel_document(jp_officer, embassy, suspension):
    today = timezone.localdate()
    _upload(jp_officer, suspension, _csv(GOOD))
    aibek = AffectedPerson.objects.get(name="Aibek Toktogulov")
    nurlan = AffectedPerson.objects.get(name="Nurlan Asanov")
    done = travel.request_travel_document(
        actor=embassy, person=aibek, issuing_mission="Embassy in Tokyo", requested_on=today
    )
    done = travel.advance_travel_document(
        actor=embassy, document=done, status="issued", on=today, document_number="TD1234567"
    )
    travel.advance_travel_document(actor=embassy, document=done, status="departed", on=today)
    travel.request_travel_document(  # still on its way: Nurlan is kept
        actor=embassy, person=nurlan, issuing_mission="Embassy in Tokyo", requested_on=today
    )
    _run_retention(5 * 365 + 1)
    aibek.refresh_from_db()
    assert aibek.name.startswith("P-")
    assert (
        aibek.nationality,
        aibek.passport_number,
        aibek.residence_card_number,
        aibek.date_of_birth,
        aibek.contact,
    ) == ("", "", "", None, "")
    doc = TravelDocument.objects.get(person=aibek)
    assert (doc.document_number, doc.issuing_mission) == ("", "")
    nurlan.refresh_from_db()
    assert nurlan.passport_number == "AC7654321"


def test_the_person_form_takes_the_new_fields(jp_officer, suspension):
    client = factories.verified_client(jp_officer)
    data = {
        "name": "Aibek Toktogulov",
        "status_of_residence": "ssw_i",
        "employer": "Sakura Foods K.K.",
        "residence_situation": "under_review",
        "nationality": "Kyrgyz Republic",
        "passport_number": "AC1234567",
        "residence_card_number": "XY12345678",  # too short: refused, nothing saved
        "date_of_birth": "1990-01-02",
        "contact": "+81 90 1111 2222",
    }
    client.post(reverse("suspensions:person_add", args=[suspension.pk]), data)
    assert not AffectedPerson.objects.exists()
    data["residence_card_number"] = "XY12345678ZZ"
    client.post(reverse("suspensions:person_add", args=[suspension.pk]), data)
    person = AffectedPerson.objects.get()
    assert (person.residence_card_number, person.date_of_birth) == (
        "XY12345678ZZ",
        dt.date(1990, 1, 2),
    )
    page = client.get(reverse("suspensions:person", args=[person.pk])).content.decode()
    assert "AC1234567" in page and "Kyrgyz Republic" in page
