"""Investigation (7.3) end to end: from Japan's notice of improper activity the partner opens
an investigation, records the guidance and supervision it gave and sends the report of
results as the answer to the notice — through the pages and through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.exchange.models import Communication
from sswbridge.sending.models import Investigation
from tests.helpers import factories
from tests.helpers.api import RegistryApi as Api
from tests.helpers.registers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(jp_cp, kg_registrar, jp_kg):  # type: ignore[no-untyped-def]
    org = approved(kg_registrar, jp_kg)
    letter = factories.make_communication(
        jp_kg,
        sender=jp_cp,
        kind="improper_activity_notice",
        subject="Deposits collected by Ala-Too",
        payload={"sending_organization": org.name_en},
    )
    return letter, org


def _answered(letter: Communication) -> Communication:
    letter.refresh_from_db()
    assert letter.answered_at is not None
    return Communication.objects.get(in_reply_to=letter)


def test_an_investigation_through_the_pages(notice, kg_cp, jp_cp):
    letter, org = notice
    client = factories.verified_client(kg_cp)
    listing = client.get(reverse("sending:investigation_list")).content.decode()
    assert reverse("sending:investigation_open", args=[letter.pk]) in listing
    opened = client.post(
        reverse("sending:investigation_open", args=[letter.pk]), {"organization": org.pk}
    )
    item = Investigation.objects.get()
    assert opened["Location"] == reverse("sending:investigation_detail", args=[item.pk])
    for kind, text in (("guidance", "Told to return the deposits"), ("supervision", "Visited")):
        client.post(
            reverse("sending:investigation_action_add", args=[item.pk]),
            {"kind": kind, "text": text, "date": "2026-05-01"},
        )
    client.post(
        reverse("sending:investigation_report", args=[item.pk]),
        {"subject": "Results of the investigation", "body": "Deposits returned."},
    )
    page = client.get(opened["Location"]).content.decode()
    assert "Told to return the deposits" in page and "Visited" in page
    reply = _answered(letter)
    assert reply.kind == "results_report"
    assert reverse("exchange:detail", args=[reply.pk]) in page
    # Japan receives the report as the answer to its notice, and cannot see the investigation.
    assert Communication.objects.visible_to(jp_cp).filter(pk=reply.pk).exists()
    japan = factories.verified_client(jp_cp)
    assert japan.get(opened["Location"]).status_code == 404


def test_an_investigation_through_the_api(notice, kg_cp):
    letter, org = notice
    api = Api(kg_cp)
    opened = api.post("/investigations", {"notice": str(letter.pk), "organization": str(org.pk)})
    assert opened.status_code == 201, opened.content
    iid = opened.json()["id"]
    assert opened.json()["notice"] == str(letter.pk) and opened.json()["case"]
    acted = api.post(
        f"/investigations/{iid}/actions", {"kind": "guidance", "text": "Told to return deposits"}
    )
    assert [a["kind"] for a in acted.json()["actions"]] == ["guidance"]
    reported = api.post(f"/investigations/{iid}/report", {"subject": "Results", "body": "Done."})
    assert reported.status_code == 200, reported.content
    reply = _answered(letter)
    assert reported.json()["report"] == str(reply.pk)
    assert reply.kind == "results_report"
    assert [i["id"] for i in api.get("/investigations").json()] == [iid]
    again = api.post(f"/investigations/{iid}/report", {"subject": "Results again"})
    assert again.status_code in (400, 409, 422)
