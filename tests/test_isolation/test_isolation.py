"""Every route is classified (PAGES, OPERATIONS in tests/helpers/isolation/tables.py: the
single list of routes and how to build their URLs from the world), and no public page or list
of another framework shows jp-kg's data. Who gets 200, 403, 404 or the sign-in page on every
route is the authorization matrix, tests/test_authz/test_matrix.py, which builds this world
once per worker."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.audit.models import AuditEntry
from tests.helpers import factories
from tests.helpers.isolation import world_disclosure, world_lifecycle, world_screening
from tests.helpers.isolation.routes import iter_operations, iter_patterns
from tests.helpers.isolation.tables import OPERATIONS, PAGES
from tests.helpers.isolation.world import build_world

pytestmark = pytest.mark.django_db

ALL_ROLES = [r.value for r in Role]


@pytest.fixture
def world(jp_kg, jp_uz) -> dict[str, Any]:
    return build_world(jp_kg)


SECRETS = (
    "Secret Broker KG",
    "Secret Sender KG",
    "Secret Notice KG",
    "Secret Case KG",
    "Secret Support KG",
    "Secret Order KG",
    "Secret Criterion KG",
    *world_lifecycle.SECRETS,
    *world_disclosure.SECRETS,
    *world_screening.SECRETS,
)


def _url(name: str, world: dict[str, Any]) -> str:
    builder = PAGES[name][1]
    return reverse(name, kwargs=builder(world) if builder else None)


def _leaks(body: str, *, also: str = "") -> list[str]:
    return [secret for secret in (*SECRETS, also) if secret and secret in body]


def test_public_pages_show_nothing_unpublished(world):
    """Content: no public page shows a secret of the world (one world for every page)."""
    found = []
    for name in sorted(n for n, (k, b) in PAGES.items() if k == "public" and b is not None):
        response = Client().get(_url(name, world), {"q": "Secret"})
        if response.status_code not in (200, 404):
            found.append(f"{name}: {response.status_code}")
        found += [f"{name}: {leak}" for leak in _leaks(response.content.decode())]
    assert found == []


def test_every_page_is_classified():
    names = {name for name, _route in iter_patterns()}
    assert names - set(PAGES) == set(), "classify these pages in PAGES"
    assert set(PAGES) - names == set(), "these PAGES entries no longer exist"


def test_second_framework_user_sees_nothing_of_the_first_in_lists(world):
    """Content: the lists of a user of another framework, of every role, hold nothing of
    jp-kg. (Who gets 404, 403 or a sign-in page for each route is the authorization matrix,
    tests/test_authz.)"""
    found = []
    lists = sorted(n for n, (k, _) in PAGES.items() if k == "list")
    for role in ALL_ROLES:
        client = factories.verified_client(factories.make_user("uz-agency", role))
        for name in lists:
            response = client.get(_url(name, world))
            if response.status_code not in (200, 403):
                found.append(f"{name} ({role}): {response.status_code}")
            found += [
                f"{name} ({role}): {x}" for x in _leaks(response.content.decode(), also="jp-kg")
            ]
    assert found == []


def _bearer(user) -> dict[str, str]:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _path(key: tuple[str, str], world: dict[str, Any]) -> str:
    path = key[1]
    builder = OPERATIONS[key][1]
    values = builder(world) if builder else {}
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), "x")), path)


def test_every_api_operation_is_classified():
    ops = set(iter_operations())
    assert ops - set(OPERATIONS) == set(), "classify these operations in OPERATIONS"
    assert set(OPERATIONS) - ops == set(), "these OPERATIONS entries no longer exist"


def test_public_api_serves_nothing_unpublished_without_a_token(world):
    found = []
    for key in sorted(k for k, (kind, _) in OPERATIONS.items() if kind == "public"):
        response = Client().get(_path(key, world), {"q": "Secret Support KG"})
        if response.status_code not in (200, 404):
            found.append(f"{key}: {response.status_code}")
        body = response.content.decode().replace('"query": "Secret Support KG"', "")
        found += [f"{key}: {leak}" for leak in _leaks(body)]
    assert found == []


def test_second_framework_api_lists_hold_nothing_of_the_first(world):
    found = []
    lists = sorted(k for k, (kind, _) in OPERATIONS.items() if kind == "list")
    for role in ALL_ROLES:
        headers = _bearer(factories.make_user("uz-agency", role))
        for key in lists:
            response = Client().generic(key[0], _path(key, world), **headers)
            if response.status_code not in (200, 403):
                found.append(f"{key} ({role}): {response.status_code}")
            found += [
                f"{key} ({role}): {x}" for x in _leaks(response.content.decode(), also="jp-kg")
            ]
    assert found == []


def test_first_framework_user_does_see_its_objects(world):
    """The other side of the permission: the same URLs answer for a jp-kg user."""
    user = factories.make_user("kg-ceca", Role.OFFICER)
    client = factories.verified_client(user)
    for name in ("intermediaries:intermediary_detail", "sending:sending_organization_detail"):
        assert client.get(_url(name, world)).status_code == 200
    headers = _bearer(user)
    key = ("GET", "/api/v1/registry/intermediaries/{intermediary_id}")
    assert Client().get(_path(key, world), **headers).status_code == 200
    assert AuditEntry.objects.filter(framework_code="jp-kg").exists()
