"""The read log: every view or download by the other side of a communication, attachment,
case or evidence file is one row; the originating side sees who read its items."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.cases import services as cases
from sswbridge.readlog.models import ReadEvent
from sswbridge.readlog.selectors import reads_for, reads_of
from tests.helpers import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def reader(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user(
        "mhlw", Role.OFFICER, username="jp_reader", first_name="Hanako", last_name="Sato"
    )


@pytest.fixture
def shared(kg_cp):  # type: ignore[no-untyped-def]
    return factories.make_communication(
        sender=kg_cp,
        subject="Fees of Ak-Jol",
        attachments=[SimpleUploadedFile("notice.pdf", PDF, content_type="application/pdf")],
    )


def _api(user):  # type: ignore[no-untyped-def]
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_a_view_by_the_other_side_is_logged_and_shown_to_the_originator(shared, kg_cp, reader):
    factories.verified_client(reader).get(reverse("exchange:detail", args=[shared.pk]))
    [event] = ReadEvent.objects.all()
    assert (event.user, event.agency.code, event.object_type, event.action, event.channel) == (
        reader,
        "mhlw",
        "communication",
        "view",
        "web",
    )
    page = factories.verified_client(kg_cp).get(reverse("exchange:detail", args=[shared.pk]))
    reads = page.content.decode().split('data-testid="reads"')[1]
    assert "Hanako Sato" in reads
    listing = factories.verified_client(kg_cp).get(reverse("readlog:list"))
    assert "Hanako Sato" in listing.content.decode()


def test_own_side_reads_are_not_logged(shared, kg_cp):
    officer = factories.make_user("kg-mlssm", Role.OFFICER)
    for user in (kg_cp, officer):
        factories.verified_client(user).get(reverse("exchange:detail", args=[shared.pk]))
    assert not ReadEvent.objects.exists()


def test_downloads_and_api_reads_are_logged(shared, reader):
    attachment = shared.attachments.get()
    factories.verified_client(reader).get(reverse("exchange:download", args=[attachment.pk]))
    api = _api(reader)
    api.get(f"/api/v1/exchange/communications/{shared.pk}")
    api.get(f"/api/v1/exchange/attachments/{attachment.pk}/download")
    api.get("/api/v1/exchange/inbox")
    rows = sorted(ReadEvent.objects.values_list("object_type", "action", "channel"))
    assert rows == [
        ("attachment", "download", "api"),
        ("attachment", "download", "web"),
        ("communication", "view", "api"),
        ("communication", "view", "api"),  # the inbox list carries the content
    ]
    assert ReadEvent.objects.filter(object_type="attachment").first().parent_id == shared.pk


def test_case_and_evidence_reads_are_logged(kg_cp, reader):
    case = cases.open_case(
        actor=kg_cp,
        framework=factories.jp_kg(),
        title="Ak-Jol",
        subject_type="other",
        marking="both",
    )
    cases.add_evidence(
        actor=kg_cp,
        case=case,
        uploaded_file=SimpleUploadedFile("photo.pdf", PDF, content_type="application/pdf"),
    )
    evidence = case.evidence.get()
    client = factories.verified_client(reader)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    url = reverse("cases:evidence_download", args=[case.pk, evidence.pk])
    assert client.get(url).status_code == 200
    api = _api(reader)
    api.get(f"/api/v1/cases/{case.pk}")
    api.get(f"/api/v1/cases/{case.pk}/evidence/{evidence.pk}")
    assert {(e.object_type, e.channel) for e in ReadEvent.objects.all()} >= {
        ("case", "web"),
        ("evidence", "web"),
        ("case", "api"),
    }
    assert reads_of(kg_cp, case).count() == ReadEvent.objects.count()
    page = factories.verified_client(kg_cp).get(reverse("cases:detail", args=[case.pk]))
    assert "Hanako Sato" in page.content.decode().split('data-testid="reads"')[1]


def test_who_sees_the_read_log(shared, kg_cp, reader):
    factories.verified_client(reader).get(reverse("exchange:detail", args=[shared.pk]))
    kg_auditor = factories.make_user("kg-ceca", Role.AUDITOR)
    kg_other_agency = factories.make_user("kg-mlssm", Role.OFFICER)
    jp_auditor = factories.make_user("isa", Role.AUDITOR)
    assert reads_for(kg_cp).count() == 1  # the originating agency
    assert reads_for(kg_auditor).count() == 1  # the side's auditors
    assert reads_for(kg_other_agency).count() == 0  # another agency of the side
    assert reads_for(reader).count() == 0  # the reader's side
    assert reads_for(jp_auditor).count() == 0
    page = factories.verified_client(reader).get(reverse("exchange:detail", args=[shared.pk]))
    assert 'data-testid="reads"' not in page.content.decode()
    factories.second_framework()
    assert reads_for(factories.make_user("uz-agency", Role.AUDITOR)).count() == 0


def test_the_read_log_api(shared, kg_cp, reader):
    factories.verified_client(reader).get(reverse("exchange:detail", args=[shared.pk]))
    mine = _api(kg_cp).get("/api/v1/reads", {"object_id": str(shared.pk)}).json()
    assert mine["count"] == 1
    assert (mine["items"][0]["reader"], mine["items"][0]["reader_side"]) == ("jp_reader", "JP")
    theirs = _api(reader).get("/api/v1/reads").json()
    assert theirs["count"] == 0


def test_the_read_log_is_append_only(shared, reader):
    factories.verified_client(reader).get(reverse("exchange:detail", args=[shared.pk]))
    event = ReadEvent.objects.get()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_reads_of_an_archived_framework_are_still_logged(shared, reader):
    from sswbridge.frameworks.models import Framework

    Framework.objects.filter(pk=shared.framework_id).update(status="terminated")
    try:
        factories.verified_client(reader).get(reverse("exchange:detail", args=[shared.pk]))
    except PermissionDenied:  # pragma: no cover - would be the bug
        pytest.fail("reading an archive must not be refused")
    assert ReadEvent.objects.count() == 1
