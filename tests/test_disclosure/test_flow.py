"""Clause 3: request → written consent → export of exactly the consented fields."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sswbridge.audit.models import AuditEntry
from sswbridge.disclosure import package, services
from sswbridge.disclosure.models import Disclosure, DisclosureRequest, RequestStatus
from sswbridge.exchange.models import Attachment, Communication
from tests.helpers.disclosure import (
    NAMES,
    SECRET_BODY,
    file_request,
    in_a_month,
    pdf_pages,
    squash,
    unpack,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(jp_officer, kg_cp, received):  # type: ignore[no-untyped-def]
    attachment = Attachment.objects.get(communication=received)
    r = file_request(jp_officer, received, ["subject", "payload.acts"], [str(attachment.pk)])
    return services.grant(
        actor=kg_cp, request=r, expires_on=in_a_month(), conditions="Only for the trial. 裁判のみ"
    )


def test_the_request_travels_as_a_communication_to_the_originators_contact_point(
    jp_officer, kg_cp, received
):
    r = file_request(jp_officer, received, ["subject"])
    letter = Communication.objects.visible_to(kg_cp).get(pk=r.communication_id)
    assert letter.kind == "disclosure_request"
    assert letter.recipient_agency_id == kg_cp.agency_id
    assert letter.delivered_at is not None  # the receipt
    assert letter.due_date is not None
    assert r.reference in letter.payload["reference"]
    assert "Prosecutor" in letter.payload["third_party"]
    assert r.owner_side_id == received.originator_side_id
    assert DisclosureRequest.objects.visible_to(kg_cp).filter(pk=r.pk).exists()


def test_the_grant_is_the_written_consent_record_and_answer(granted, kg_cp, jp_officer):
    assert granted.status == RequestStatus.GRANTED
    assert granted.consent_reference.startswith("DC-")
    assert granted.decided_by == kg_cp
    answer = Communication.objects.visible_to(jp_officer).get(pk=granted.answer_id)
    assert answer.kind == "disclosure_answer"
    assert answer.in_reply_to_id == granted.communication_id
    assert answer.payload["consent_reference"] == granted.consent_reference
    assert Communication.objects.get(pk=granted.communication_id).answered_at is not None
    text = " ".join(pdf_pages(package.consent_pdf(granted)))
    for needle in (
        granted.consent_reference,
        "kg_cp",
        "Onlyforthetrial.裁判のみ",
        "東京地方検察庁",
        granted.expires_on.isoformat(),
    ):
        assert squash(needle) in text


def test_the_consent_is_audited_with_its_terms(granted):
    entry = AuditEntry.objects.filter(object_id=str(granted.pk)).order_by("seq").last()
    assert entry is not None
    assert entry.changes["consent_reference"] == ["", granted.consent_reference]
    assert entry.changes["expires_on"][1] == granted.expires_on.isoformat()
    assert entry.changes["status"] == ["pending", "granted"]


def test_the_export_holds_exactly_the_consented_fields_watermarked(granted, jp_officer):
    disclosure = services.export(actor=jp_officer, request=granted)
    data = disclosure.package.read()
    assert hashlib.sha256(data).hexdigest() == disclosure.package_sha256
    files = unpack(data)
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["consent_reference"] == granted.consent_reference
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert listed == {name: hashlib.sha256(body).hexdigest() for name, body in files.items()}
    assert any(name.startswith("files/") and name.endswith("evidence.pdf") for name in files)
    pages = pdf_pages(files["disclosure.pdf"])
    for page in pages:  # the watermark: recipient and consent reference on every page
        assert squash(granted.consent_reference) in page
        assert squash("東京地方検察庁") in page
    text = "".join(pages)
    assert squash("Посредник Ак-Жол: 日本の受入れ機関") in text  # subject: consented
    raw = b"".join(files.values()) + json.dumps(manifest, ensure_ascii=False).encode()
    for absent in (SECRET_BODY, "SECRET-BODY-7731", "Ак-Жол Тревел", "株式会社さくら", NAMES):
        assert squash(absent) not in text  # body and names were not consented
        assert absent.encode() not in raw


def test_the_export_is_in_the_ledger_and_audited(granted, jp_officer, kg_cp):
    disclosure = services.export(actor=jp_officer, request=granted)
    assert Disclosure.objects.visible_to(jp_officer).filter(pk=disclosure.pk).exists()
    assert Disclosure.objects.visible_to(kg_cp).filter(pk=disclosure.pk).exists()  # originator sees
    assert disclosure.recipient == granted.third_party
    assert AuditEntry.objects.filter(object_id=str(disclosure.pk)).exists()


def test_withheld_fields_and_files_are_never_asked_for_nor_exported(jp_officer, kg_cp, jp_kg):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.helpers import factories
    from tests.helpers.disclosure import PDF

    c = factories.make_communication(
        jp_kg,
        sender=kg_cp,
        kind="intermediary_share",
        subject="Withheld names",
        payload={"intermediary_names": "Informant Жумабек", "acts": ["human_rights"]},
        withheld_fields=["intermediary_names"],
        withhold_attachments=True,
        attachments=[SimpleUploadedFile("informant.pdf", PDF, content_type="application/pdf")],
    )
    attachment = Attachment.objects.get(communication=c)
    with pytest.raises(ValidationError):
        file_request(jp_officer, c, ["payload.intermediary_names"])
    with pytest.raises(ValidationError):
        file_request(jp_officer, c, ["subject"], [str(attachment.pk)])
    r = file_request(jp_officer, c, ["subject", "payload.acts"])
    services.grant(actor=kg_cp, request=r, expires_on=in_a_month())
    # Even if an item row named a withheld field, the export leaves it out.
    item = r.items.get()
    item.fields = [*item.fields, "payload.intermediary_names"]
    item.files = [str(attachment.pk)]
    item.save()
    files = unpack(services.export(actor=jp_officer, request=r).package.read())
    assert "Жумабек" not in "".join(pdf_pages(files["disclosure.pdf"]))
    assert not any(name.startswith("files/") for name in files)


@pytest.mark.parametrize("state", ["pending", "refused", "expired"])
def test_no_export_without_a_consent_in_force(state, jp_officer, kg_cp, received):
    r = file_request(jp_officer, received, ["subject"])
    if state == "refused":
        services.refuse(actor=kg_cp, request=r, reasons="Ongoing investigation")
    if state == "expired":
        services.grant(actor=kg_cp, request=r, expires_on=timezone.localdate())
        DisclosureRequest.objects.filter(pk=r.pk).update(
            expires_on=timezone.localdate() - dt.timedelta(days=1)
        )
    r.refresh_from_db()
    with pytest.raises(services.DisclosureError):
        services.export(actor=jp_officer, request=r)
    assert not Disclosure.objects.exists()


def test_only_the_originators_contact_point_decides(jp_officer, jp_cp, kg_officer, kg_cp, received):
    r = file_request(jp_officer, received, ["subject"])
    for someone in (jp_officer, jp_cp, kg_officer):
        with pytest.raises(services.NotPermitted):
            services.grant(actor=someone, request=r, expires_on=in_a_month())
    services.refuse(actor=kg_cp, request=r, reasons="No.")
    with pytest.raises(services.DisclosureError):
        services.grant(actor=kg_cp, request=r, expires_on=in_a_month())


def test_only_the_requesting_agency_exports(granted, kg_cp, kg_officer, jp_kg):
    from sswbridge.accounts.models import Role
    from tests.helpers import factories

    mofa = factories.make_user("mofa", Role.OFFICER)
    auditor = factories.make_user("isa", Role.AUDITOR)
    for someone in (kg_cp, kg_officer, mofa, auditor):
        with pytest.raises(services.NotPermitted):
            services.export(actor=someone, request=granted)


def test_own_side_information_needs_no_consent(jp_officer, jp_cp, jp_kg):
    from tests.helpers import factories

    own = factories.make_communication(jp_kg, sender=jp_cp, subject="Ours")
    with pytest.raises(ValidationError):
        file_request(jp_officer, own, ["subject"])


def test_another_framework_user_sees_nothing(granted, jp_uz):
    from sswbridge.accounts.models import Role
    from tests.helpers import factories

    uz = factories.make_user("uz-agency", Role.CONTACT_POINT)
    assert not DisclosureRequest.objects.visible_to(uz).exists()
    with pytest.raises(ValidationError):
        file_request(uz, Communication.objects.get(pk=granted.communication_id), ["subject"])


def test_an_attachment_the_requester_cannot_see_is_neither_offered_nor_exported(kg_cp, jp_kg):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sswbridge.accounts.models import Role
    from sswbridge.disclosure import items
    from sswbridge.exchange import services as exchange
    from tests.helpers import factories
    from tests.helpers.disclosure import PDF

    # Another Japanese agency sees the communication (both sides) but not the attachment
    # (marked for the recipient contact point's agency only).
    jp_officer = factories.make_user("mhlw", Role.OFFICER)
    draft = factories.make_communication(jp_kg, sender=kg_cp, subject="Two files", send=False)
    upload = SimpleUploadedFile("kept-in-kg.pdf", PDF, content_type="application/pdf")
    exchange.add_attachments(actor=kg_cp, communication=draft, files=[upload], marking="side")
    c = exchange.send(actor=kg_cp, communication=draft)
    hidden = Attachment.objects.get(communication=c)
    assert items.file_choices(c, jp_officer) == []
    with pytest.raises(ValidationError):
        file_request(jp_officer, c, ["subject"], [str(hidden.pk)])
    r = services.grant(
        actor=kg_cp, request=file_request(jp_officer, c, ["subject"]), expires_on=in_a_month()
    )
    item = r.items.get()
    item.files = [str(hidden.pk)]
    item.save()
    files = unpack(services.export(actor=jp_officer, request=r).package.read())
    assert not any(name.startswith("files/") for name in files)
