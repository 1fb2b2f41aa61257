from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sswbridge.audit.models import AuditEntry
from sswbridge.cases import services
from sswbridge.cases.models import Evidence
from tests.helpers import factories
from tests.helpers.cases import PDF

pytestmark = pytest.mark.django_db


def _upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _stored_files(media) -> list:  # type: ignore[no-untyped-def]
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_a_pdf_is_kept_with_its_sha256(case, kg_officer, media):
    evidence = services.add_evidence(
        actor=kg_officer, case=case, uploaded_file=_upload("report.pdf", PDF)
    )
    assert (evidence.sha256, evidence.content_type, evidence.size) == (
        hashlib.sha256(PDF).hexdigest(),
        "application/pdf",
        len(PDF),
    )
    assert evidence.file.name.startswith(f"cases/{case.pk}/")
    assert (media / evidence.file.name).read_bytes() == PDF


def test_a_text_file_named_pdf_is_refused_and_nothing_is_saved(case, kg_officer, media):
    with pytest.raises(ValidationError):
        services.add_evidence(
            actor=kg_officer, case=case, uploaded_file=_upload("fake.pdf", b"just some text\n")
        )
    assert (Evidence.objects.count(), _stored_files(media)) == (0, [])


def test_an_oversized_file_is_refused_and_nothing_is_saved(case, kg_officer, media, settings):
    settings.MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        services.add_evidence(actor=kg_officer, case=case, uploaded_file=_upload("big.pdf", big))
    assert "1 MB" in refused.value.messages[0]
    assert (Evidence.objects.count(), _stored_files(media)) == (0, [])


def test_a_refused_writer_leaves_no_file_behind(case, kg_auditor, media):
    with pytest.raises(services.NotPermitted):
        services.add_evidence(actor=kg_auditor, case=case, uploaded_file=_upload("a.pdf", PDF))
    assert (Evidence.objects.count(), _stored_files(media)) == (0, [])


def test_the_upload_form_refuses_a_fake_pdf_with_a_message(case, kg_officer, media):
    client = factories.verified_client(kg_officer)
    response = client.post(
        reverse("cases:evidence_add", args=[case.pk]),
        {"file": _upload("fake.pdf", b"not a pdf")},
        follow=True,
    )
    assert "is not allowed" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_upload_form_keeps_a_pdf(case, kg_officer):
    client = factories.verified_client(kg_officer)
    client.post(reverse("cases:evidence_add", args=[case.pk]), {"file": _upload("r.pdf", PDF)})
    assert Evidence.objects.get().sha256 == hashlib.sha256(PDF).hexdigest()


def test_every_download_is_logged(case, kg_officer):
    evidence = services.add_evidence(
        actor=kg_officer, case=case, uploaded_file=_upload("report.pdf", PDF)
    )
    client = factories.verified_client(kg_officer)
    url = reverse("cases:evidence_download", args=[case.pk, evidence.pk])
    first, second = client.get(url), client.get(url)
    assert b"".join(first.streaming_content) == PDF
    assert second.status_code == 200
    downloads = AuditEntry.objects.filter(action="other", object_id=str(evidence.pk))
    assert [e.changes for e in downloads] == [{"download": "report.pdf"}] * 2


def test_the_other_side_cannot_download_evidence_of_an_internal_case(case, kg_officer, jp_cp):
    evidence = services.add_evidence(
        actor=kg_officer, case=case, uploaded_file=_upload("report.pdf", PDF)
    )
    client = factories.verified_client(jp_cp)
    response = client.get(reverse("cases:evidence_download", args=[case.pk, evidence.pk]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="other", object_id=str(evidence.pk)).exists()
