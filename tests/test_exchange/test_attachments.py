"""Attachments: PDF, images and office documents, checked by content, up to a size, stored
with their SHA-256; a bad file saves nothing; every download is logged."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.exchange import envelope, files, services
from sswbridge.exchange.models import Attachment, AttachmentDownload, Communication
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 60


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
PLAIN_ZIP = _zip({"word/document.xml": b"<w:document/>"})


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        ("old.doc", OLE2, "application/x-ole-storage"),
        (
            "letter.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_files_are_recognised_by_their_content(name, data, content_type):
    check = files.inspect_upload(upload(name, data))
    assert (check.content_type, check.size, check.sha256) == (
        content_type,
        len(data),
        hashlib.sha256(data).hexdigest(),
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [("invoice.pdf", EXE), ("letter.docx", PLAIN_ZIP), ("notes.txt", b"plain text")],
)
def test_a_file_whose_content_is_not_allowed_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError, match="not allowed"):
        files.inspect_upload(upload(name, data))


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


@pytest.mark.parametrize(
    ("name", "data"),
    [("list.xlsx", PDF), ("report.pdf", XLSX), ("report.pdf.exe", PDF), ("photo.pdf", PNG)],
)
def test_a_file_named_as_another_type_than_its_content_is_refused(name, data):
    with pytest.raises(ValidationError, match=r"is named \.\w+, but its content"):
        files.inspect_upload(upload(name, data))


@pytest.mark.parametrize("name", ["report", "scan 2026.05.01", "REPORT.PDF"])
def test_a_name_that_claims_no_other_type_is_accepted(name):
    assert files.inspect_upload(upload(name, PDF)).content_type == "application/pdf"


def test_an_api_attachment_named_as_another_type_gets_400(kg_cp):
    c = factories.make_communication(sender=kg_cp, subject="Draft", send=False)
    response = Api(kg_cp).client.post(
        f"/api/v1/exchange/communications/{c.pk}/attachments",
        {"files": [upload("list.xlsx", PDF)]},
    )
    assert response.status_code == 400 and "named .xlsx" in str(response.json()["errors"])
    assert not Attachment.objects.exists()


def test_a_file_over_the_configured_size_is_refused(settings):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="larger than the limit of 1 MB"):
        files.inspect_upload(upload("big.pdf", PDF + b"0" * 1024 * 1024))


def test_a_share_sent_with_a_pdf_stores_it_with_its_sha256(kg_cp, media):
    c = factories.make_communication(
        sender=kg_cp,
        kind="intermediary_share",
        subject="Ak-Jol",
        payload={"acts": ["other"], "other_text": "x"},
        attachments=[upload("evidence.pdf", PDF)],
    )
    [a] = Attachment.objects.filter(communication=c)
    assert (a.sha256, a.size, a.marking, a.file.name.startswith(f"exchange/{c.pk}/")) == (
        hashlib.sha256(PDF).hexdigest(),
        len(PDF),
        c.marking,
        True,
    )


def test_the_content_hash_covers_the_attachments(kg_cp):
    c = factories.make_communication(sender=kg_cp, attachments=[upload("a.pdf", PDF)])
    assert envelope.envelope(c)["attachments"][0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert envelope.hash_matches(c)


def test_compose_with_a_bad_file_saves_neither_the_communication_nor_any_file(kg_cp, media):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("exchange:compose") + "?kind=general_notice",
        {
            "framework": factories.jp_kg().pk,
            "subject": "Notice with files",
            "marking": "both",
            "action": "send",
            "attachments": [upload("good.pdf", PDF), upload("bad.pdf", EXE)],
        },
    )
    assert response.status_code == 200
    assert "bad.pdf is not allowed" in response.content.decode()
    assert (Communication.objects.count(), stored_files(media)) == (0, [])


def test_compose_with_good_files_attaches_them(kg_cp):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("exchange:compose") + "?kind=general_notice",
        {
            "framework": factories.jp_kg().pk,
            "subject": "Notice with files",
            "marking": "both",
            "action": "send",
            "attachments": [upload("good.pdf", PDF), upload("photo.png", PNG)],
        },
    )
    assert response.status_code == 302
    names = sorted(Attachment.objects.values_list("original_name", flat=True))
    assert names == ["good.pdf", "photo.png"]


def test_a_failure_after_files_were_stored_removes_them(kg_cp, media, monkeypatch):
    def refuse(**kwargs):  # type: ignore[no-untyped-def]
        raise services.ExchangeError("boom", "refused after storing")

    monkeypatch.setattr(services, "deliver", refuse)
    with pytest.raises(services.ExchangeError):
        factories.make_communication(sender=kg_cp, attachments=[upload("a.pdf", PDF)])
    assert (Communication.objects.count(), stored_files(media)) == (0, [])


def test_files_can_be_attached_to_a_draft_through_the_api_and_not_after_sending(kg_cp):
    api = Api(kg_cp)
    draft = api.post(
        "/communications",
        {"framework": "jp-kg", "kind": "general_notice", "subject": "Draft", "send": False},
    ).json()
    path = f"/api/v1/exchange/communications/{draft['id']}/attachments"
    added = api.client.post(path, {"files": [upload("a.pdf", PDF)]})
    assert added.status_code == 201
    assert added.json()[0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert api.post(f"/communications/{draft['id']}/send").status_code == 200
    late = api.client.post(path, {"files": [upload("b.pdf", PDF)]})
    assert (late.status_code, late.json()["code"]) == (409, "not_a_draft")


def test_a_bad_file_through_the_api_is_a_400_with_a_clear_message(kg_cp):
    api = Api(kg_cp)
    draft = factories.make_communication(sender=kg_cp, send=False)
    response = api.client.post(
        f"/api/v1/exchange/communications/{draft.pk}/attachments",
        {"files": [upload("a.pdf", PDF), upload("virus.pdf", EXE)]},
    )
    assert response.status_code == 400
    assert "virus.pdf is not allowed" in response.json()["errors"]["attachments"][0]
    assert Attachment.objects.count() == 0


def test_every_download_is_logged_with_the_files_checksum(kg_cp, jp_cp):
    c = factories.make_communication(sender=kg_cp, attachments=[upload("a.pdf", PDF)])
    a = Attachment.objects.get(communication=c)
    response = factories.verified_client(jp_cp).get(reverse("exchange:download", args=[a.pk]))
    assert b"".join(response.streaming_content) == PDF
    entry = AuditEntry.objects.filter(object_id=str(a.pk), action="other").get()
    assert entry.changes == {"download": "a.pdf", "sha256": hashlib.sha256(PDF).hexdigest()}
    assert AttachmentDownload.objects.filter(attachment=a, user=jp_cp).count() == 1


def test_an_attachment_marked_narrower_stays_with_the_recipient_contact_point(kg_cp, jp_cp):
    c = factories.make_communication(sender=kg_cp, send=False, marking="both")
    services.add_attachments(
        actor=kg_cp, communication=c, files=[upload("a.pdf", PDF)], marking="side"
    )
    services.send(actor=kg_cp, communication=c)
    a = Attachment.objects.get(communication=c)
    mofa = factories.make_user("mofa", Role.OFFICER)
    url = reverse("exchange:download", args=[a.pk])
    assert factories.verified_client(mofa).get(url).status_code == 404
    assert factories.verified_client(jp_cp).get(url).status_code == 200


def test_an_attachment_cannot_travel_further_than_its_communication(kg_cp):
    c = factories.make_communication(sender=kg_cp, send=False, marking="side")
    with pytest.raises(ValidationError):
        services.add_attachments(
            actor=kg_cp, communication=c, files=[upload("a.pdf", PDF)], marking="both"
        )


def test_a_user_of_another_framework_gets_404_for_the_download_api(kg_cp, jp_uz):
    c = factories.make_communication(sender=kg_cp, attachments=[upload("a.pdf", PDF)])
    a = Attachment.objects.get(communication=c)
    uz = Api(factories.make_user("uz-agency", Role.CONTACT_POINT))
    assert uz.get(f"/attachments/{a.pk}/download").status_code == 404
