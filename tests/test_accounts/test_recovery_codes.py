from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.accounts import services
from tests.helpers import factories
from tests.helpers.accounts import sign_in_fully, sign_in_password

pytestmark = pytest.mark.django_db


def test_a_recovery_code_signs_in(client: Client):
    user = factories.make_user("isa")
    codes = services.generate_recovery_codes(user=user)
    sign_in_password(client, user.username)
    response = client.post("/accounts/login/verify/", {"code": codes[0]})
    assert response.url == "/home/"
    assert client.get("/home/").status_code == 200


def test_a_recovery_code_works_only_once(client: Client):
    user = factories.make_user("isa")
    codes = services.generate_recovery_codes(user=user)
    sign_in_password(client, user.username)
    client.post("/accounts/login/verify/", {"code": codes[0]})
    client.post("/accounts/logout/")

    sign_in_password(client, user.username)
    response = client.post("/accounts/login/verify/", {"code": codes[0]})
    assert "The code is not correct." in response.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client: Client, settings):
    user = factories.make_user("isa")
    old = services.generate_recovery_codes(user=user)
    new = services.generate_recovery_codes(user=user)
    assert len(new) == settings.RECOVERY_CODE_COUNT
    sign_in_password(client, user.username)
    response = client.post("/accounts/login/verify/", {"code": old[1]})
    assert "The code is not correct." in response.content.decode()


def test_recovery_codes_are_shown_only_once(client: Client):
    user = factories.make_user("isa")
    sign_in_fully(client, user)
    client.post("/accounts/recovery-codes/")
    first = client.get("/accounts/recovery-codes/").content.decode()
    second = client.get("/accounts/recovery-codes/").content.decode()
    assert 'data-testid="recovery-codes"' in first
    assert 'data-testid="recovery-codes"' not in second
