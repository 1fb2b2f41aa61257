"""Correction and retraction: the other side is told of both; a retracted communication's
content leaves its pages, API answers, files and searches, while the row and the audit
trail stay."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.cases import selectors as case_selectors
from sswbridge.cases import services as cases
from sswbridge.core.models import Job
from sswbridge.exchange import receipts, retraction, services
from sswbridge.exchange.models import Attachment, Communication, Notification
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db

SUBJECT = "Zarina Travel forges visa papers"
BODY = "The broker in Osh forges documents"
INFORMANT = "Informant Nurlan Kadyrov"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
SECRETS = (SUBJECT, BODY, INFORMANT, "evidence-osh.pdf", "Zarina")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def shared(kg_cp, jp_cp):  # type: ignore[no-untyped-def]
    return factories.make_communication(
        sender=kg_cp,
        kind="intermediary_share",
        subject=SUBJECT,
        body=BODY,
        payload={"acts": ["forged_documents"], "informant": INFORMANT},
        attachments=[SimpleUploadedFile("evidence-osh.pdf", PDF, content_type="application/pdf")],
    )


def _clean(raw: bytes) -> None:
    text = raw.decode()
    for secret in SECRETS:
        assert secret not in text, secret


# Correction ----------------------------------------------------------------------------


def test_the_other_side_is_told_of_a_correction_and_sees_the_history(shared, kg_cp, jp_cp):
    new = services.correct(
        actor=kg_cp,
        communication=shared,
        subject=SUBJECT + " (corrected)",
        body=BODY,
        payload={"acts": ["forged_documents"]},
    )
    note = Notification.objects.get(user=jp_cp, communication=new)
    assert note.event == "corrected"
    job = Job.objects.get(unique_key__startswith=f"exchange.mail:{new.pk}:corrected:")
    assert jp_cp.email in job.payload["to"]
    html = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[new.pk]))
    versions = html.content.decode().split('data-testid="versions"')[1]
    assert reverse("exchange:detail", args=[shared.pk]) in versions  # version 1 is linked
    old = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[shared.pk]))
    assert old.status_code == 200 and SUBJECT in old.content.decode()


def test_correction_and_retraction_mails_reach_the_smtp_server(shared, kg_cp, jp_cp, smtp_server):
    from sswbridge.core import jobs

    jobs.run_due_jobs(100)
    smtp_server.messages.clear()
    new = services.correct(
        actor=kg_cp,
        communication=shared,
        subject="Corrected",
        payload={"acts": ["penalty_contract"]},
    )
    retraction.retract(actor=kg_cp, communication=new, reason="Sent by mistake")
    jobs.run_due_jobs(100)
    subjects = sorted(str(m["Subject"]) for m in smtp_server.messages)
    assert len(subjects) == 2
    assert any("corrected" in s for s in subjects) and any("retracted" in s for s in subjects)
    for message in smtp_server.messages:
        assert message["To"] == "jp_cp@example.test"
        assert SUBJECT not in message.get_payload()


# Retraction ----------------------------------------------------------------------------


def test_retraction_hides_the_content_from_every_reader_of_the_other_side(shared, kg_cp, jp_cp):
    factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[shared.pk]))
    retraction.retract(actor=kg_cp, communication=shared, reason="Sent by mistake")
    jp_officer = factories.make_user("mhlw", Role.OFFICER)
    for reader in (jp_cp, jp_officer):
        client = factories.verified_client(reader)
        page = client.get(reverse("exchange:detail", args=[shared.pk]))
        assert page.status_code == 200
        _clean(page.content)
        assert 'data-testid="retracted"' in page.content.decode()
        assert "KG" in page.content.decode()
        _clean(client.get(reverse("exchange:inbox")).content)
        _clean(client.get(reverse("exchange:inbox"), {"q": "Osh"}).content)
        _clean(client.get(reverse("exchange:notifications")).content)
    api = Api(jp_cp)
    for path in ("", "/attachments"):
        response = api.client.get(f"/api/v1/exchange/communications/{shared.pk}{path}")
        assert response.status_code == 200
        _clean(response.content)
        assert path or response.json()["retracted"] is True
    _clean(api.client.get("/api/v1/exchange/inbox").content)
    assert api.get("/inbox", q="Osh").json()["count"] == 0
    attachment = Attachment.objects.get(communication=shared)
    download = factories.verified_client(jp_cp).get(
        reverse("exchange:download", args=[attachment.pk])
    )
    assert download.status_code == 404


def test_the_originating_side_still_sees_everything_and_the_trail_stays(shared, kg_cp, jp_cp):
    retraction.retract(actor=kg_cp, communication=shared, reason="Sent by mistake")
    page = factories.verified_client(kg_cp).get(reverse("exchange:detail", args=[shared.pk]))
    html = page.content.decode()
    assert SUBJECT in html and BODY in html and "Sent by mistake" in html
    shared.refresh_from_db()
    assert shared.subject == SUBJECT  # the row keeps its content
    entry = AuditEntry.objects.filter(object_id=str(shared.pk)).order_by("-seq").first()
    assert entry is not None and "retracted_at" in entry.changes


def test_the_other_side_is_told_without_the_subject(shared, kg_cp, jp_cp):
    retraction.retract(actor=kg_cp, communication=shared, reason="Sent by mistake")
    notes = Notification.objects.filter(user=jp_cp, communication=shared)
    assert {n.event for n in notes} == {"delivered", "retracted"}
    for n in notes:
        assert SUBJECT not in n.text
    job = Job.objects.get(unique_key__startswith=f"exchange.mail:{shared.pk}:retracted:")
    assert jp_cp.email in job.payload["to"]
    assert SUBJECT not in job.payload["subject"] + job.payload["body"]


def test_retracting_a_correction_hides_the_earlier_versions_too(shared, kg_cp, jp_cp):
    new = services.correct(
        actor=kg_cp, communication=shared, subject="v2", payload={"acts": ["penalty_contract"]}
    )
    with pytest.raises(services.ExchangeConflict):  # only the current version
        retraction.retract(actor=kg_cp, communication=shared, reason="x")
    retraction.retract(actor=kg_cp, communication=new, reason="Wrong broker")
    page = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[shared.pk]))
    _clean(page.content)


def test_only_the_originating_agency_retracts(shared, kg_cp, jp_cp):
    for outsider in (
        jp_cp,
        factories.make_user("kg-mlssm", Role.OFFICER),
        factories.make_user("kg-ceca", Role.AUDITOR),
    ):
        with pytest.raises(services.NotPermitted):
            retraction.retract(actor=outsider, communication=shared, reason="x")
    with pytest.raises(ValidationError):
        retraction.retract(actor=kg_cp, communication=shared, reason="  ")
    retraction.retract(actor=kg_cp, communication=shared, reason="x")
    with pytest.raises(services.ExchangeConflict):  # once
        retraction.retract(actor=kg_cp, communication=shared, reason="x")


def test_retracted_communications_cannot_be_answered_acknowledged_or_corrected(kg_cp, jp_cp):
    c = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Q")
    retraction.retract(actor=kg_cp, communication=c, reason="x")
    c.refresh_from_db()
    assert not receipts.may_answer(jp_cp, c)
    assert not receipts.may_acknowledge(jp_cp, c)
    assert not services.may_correct(kg_cp, c)


def test_retraction_through_the_page(shared, kg_cp, jp_cp):
    url = reverse("exchange:retract", args=[shared.pk])
    assert factories.verified_client(jp_cp).get(url).status_code == 404
    assert factories.verified_client(jp_cp).post(url, {"reason": "x"}).status_code == 404
    client = factories.verified_client(kg_cp)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Sent by mistake"})
    assert response.status_code == 302
    assert Communication.objects.get(pk=shared.pk).retracted_at is not None


def test_retraction_through_the_api(shared, kg_cp, jp_cp):
    path = f"/communications/{shared.pk}/retract"
    assert Api(jp_cp).post(path, {"reason": "x"}).status_code == 403
    done = Api(kg_cp).post(path, {"reason": "Sent by mistake"})
    assert done.status_code == 200 and done.json()["retracted"] is True
    assert done.json()["subject"] == SUBJECT  # the originator still reads it
    assert Api(kg_cp).post(path, {"reason": "again"}).status_code == 403


def test_a_case_of_the_other_side_does_not_show_a_retracted_subject(shared, kg_cp, jp_cp):
    case = cases.open_case(
        actor=jp_cp, framework=shared.framework, title="Osh broker", subject_type="other"
    )
    cases.link_communication(actor=jp_cp, case=case, communication=shared)
    retraction.retract(actor=kg_cp, communication=shared, reason="x")
    texts = [item.text for item in case_selectors.timeline(jp_cp, case)]
    assert SUBJECT not in " ".join(texts)
    page = factories.verified_client(jp_cp).get(reverse("cases:detail", args=[case.pk]))
    _clean(page.content)
