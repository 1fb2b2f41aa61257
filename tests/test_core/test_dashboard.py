"""A home dashboard for each role: each shows what that role looks at first, and nothing
meant for another role."""

from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from sswbridge.audit.services import record
from tests.helpers import factories

pytestmark = pytest.mark.django_db

SECTIONS = {
    Role.CONTACT_POINT: "Your contact-point duties",
    Role.REGISTRAR: "Registers you keep",
    Role.AUDITOR: "Latest audit entries",
    Role.ADMINISTRATOR: "Latest audit entries",
    Role.OFFICER: "<h2>Frameworks</h2>",
}


@pytest.mark.parametrize("role", list(SECTIONS))
def test_each_role_has_its_own_dashboard(jp_kg, role):
    user = factories.make_user("kg-ceca", role)
    body = factories.verified_client(user).get("/home/").content.decode()
    assert SECTIONS[role] in body
    others = {text for r, text in SECTIONS.items() if text != SECTIONS[role]}
    assert not [text for text in others if text in body]


def test_the_designated_contact_point_is_told_so(jp_kg):
    body = (
        factories.verified_client(factories.make_user("kg-ceca", Role.CONTACT_POINT))
        .get("/home/")
        .content.decode()
    )
    assert "You are the designated contact point for" in body
    other = factories.make_user("kg-embassy-jp", Role.CONTACT_POINT)
    body = factories.verified_client(other).get("/home/").content.decode()
    assert "Your agency is not a designated contact point." in body


def test_the_auditors_dashboard_lists_only_entries_of_its_own_side(jp_kg):
    kg_user = factories.make_user("kg-ceca", Role.OFFICER)
    jp_user = factories.make_user("isa", Role.OFFICER)
    record(actor=kg_user, action="other", object_type="kyrgyz.thing", framework=jp_kg)
    record(actor=jp_user, action="other", object_type="japanese.thing", framework=jp_kg)
    auditor = factories.make_user("kg-mlssm", Role.AUDITOR)
    body = factories.verified_client(auditor).get("/home/").content.decode()
    assert "kyrgyz.thing" in body and "japanese.thing" not in body


def test_the_dashboard_needs_sign_in(client):
    response = client.get("/home/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
