"""An anonymous user learns nothing about communications, attachments, intermediaries and
cases: pages send them to sign in and the API answers 401, for an object that exists exactly
as for one that does not (issue 3 asks for "404 to an anonymous user"; the foundation sends
anonymous users to sign in — either way, existence does not leak)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from sswbridge.cases import services as cases
from sswbridge.exchange.models import Attachment
from tests import factories

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
    assert [a.status_code for a in answers] == [302, 302]
    assert all(a["Location"].startswith("/accounts/login/") for a in answers)


@pytest.mark.parametrize("what", list(API))
def test_the_api_answers_the_same_for_a_real_and_a_made_up_id(objects, what):
    answers = [Client().get(API[what].format(pk)) for pk in (objects[what], uuid.uuid4())]
    assert [a.status_code for a in answers] == [401, 401]
    assert answers[0].content == answers[1].content
