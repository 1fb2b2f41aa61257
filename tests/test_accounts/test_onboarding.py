"""Issue 14 point 6: a side's first administrator comes from a one-time enrolment link, a
locked-out side gets back in with the break-glass command on its own node, and every command
that acts on an account is audited under the account's side with the operating-system user
who ran it, where that side's administrators read it."""

from __future__ import annotations

import datetime as dt
import getpass
import io
import time
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts import links
from sswbridge.accounts.models import ApiToken, Role, User
from sswbridge.audit.models import AuditEntry
from tests.helpers import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a long new password for kg 93"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _link_path(output: str) -> str:
    url = [line for line in output.splitlines() if "/accounts/welcome/" in line][-1].strip()
    return url[url.index("/accounts/welcome/") :]


def _code(device: TOTPDevice, ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead
    return f"{totp.token():06d}"


def _enrol_through_the_link(client: Client, path: str) -> User:
    """The browser's way: the link, the password, the authenticator, the recovery codes."""
    page = client.get(path)
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    enrol = client.get(response["Location"], follow=True)
    assert enrol.redirect_chain[-1][0] == "/accounts/enrol/"
    user = User.objects.get(pk=client.session["_auth_user_id"])
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    confirmed = client.post("/accounts/enrol/", {"code": _code(device)})
    assert confirmed["Location"] == "/accounts/recovery-codes/"
    return user


def _sign_in(user: User) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"identifier": user.username, "password": PASSWORD})
    assert response["Location"] == "/accounts/login/verify/"
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post("/accounts/login/verify/", {"code": _code(device, ahead=30)})
    assert response.status_code == 302 and "/accounts/login" not in response["Location"]
    return client


def test_a_partners_first_administrator_enrols_through_a_one_time_link(jp_kg):
    output = run(
        "enrol-admin", "--framework", "jp-kg", "--side", "kg", "--agency", "kg-ceca",
        "--email", "first.admin@example.kg",
    )  # fmt: skip
    user = User.objects.get(username="first.admin")
    assert (user.role, user.is_staff, user.agency.side.code, user.has_usable_password()) == (
        Role.ADMINISTRATOR, True, "KG", False,
    )  # fmt: skip
    path = _link_path(output)
    assert _enrol_through_the_link(Client(), path) == user
    assert _sign_in(user).get("/admin/").status_code == 200
    used = Client().get(path).content.decode()
    assert "has been used already" in used and 'name="new_password1"' not in used


def test_an_expired_link_is_refused_with_a_clear_message(jp_kg, settings):
    output = run(
        "enrol-admin", "--framework", "jp-kg", "--side", "kg", "--agency", "kg-ceca",
        "--email", "late.admin@example.kg",
    )  # fmt: skip
    later = dt.datetime.now() + dt.timedelta(hours=settings.ENROLMENT_LINK_HOURS, minutes=1)
    with mock.patch.object(links.tokens, "_now", return_value=later):
        response = Client().post(
            _link_path(output), {"new_password1": PASSWORD, "new_password2": PASSWORD}
        )
    assert "This link has expired" in response.content.decode()
    assert not User.objects.get(username="late.admin").has_usable_password()


def test_a_forged_link_is_refused(jp_kg):
    user = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    good = links.path_for(user)
    for forged in (good[: -len("x/")] + "x/", "/accounts/welcome/zzz/1-abc/"):
        page = Client().get(forged).content.decode()
        assert "is not valid" in page and 'name="new_password1"' not in page


def test_break_glass_restores_a_locked_out_administrator_and_is_audited(jp_kg):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR, username="kg-last-admin")
    StaticDevice.objects.create(user=admin, name="recovery", confirmed=True)
    User.objects.filter(pk=admin.pk).update(
        locked_until=timezone.now() + dt.timedelta(hours=1), failed_login_count=9
    )
    output = run("breakglass", "--framework", "jp-kg", "--side", "kg", "--username", admin.username)
    admin.refresh_from_db()
    assert (admin.is_locked, admin.has_usable_password(), admin.is_active) == (False, False, True)
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert not StaticDevice.objects.filter(user=admin).exists()
    entry = AuditEntry.objects.filter(object_id=str(admin.pk), changes__break_glass=True).get()
    assert (entry.side_code, entry.changes["os_user"]) == ("KG", getpass.getuser())
    kg_reader = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    assert AuditEntry.objects.visible_to(kg_reader).filter(pk=entry.pk).exists()
    japan_auditor = factories.make_user("isa", Role.AUDITOR)
    assert not AuditEntry.objects.visible_to(japan_auditor).filter(pk=entry.pk).exists()
    _enrol_through_the_link(Client(), _link_path(output))
    assert _sign_in(admin).get("/admin/").status_code == 200


def test_break_glass_creates_the_administrator_when_there_is_none(jp_kg):
    output = run(
        "breakglass", "--framework", "jp-kg", "--side", "kg", "--username", "kg-new-admin",
        "--email", "kg-new-admin@example.kg", "--agency", "kg-ceca",
    )  # fmt: skip
    user = User.objects.get(username="kg-new-admin")
    assert (user.role, user.agency.code) == (Role.ADMINISTRATOR, "kg-ceca")
    assert "/accounts/welcome/" in output


def test_break_glass_refuses_a_side_this_node_does_not_host(jp_kg, settings):
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    settings.HOSTED_SIDES = [("", "jp")]
    with pytest.raises(CommandError, match="does not host side"):
        run("breakglass", "--framework", "jp-kg", "--side", "kg", "--username", admin.username)
    with pytest.raises(CommandError, match="does not host side"):
        run("enrol-admin", "--framework", "jp-kg", "--side", "kg", "--email", "x@example.kg")
    assert TOTPDevice.objects.filter(user=admin).exists()
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    run("breakglass", "--framework", "jp-kg", "--side", "kg", "--username", admin.username)
    assert not TOTPDevice.objects.filter(user=admin).exists()


def test_break_glass_refuses_an_account_of_another_side(jp_kg):
    japan_admin = factories.make_user("isa", Role.ADMINISTRATOR)
    with pytest.raises(CommandError, match="not an account of side"):
        run(
            "breakglass", "--framework", "jp-kg", "--side", "kg", "--username", japan_admin.username
        )
    assert TOTPDevice.objects.filter(user=japan_admin).exists()


def test_a_token_made_from_the_command_line_is_read_by_the_accounts_side(jp_kg, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ops-aizada")  # the first place getpass.getuser() looks
    kg_user = factories.make_user("kg-ceca", username="kg-api-user")
    run("token", "create", "--user", kg_user.username)
    token = ApiToken.objects.get(user=kg_user)
    entry = AuditEntry.objects.get(object_type="accounts.apitoken", object_id=str(token.pk))
    assert (entry.side_code, entry.actor_id, entry.changes["os_user"]) == ("KG", None, "ops-aizada")
    kg_admin = factories.verified_client(factories.make_user("kg-ceca", Role.ADMINISTRATOR))
    assert "ops-aizada" in kg_admin.get("/audit/").content.decode()
    assert "ops-aizada" in kg_admin.get(f"/audit/{entry.seq}/").content.decode()
    jp_admin = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    assert jp_admin.get(f"/audit/{entry.seq}/").status_code == 404
    assert "ops-aizada" not in jp_admin.get("/audit/").content.decode()


def test_createuser_and_token_revoke_name_the_operating_system_user(jp_kg):
    run(
        "createuser", "--agency", "kg-ceca", "--role", "officer",
        "--email", "cli.made@example.kg", "--password", "long enough password 42",
    )  # fmt: skip
    user = User.objects.get(username="cli.made")
    created = AuditEntry.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert (created.side_code, created.changes["os_user"]) == ("KG", getpass.getuser())
    raw = run("token", "create", "--user", user.username).strip()
    run("token", "revoke", "--user", user.username, "--prefix", raw[:12])
    revoked = AuditEntry.objects.filter(object_type="accounts.apitoken").order_by("-seq")[0]
    assert (revoked.side_code, revoked.changes["os_user"]) == ("KG", getpass.getuser())


def test_changepassword_prints_a_one_time_link_instead_of_taking_a_password(jp_kg):
    user = factories.make_user("kg-ceca")
    output = run("changepassword", user.username)
    entry = AuditEntry.objects.filter(object_id=str(user.pk), changes__event="password_link")
    assert entry.get().changes["os_user"] == getpass.getuser()
    client = Client()
    path = _link_path(output)
    client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert "has been used already" in client.get(path).content.decode()


def test_createsuperuser_is_refused():
    with pytest.raises(CommandError, match="no superuser"):
        run("createsuperuser", "--noinput", "--username", "root")
    assert not User.objects.filter(username="root").exists()
