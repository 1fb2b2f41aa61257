"""The authorization matrix's world, built once per worker (pytest-xdist sends each module to
one worker whole, tests/conftest.py): the users of `rules.USERS`, the
isolation world with the one-user records belonging to them, and a signed-in client and a
token client per user. It is built in a transaction that stays open for the package and is
rolled back after it; each test runs in a savepoint inside it (pytest-django's `db`), and
each request in a savepoint of its own (`calls.call`), so no test changes what the next one
sees. Its files are stored in a media directory of the package."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings

from sswbridge.accounts.models import ApiToken, User
from tests.helpers import factories
from tests.helpers.isolation import world_merges
from tests.helpers.isolation.world import build_world
from tests.test_authz.rules import ANONYMOUS, USERS


@dataclass(frozen=True)
class Matrix:
    users: dict[str, User]
    world: dict[str, Any]
    page_clients: dict[str, Client]
    api_clients: dict[str, Client]


@pytest.fixture(scope="package")
def _matrix_world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Matrix]:
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media")):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                jp_kg = factories.jp_kg()
                factories.second_framework()
                users = _users()
                world = _world(jp_kg, users)
                world_merges.merge(world)  # made now, not by the first test that asks
                built = Matrix(users, world, _page_clients(users), _api_clients(users))
            except BaseException:
                outer.__exit__(*sys.exc_info())
                raise
        try:
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)


@pytest.fixture
def matrix(_matrix_world: Matrix, db: None) -> Matrix:
    """The package's world; a copy of its dictionary, so that a test adding to it adds for
    itself alone."""
    built = _matrix_world
    return Matrix(built.users, dict(built.world), built.page_clients, built.api_clients)


AGENCIES = {"jp": "isa", "kg": "kg-ceca", "uz": "uz-agency"}


def _users() -> dict[str, User]:
    users = {}
    for label in USERS[1:]:
        role, side = label.split("@")
        users[label] = factories.make_user(AGENCIES[side], role, username=label.replace("@", "-"))
    return users


def _world(jp_kg: Any, users: dict[str, User]) -> dict[str, Any]:
    """The isolation world, with the one-user records (a token, a notification) belonging to
    users of the matrix, so that their owner is among those asked."""
    from sswbridge.exchange.models import Notification, ReleaseRequest

    world = build_world(jp_kg)
    for stored in (world["attachment"].file, world["evidence"].file):
        default_storage.save(stored.name, ContentFile(b"%PDF-1.4 secret"))
    world["person_intermediary"] = factories.make_intermediary(
        jp_kg, names=[("Secret Person Broker KG", "Latn", "en")]
    )
    world["person_intermediary"].kind = "individual"
    world["person_intermediary"].save(update_fields=["kind"])
    world["release_request"] = ReleaseRequest.objects.create(
        communication=world["communication"],
        field="body",
        reason="Matrix",
        requested_by=users["officer@jp"],
    )
    if "screening_hit" in world:  # a hit between two records the users may see
        hit = world["screening_hit"]
        hit.subject_source = hit.candidate_source = "intermediary"
        hit.subject_id = str(world["intermediary"].pk)
        hit.candidate_id = str(world["person_intermediary"].pk)
        hit.save(update_fields=["subject_source", "candidate_source", "subject_id", "candidate_id"])
    if "screening_batch" in world:
        world["screening_batch"].owner = users["officer@kg"]
        world["screening_batch"].save(update_fields=["owner"])
    _raw, fields = ApiToken.generate()
    world["kg_token"] = ApiToken.objects.create(user=users["contact_point@kg"], **fields)
    world["notification"] = Notification.objects.create(
        user=users["contact_point@jp"],
        communication=world["communication"],
        event="delivered",
        text="Secret Notice KG",
    )
    return world


def _page_clients(users: dict[str, User]) -> dict[str, Client]:
    clients = {ANONYMOUS: Client(raise_request_exception=False)}
    for label, user in users.items():
        client = factories.verified_client(user)
        client.raise_request_exception = False
        clients[label] = client
    return clients


def _api_clients(users: dict[str, User]) -> dict[str, Client]:
    clients = {ANONYMOUS: Client(raise_request_exception=False)}
    for label, user in users.items():
        raw, fields = ApiToken.generate()
        ApiToken.objects.create(user=user, name="matrix", **fields)
        clients[label] = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {raw}")
    return clients
