from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.accounts import services
from sswbridge.accounts.models import Agency, Role, User
from sswbridge.audit.models import AuditAction, AuditEntry
from sswbridge.frameworks.models import SSWField
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client: Client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


def test_officer_gets_no_admin():
    client = factories.verified_client(factories.make_user("isa", Role.OFFICER))
    assert client.get("/admin/", follow=True).status_code == 403


def test_administrator_without_second_factor_gets_no_admin(client: Client):
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/verify/")
    assert b"SSW Bridge administration" not in response.content


def test_verified_administrator_uses_the_admin():
    client = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    index = client.get("/admin/")
    assert index.status_code == 200
    for model in (
        "accounts/user",
        "accounts/agency",
        "accounts/apitoken",
        "frameworks/framework",
        "frameworks/sswfield",
        "intermediaries/intermediary",
        "sending/sendingorganization",
        "audit/auditentry",
        "otp_totp/totpdevice",
    ):
        assert client.get(f"/admin/{model}/").status_code == 200, model


def test_user_page_shows_agency_and_role_but_not_the_password_hash():
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    officer = factories.make_user("mofa")
    page = factories.verified_client(admin).get(f"/admin/accounts/user/{officer.pk}/change/")
    html = page.content.decode()
    assert 'name="agency"' in html and 'name="role"' in html
    assert officer.password.split("$")[-1] not in html
    assert "argon2" not in html


def test_audit_entries_cannot_be_changed_or_deleted_in_the_admin():
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    client = factories.verified_client(admin)
    services.issue_token(actor=admin, user=admin)  # an entry of the administrator's side
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 200
    response = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_admin_changes_are_audited():
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    client = factories.verified_client(admin)
    field = SSWField.objects.order_by("sort_order").first()
    assert field is not None
    response = client.post(
        f"/admin/frameworks/sswfield/{field.pk}/change/",
        {
            "code": field.code,
            "name_en": "Care work",
            "name_ja": field.name_ja,
            "ssw2_open": "on" if field.ssw2_open else "",
            "active": "on",
            "sort_order": field.sort_order,
        },
    )
    assert response.status_code == 302, response.content
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.actor_id) == (AuditAction.UPDATE, admin.pk)
    assert entry.changes["name_en"] == [field.name_en, "Care work"]


def test_partner_administrator_sees_only_users_of_their_side():
    kg_admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    japan_user = factories.make_user("isa")
    client = factories.verified_client(kg_admin)
    assert client.get(f"/admin/accounts/user/{japan_user.pk}/change/").status_code == 302
    assert japan_user.username not in client.get("/admin/accounts/user/").content.decode()


def test_administrator_adds_a_user_with_agency_and_role_in_the_admin():
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    client = factories.verified_client(admin)
    agency = Agency.objects.get(code="mofa")
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new.admin",
            "email": "new.admin@example.jp",
            "agency": agency.pk,
            "role": Role.ADMINISTRATOR,
            "usable_password": "true",
            "password1": "a long enough password 77",
            "password2": "a long enough password 77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="new.admin")
    assert (created.agency, created.is_staff) == (agency, True)
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="accounts.user", object_id=str(created.pk)
    ).exists()


def test_a_password_set_in_the_admin_is_audited():
    kg_admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    kg_user = factories.make_user("kg-ceca")
    new = "another long password 5521"
    response = factories.verified_client(kg_admin).post(
        f"/admin/accounts/user/{kg_user.pk}/password/",
        {"usable_password": "true", "password1": new, "password2": new},
    )
    assert response.status_code == 302
    kg_user.refresh_from_db()
    assert kg_user.check_password(new)
    entry = AuditEntry.objects.filter(object_type="accounts.user", object_id=str(kg_user.pk))
    latest = entry.order_by("-seq").first()
    assert latest is not None
    assert (latest.actor_id, latest.side_code, latest.changes) == (
        kg_admin.pk,
        "KG",
        {"password": "set"},
    )
