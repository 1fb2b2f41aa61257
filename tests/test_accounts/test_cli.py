from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from sswbridge.accounts.models import ApiToken, User
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


def test_createuser_takes_the_username_from_the_email():
    output = run(
        "createuser",
        "--agency",
        "kg-ceca",
        "--role",
        "contact_point",
        "--email",
        "aibek.osmonov@example.kg",
        "--password",
        "long enough password 42",
    )
    user = User.objects.get(email="aibek.osmonov@example.kg")
    assert (user.username, user.agency.code, user.role) == (
        "aibek.osmonov",
        "kg-ceca",
        "contact_point",
    )
    assert user.check_password("long enough password 42")
    assert "aibek.osmonov" in output


def test_createuser_reads_the_password_from_stdin(monkeypatch):
    run(
        "createuser",
        "--agency",
        "isa",
        "--role",
        "officer",
        "--email",
        "k.sato@example.jp",
        "--username",
        "ksato",
        "--password-stdin",
        stdin="another long password 9\n",
        monkeypatch=monkeypatch,
    )
    assert User.objects.get(username="ksato").check_password("another long password 9")


def test_createuser_makes_administrators_staff_so_admin_admits_them():
    run("createuser", "--agency", "isa", "--role", "administrator", "--email", "root@example.jp")
    assert User.objects.get(username="root").is_staff


def test_createuser_refuses_an_unknown_agency():
    with pytest.raises(CommandError, match="Unknown agency"):
        run("createuser", "--agency", "nope", "--role", "officer", "--email", "a@example.jp")
    assert not User.objects.filter(email="a@example.jp").exists()


def test_createuser_refuses_an_unknown_role():
    with pytest.raises(CommandError, match="Unknown role"):
        run("createuser", "--agency", "isa", "--role", "king", "--email", "a@example.jp")


def test_createuser_refuses_a_duplicate_email():
    existing = factories.make_user("isa")
    with pytest.raises(CommandError, match="e-mail already exists"):
        run(
            "createuser",
            "--agency",
            "isa",
            "--role",
            "officer",
            "--email",
            existing.email.upper(),
            "--username",
            "someone-else",
        )


def test_createuser_refuses_a_weak_password():
    with pytest.raises(CommandError):
        run(
            "createuser",
            "--agency",
            "isa",
            "--role",
            "officer",
            "--email",
            "w@example.jp",
            "--password",
            "123",
        )
    assert not User.objects.filter(email="w@example.jp").exists()


def test_token_create_prints_only_a_working_token(client: Client):
    user = factories.make_user("isa")
    raw = run("token", "create", "--user", user.username, "--name", "etl").strip()
    assert raw.startswith(ApiToken.PREFIX) and "\n" not in raw
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.json()["username"] == user.username


def test_token_revoke_by_prefix_and_list():
    user = factories.make_user("isa")
    raw = run("token", "create", "--user", user.username).strip()
    run("token", "revoke", "--user", user.username, "--prefix", raw[:12])
    assert ApiToken.objects.authenticate(raw) is None
    assert raw[:12] in run("token", "list", "--user", user.username)


def test_token_for_an_unknown_user_fails():
    with pytest.raises(CommandError, match="No user"):
        run("token", "create", "--user", "ghost")
