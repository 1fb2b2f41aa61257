"""Field-level redaction: withheld fields and attachments are stored but never reach the
other side — not in its pages, API answers or downloads (the raw bytes are searched) —
and a request for them is decided by the originator's contact point."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.exchange import redaction, release, services
from sswbridge.exchange.models import Attachment, Notification, ReleaseRequest
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db

INFORMANT = "Informant Asel Toktogulova +996555123456"
VICTIM = "Victim Bakyt Uulu"
FILE_NAME = "witness-statement-tokton.pdf"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
SECRETS = (INFORMANT, VICTIM, FILE_NAME, "Tokton", "Tokto")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def withheld(kg_cp):  # type: ignore[no-untyped-def]
    """A Kyrgyz share withholding the informant and the victims, with a withheld file and
    one that is not."""
    c = factories.make_communication(
        sender=kg_cp,
        kind="intermediary_share",
        subject="Ak-Jol Travel charges fees",
        body="Workers report unexplained fees.",
        payload={
            "acts": ["unexplained_fees"],
            "informant": INFORMANT,
            "victims": VICTIM,
            "intermediary_names": "Ak-Jol Travel",
        },
        withheld_fields=["informant", "victims"],
        attachments=[SimpleUploadedFile(FILE_NAME, PDF, content_type="application/pdf")],
        withhold_attachments=True,
        send=False,
    )
    services.add_attachments(
        actor=kg_cp,
        communication=c,
        files=[SimpleUploadedFile("public-notice.pdf", PDF, content_type="application/pdf")],
    )
    return services.send(actor=kg_cp, communication=c)


def _assert_clean(raw: bytes) -> None:
    text = raw.decode()
    for secret in SECRETS:
        assert secret not in text
    # JSON escapes non-ASCII; check the escaped form too.
    assert json.dumps(INFORMANT)[1:-1] not in text


def _withheld_file(c):  # type: ignore[no-untyped-def]
    return Attachment.objects.get(communication=c, withheld=True)


def test_the_other_sides_page_shows_only_that_fields_and_a_file_are_withheld(withheld, jp_cp):
    response = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[withheld.pk]))
    assert response.status_code == 200
    _assert_clean(response.content)
    html = response.content.decode()
    assert html.count('data-testid="withheld"') == 3  # two fields and one file
    assert "Ak-Jol Travel" in html  # what is not withheld is shown
    assert "public-notice.pdf" in html


def test_the_originating_side_sees_everything_marked_withheld(withheld, kg_cp):
    officer = factories.make_user("kg-mlssm", Role.OFFICER)
    for user in (kg_cp, officer):
        response = factories.verified_client(user).get(
            reverse("exchange:detail", args=[withheld.pk])
        )
        html = response.content.decode()
        assert INFORMANT in html and VICTIM in html and FILE_NAME in html
        assert 'data-testid="withheld-own"' in html
        assert 'data-testid="withheld"' not in html


def test_the_other_sides_api_answers_hold_no_withheld_value(withheld, jp_cp):
    api = Api(jp_cp)
    for path in (
        f"/communications/{withheld.pk}",
        "/inbox",
        "/inbox?q=fees",
        f"/communications/{withheld.pk}/attachments",
    ):
        response = api.client.get("/api/v1/exchange" + path)
        assert response.status_code == 200, path
        _assert_clean(response.content)
    one = api.get(f"/communications/{withheld.pk}").json()
    assert one["withheld_fields"] == ["informant", "victims"]
    assert set(one["payload"]) == {"acts", "intermediary_names"}
    files = api.get(f"/communications/{withheld.pk}/attachments").json()
    hidden = [f for f in files if f["withheld"]]
    assert len(hidden) == 1 and hidden[0]["name"] is None and hidden[0]["download_url"] is None


def test_the_originators_api_answer_holds_everything(withheld, kg_cp):
    one = Api(kg_cp).get(f"/communications/{withheld.pk}").json()
    assert one["payload"]["informant"] == INFORMANT
    assert one["withheld_fields"] == ["informant", "victims"]


def test_a_withheld_file_cannot_be_downloaded_by_the_other_side(withheld, jp_cp, kg_cp):
    attachment = _withheld_file(withheld)
    page = factories.verified_client(jp_cp).get(reverse("exchange:download", args=[attachment.pk]))
    assert page.status_code == 404
    api = Api(jp_cp).client.get(f"/api/v1/exchange/attachments/{attachment.pk}/download")
    assert api.status_code == 404
    own = factories.verified_client(kg_cp).get(reverse("exchange:download", args=[attachment.pk]))
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PDF  # type: ignore[attr-defined]


def test_view_for_is_what_exports_use(withheld, jp_cp, kg_cp):
    theirs = redaction.view_for(jp_cp, withheld).as_export()
    _assert_clean(json.dumps(theirs, ensure_ascii=False).encode())
    assert {f["name"]: f["value"] for f in theirs["fields"]}["informant"] == redaction.WITHHELD
    mine = redaction.view_for(kg_cp, withheld).as_export()
    assert {f["name"]: f["value"] for f in mine["fields"]}["informant"] == INFORMANT


def test_only_fields_of_the_kind_can_be_withheld(kg_cp):
    with pytest.raises(ValidationError) as exc:
        factories.make_communication(sender=kg_cp, kind="inquiry", withheld_fields=["informant"])
    assert "withheld_fields" in exc.value.message_dict


def test_withheld_fields_can_be_chosen_on_the_compose_page(kg_cp, jp_cp):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("exchange:compose") + "?kind=intermediary_share",
        {
            "framework": factories.jp_kg().pk,
            "subject": "Fees again",
            "marking": "both",
            "p_acts": ["unexplained_fees"],
            "p_informant": INFORMANT,
            "withheld_fields": ["informant"],
            "action": "send",
        },
    )
    assert response.status_code == 302
    c = services.Communication.objects.get(subject="Fees again")
    assert c.withheld_fields == ["informant"] and c.payload["informant"] == INFORMANT
    page = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[c.pk]))
    _assert_clean(page.content)


def test_a_correction_keeps_what_was_withheld(withheld, kg_cp, jp_cp):
    new = services.correct(
        actor=kg_cp,
        communication=withheld,
        subject="Ak-Jol Travel charges fees (corrected)",
        payload={"acts": ["unexplained_fees"], "informant": INFORMANT},
    )
    assert new.withheld_fields == ["informant", "victims"]
    _assert_clean(Api(jp_cp).client.get(f"/api/v1/exchange/communications/{new.pk}").content)


# Requests for withheld content ---------------------------------------------------------


def test_the_other_side_asks_and_the_originator_releases(withheld, jp_cp, kg_cp):
    item = release.request_release(
        actor=jp_cp, communication=withheld, field="informant", reason="The police need it"
    )
    # The originator's contact point is told in the app.
    assert Notification.objects.filter(user=kg_cp, event="release_requested").exists()
    release.decide(actor=kg_cp, request=item, release=True, note="For the police only")
    withheld.refresh_from_db()
    assert withheld.withheld_fields == ["victims"]
    page = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[withheld.pk]))
    assert INFORMANT in page.content.decode()
    assert VICTIM not in page.content.decode()
    assert Notification.objects.filter(user=jp_cp, event="release_decided").exists()
    actions = AuditEntry.objects.filter(object_type="exchange.releaserequest")
    assert actions.count() == 2


def test_a_refusal_changes_nothing(withheld, jp_cp, kg_cp):
    attachment = _withheld_file(withheld)
    item = release.request_release(
        actor=jp_cp, communication=withheld, attachment=attachment, reason="Needed"
    )
    release.decide(actor=kg_cp, request=item, release=False)
    item.refresh_from_db()
    attachment.refresh_from_db()
    assert item.status == "refused" and attachment.withheld


def test_a_released_file_can_be_downloaded(withheld, jp_cp, kg_cp):
    attachment = _withheld_file(withheld)
    item = release.request_release(
        actor=jp_cp, communication=withheld, attachment=attachment, reason="Needed"
    )
    release.decide(actor=kg_cp, request=item, release=True)
    url = reverse("exchange:download", args=[attachment.pk])
    assert factories.verified_client(jp_cp).get(url).status_code == 200


def test_only_the_other_side_asks_and_only_the_originators_contact_point_decides(
    withheld, jp_cp, kg_cp
):
    with pytest.raises(services.NotPermitted):
        release.request_release(actor=kg_cp, communication=withheld, field="informant", reason="x")
    auditor = factories.make_user("isa", Role.AUDITOR)
    with pytest.raises(services.NotPermitted):
        release.request_release(
            actor=auditor, communication=withheld, field="informant", reason="x"
        )
    item = release.request_release(
        actor=jp_cp, communication=withheld, field="informant", reason="x"
    )
    kg_officer = factories.make_user("kg-mlssm", Role.OFFICER)
    for outsider in (jp_cp, kg_officer):
        with pytest.raises(services.NotPermitted):
            release.decide(actor=outsider, request=item, release=True)
    with pytest.raises(services.ExchangeConflict):
        release.request_release(actor=jp_cp, communication=withheld, field="informant", reason="x")
    with pytest.raises(ValidationError):
        release.request_release(actor=jp_cp, communication=withheld, field="acts", reason="x")


def test_release_through_the_pages(withheld, jp_cp, kg_cp):
    url = reverse("exchange:release_request", args=[withheld.pk])
    response = factories.verified_client(jp_cp).post(
        url, {"target": "field:victims", "reason": "The court asks"}
    )
    assert response.status_code == 302
    item = ReleaseRequest.objects.get()
    decide = reverse("exchange:release_decide", args=[withheld.pk, item.pk])
    # The requester cannot decide; the originator's contact point can.
    factories.verified_client(jp_cp).post(decide, {"decision": "release"})
    item.refresh_from_db()
    assert item.status == "pending"
    factories.verified_client(kg_cp).post(decide, {"decision": "release"})
    item.refresh_from_db()
    assert item.status == "released"


def test_release_through_the_api(withheld, jp_cp, kg_cp):
    path = f"/communications/{withheld.pk}/release-requests"
    created = Api(jp_cp).post(path, {"field": "informant", "reason": "Needed"})
    assert created.status_code == 201
    rid = created.json()["id"]
    refused = Api(jp_cp).post(f"{path}/{rid}/decide", {"release": True})
    assert refused.status_code == 403
    done = Api(kg_cp).post(f"{path}/{rid}/decide", {"release": True})
    assert done.status_code == 200 and done.json()["status"] == "released"
    assert Api(jp_cp).get(f"/communications/{withheld.pk}").json()["payload"]["informant"] == (
        INFORMANT
    )
    assert [r["id"] for r in Api(kg_cp).get(path).json()] == [rid]


def test_files_attached_to_a_draft_can_be_withheld_by_page_and_api(kg_cp, jp_cp):
    draft = factories.make_communication(sender=kg_cp, subject="With files", send=False)
    page = factories.verified_client(kg_cp).post(
        reverse("exchange:attach", args=[draft.pk]),
        {
            "attachments": [SimpleUploadedFile(FILE_NAME, PDF, content_type="application/pdf")],
            "withheld": "on",
        },
    )
    assert page.status_code == 302
    api = Api(kg_cp).client.post(
        f"/api/v1/exchange/communications/{draft.pk}/attachments",
        {
            "files": [SimpleUploadedFile("open.pdf", PDF, content_type="application/pdf")],
            "withheld": "false",
        },
    )
    assert api.status_code == 201 and api.json()[0]["withheld"] is False
    withheld_api = Api(kg_cp).client.post(
        f"/api/v1/exchange/communications/{draft.pk}/attachments",
        {
            "files": [SimpleUploadedFile("tokton-2.pdf", PDF, content_type="application/pdf")],
            "withheld": "true",
        },
    )
    assert withheld_api.json()[0]["withheld"] is True
    assert sorted(draft.attachments.values_list("withheld", flat=True)) == [False, True, True]
    services.send(actor=kg_cp, communication=draft)
    response = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[draft.pk]))
    _assert_clean(response.content)
    assert "open.pdf" in response.content.decode()
