"""The authorization matrix of account management (issue 14 point 6): an administrator
manages the accounts of their own side only, in hosted mode too. Every administrator of the
matrix (and a contact-point officer) tries every management act of the admin site on an
account of each side; the act must take effect exactly when the account is of the
administrator's side. Japan's administrator cannot reset a Kyrgyz password or second factor,
nor edit, deactivate or delete a Kyrgyz account, and the other way round.

The API has no operation on another user's account (`/api/v1/accounts` serves one's own
account and tokens); the API matrix (`table_api.py`) already holds those rows as `owner`."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.models import ApiToken, Role, User
from tests.helpers import factories
from tests.test_authz.conftest import AGENCIES

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new password 4471"
ACTORS = ("administrator@jp", "administrator@kg", "administrator@uz", "contact_point@jp")
TARGETS = ("jp", "kg", "uz")


def _target(side: str) -> User:
    user = factories.make_user(AGENCIES[side], Role.OFFICER, username=f"target-{side}")
    StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    _raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, name="target", **fields)
    return user


def _change_form(user: User, **override: Any) -> dict[str, Any]:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": "Changed",
        "email": user.email,
        "agency": user.agency_id,
        "role": user.role,
        "is_active": "on",
        "failed_login_count": user.failed_login_count,
    }
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def _fresh(user: User) -> User | None:
    return User.objects.filter(pk=user.pk).first()


def _sees(path: str) -> Callable[[Client, User], bool]:
    def act(client: Client, user: User) -> bool:
        return client.get(path.format(pk=user.pk)).status_code == 200

    return act


def _edit(client: Client, user: User) -> bool:
    client.post(f"/admin/accounts/user/{user.pk}/change/", _change_form(user))
    fresh = _fresh(user)
    return fresh is not None and fresh.last_name == "Changed"


def _deactivate(client: Client, user: User) -> bool:
    client.post(f"/admin/accounts/user/{user.pk}/change/", _change_form(user, is_active=None))
    fresh = _fresh(user)
    return fresh is not None and not fresh.is_active


def _set_password(client: Client, user: User) -> bool:
    client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    fresh = _fresh(user)
    return fresh is not None and fresh.check_password(NEW_PASSWORD)


def _delete(client: Client, user: User) -> bool:
    client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})
    return _fresh(user) is None


def _bulk_delete(client: Client, user: User) -> bool:
    client.post(
        "/admin/accounts/user/",
        {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"},
    )
    return _fresh(user) is None


def _device_delete(model: type[Any], path: str) -> Callable[[Client, User], bool]:
    def act(client: Client, user: User) -> bool:
        device = model.objects.get(user=user)
        client.post(path.format(pk=device.pk), {"post": "yes"})
        return not model.objects.filter(pk=device.pk).exists()

    return act


def _token_delete(client: Client, user: User) -> bool:
    token = ApiToken.objects.get(user=user, name="target")
    client.post(f"/admin/accounts/apitoken/{token.pk}/delete/", {"post": "yes"})
    return not ApiToken.objects.filter(pk=token.pk).exists()


ACTS: dict[str, Callable[[Client, User], bool]] = {
    "see the account": _sees("/admin/accounts/user/{pk}/change/"),
    "see the password page": _sees("/admin/accounts/user/{pk}/password/"),
    "edit": _edit,
    "deactivate": _deactivate,
    "reset the password": _set_password,
    "delete": _delete,
    "delete from the list": _bulk_delete,
    "reset the second factor": _device_delete(
        TOTPDevice, "/admin/otp_totp/totpdevice/{pk}/delete/"
    ),
    "reset the recovery codes": _device_delete(
        StaticDevice, "/admin/otp_static/staticdevice/{pk}/delete/"
    ),
    "delete an API token": _token_delete,
}


def _expected(actor: str, side: str) -> bool:
    role, actor_side = actor.split("@")
    return role == Role.ADMINISTRATOR and actor_side == side


def test_each_administrator_manages_the_accounts_of_their_own_side_only(matrix):
    targets = {side: _target(side) for side in TARGETS}
    mismatches = []
    for actor in ACTORS:
        client = matrix.page_clients[actor]
        for side, user in targets.items():
            for name, act in ACTS.items():
                cookies = copy.copy(client.cookies)
                with transaction.atomic():
                    done = act(client, user)
                    transaction.set_rollback(True)
                client.cookies = cookies
                want = _expected(actor, side)
                if done != want:
                    mismatches.append(f"{actor} → {side} account, {name}: {want=} {done=}")
    assert not mismatches, "\n".join(mismatches)


def test_another_sides_account_is_not_listed(matrix):
    targets = {side: _target(side) for side in TARGETS}
    page = matrix.page_clients["administrator@jp"].get("/admin/accounts/user/").content.decode()
    assert targets["jp"].username in page
    assert targets["kg"].username not in page and targets["uz"].username not in page
    devices = matrix.page_clients["administrator@kg"].get("/admin/otp_totp/totpdevice/")
    assert targets["kg"].username in devices.content.decode()
    assert targets["jp"].username not in devices.content.decode()


def test_a_new_account_goes_only_into_an_agency_of_the_administrators_side(matrix):
    client = matrix.page_clients["administrator@jp"]
    form = {
        "username": "jp-made-kg",
        "email": "jp-made-kg@example.test",
        "role": Role.ADMINISTRATOR,
        "usable_password": "false",
    }
    kg_agency = matrix.users["officer@kg"].agency
    response = client.post("/admin/accounts/user/add/", {**form, "agency": kg_agency.pk})
    assert response.status_code == 200  # the form comes back with the choice refused
    assert not User.objects.filter(username="jp-made-kg").exists()
    jp_agency = matrix.users["officer@jp"].agency
    assert (
        client.post("/admin/accounts/user/add/", {**form, "agency": jp_agency.pk}).status_code
        == 302
    )
    assert User.objects.get(username="jp-made-kg").agency == jp_agency


def test_an_agency_cannot_be_moved_to_another_side(matrix):
    client = matrix.page_clients["administrator@jp"]
    agency = matrix.users["officer@jp"].agency
    kg_side = matrix.users["officer@kg"].agency.side
    response = client.post(
        f"/admin/accounts/agency/{agency.pk}/change/",
        {"side": kg_side.pk, "code": agency.code, "name_en": agency.name_en},
    )
    assert response.status_code == 200
    agency.refresh_from_db()
    assert agency.side != kg_side
    kg_agency = matrix.users["officer@kg"].agency
    assert client.get(f"/admin/accounts/agency/{kg_agency.pk}/change/").status_code == 302
