"""An anonymous user gets 404 for every communication, attachment, intermediary and case
(issue 3), on pages and in the API, for a record that exists exactly as for one that does
not; the 404 page offers to sign in and come back. Pages that name no record still send
them to sign in (issue 2). Every other route that names a record answers them the same way:
the authorization matrix (`tests/test_authz`) checks each one."""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.models import Role
from sswbridge.cases import services as cases
from sswbridge.exchange.models import Attachment
from tests.helpers import factories
from tests.helpers.accounts import totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(jp_kg: Any) -> dict[str, Any]:
    sender = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    communication = factories.make_communication(jp_kg, sender=sender, kind="inquiry")
    attachment = Attachment.objects.create(
        framework=jp_kg,
        originator_side=communication.originator_side,
        originator_agency=communication.originator_agency,
        marking="both",
        communication=communication,
        file="exchange/x/file.pdf",
        original_name="file.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=sender,
    )
    case = cases.open_case(
        actor=sender, framework=jp_kg, title="Case", subject_type="other", marking="both"
    )
    return {
        "communication": communication.pk,
        "attachment": attachment.pk,
        "intermediary": factories.make_intermediary(jp_kg).pk,
        "case": case.pk,
    }


def _page(answer: Any, url: str) -> str:
    """The page without what differs by request: its own URL and the CSRF token."""
    return re.sub(r'value="[^"]{64}"', "", answer.content.decode().replace(url, ""))


PAGES = {
    "communication": "/exchange/{}/",
    "attachment": "/exchange/attachments/{}/",
    "intermediary": "/registry/intermediaries/{}/",
    "case": "/cases/{}/",
}
API = {
    "communication": "/api/v1/exchange/communications/{}",
    "attachment": "/api/v1/exchange/attachments/{}/download",
    "intermediary": "/api/v1/registry/intermediaries/{}",
    "case": "/api/v1/cases/{}",
}


@pytest.mark.parametrize("what", list(PAGES))
def test_pages_answer_the_same_for_a_real_and_a_made_up_id(objects, what):
    from django.urls import resolve

    real = PAGES[what].format(objects[what])
    made_up = PAGES[what].format(uuid.uuid4())
    resolve(real)  # the route exists
    answers = [Client().get(url) for url in (real, made_up)]
    assert [a.status_code for a in answers] == [404, 404]
    for answer, url in zip(answers, (real, made_up), strict=True):
        assert f'href="/accounts/login/?next={quote(url)}"' in answer.content.decode()
    pages = [_page(a, url) for a, url in zip(answers, (real, made_up), strict=True)]
    assert pages[0] == pages[1]


@pytest.mark.parametrize("what", list(API))
def test_the_api_answers_the_same_for_a_real_and_a_made_up_id(objects, what):
    answers = [Client().get(API[what].format(pk)) for pk in (objects[what], uuid.uuid4())]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].content == answers[1].content
    assert answers[0].json()["code"] == "not_found"


@pytest.mark.parametrize(
    "url", ["/exchange/inbox/", "/cases/", "/registry/intermediaries/", "/api/v1/exchange/inbox"]
)
def test_lists_still_send_an_anonymous_user_to_sign_in(url):
    answer = Client().get(url)
    if url.startswith("/api/"):
        assert (answer.status_code, answer.json()["code"]) == (401, "unauthenticated")
    else:
        assert answer.status_code == 302
        assert answer["Location"].startswith("/accounts/login/?next=")


def test_the_404_page_signs_in_and_leads_back_to_the_record(objects, jp_kg):
    user = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    url = PAGES["communication"].format(objects["communication"])
    client = Client()
    page = client.get(url)
    assert page.status_code == 404
    sign_in = re.search(r'href="(/accounts/login/\?next=[^"]+)"', page.content.decode())
    assert sign_in is not None
    client.get(sign_in.group(1))
    client.post(
        "/accounts/login/",
        {"identifier": user.username, "password": factories.PASSWORD, "next": url},
    )
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.url == url
    assert client.get(url).status_code == 200
