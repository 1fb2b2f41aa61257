"""Optimistic concurrency on the API (issue 15, point 4; api/concurrency.py): a GET answers
with an ETag and 304 to a current If-None-Match; an update with a stale If-Match answers 412
and changes nothing, so two clients holding one ETag cannot both update, in parallel too."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.api.api import api
from sswbridge.intermediaries.models import Intermediary
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _client(user: Any) -> tuple[Client, str]:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), raw


@pytest.fixture
def kg_officer(jp_kg: Any) -> Any:
    return factories.make_user("kg-ceca", Role.OFFICER, username="etag_kg_officer")


@pytest.fixture
def jp_officer(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.OFFICER, username="etag_jp_officer")


def _path(item: Intermediary) -> str:
    return f"/api/v1/registry/intermediaries/{item.pk}"


def _patch(client: Client, item: Intermediary, body: dict[str, Any], if_match: str | None) -> Any:
    headers = {} if if_match is None else {"If-Match": if_match}
    return client.patch(_path(item), body, content_type="application/json", headers=headers)


def test_a_get_answers_an_etag_and_304_while_it_is_current(kg_officer: Any) -> None:
    item = factories.make_intermediary()
    client, _raw = _client(kg_officer)
    first = client.get(_path(item))
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert client.get(_path(item))["ETag"] == etag  # the same record, the same version

    unchanged = client.get(_path(item), headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag

    assert _patch(client, item, {"notes": "Seen in Osh."}, None).status_code == 200
    changed = client.get(_path(item), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["notes"] == "Seen in Osh."


def test_an_update_with_a_stale_if_match_answers_412_and_changes_nothing(
    kg_officer: Any,
) -> None:
    item = factories.make_intermediary()
    alice, _ = _client(kg_officer)
    bob, _ = _client(factories.make_user("kg-ceca", Role.OFFICER, username="etag_kg_bob"))
    etag = alice.get(_path(item))["ETag"]
    assert bob.get(_path(item))["ETag"] == etag

    first = _patch(alice, item, {"notes": "Alice's note."}, etag)
    assert first.status_code == 200
    assert first.json()["notes"] == "Alice's note."

    stale = _patch(bob, item, {"notes": "Bob's note."}, etag)
    assert stale.status_code == 412
    assert stale.json()["code"] == "precondition_failed"
    item.refresh_from_db()
    assert item.notes == "Alice's note."
    assert stale["ETag"] == bob.get(_path(item))["ETag"] != etag

    fresh = _patch(bob, item, {"notes": "Bob's note."}, stale["ETag"])
    assert fresh.status_code == 200
    item.refresh_from_db()
    assert item.notes == "Bob's note."


def test_if_match_star_and_no_if_match_update_as_before(kg_officer: Any) -> None:
    item = factories.make_intermediary()
    client, _ = _client(kg_officer)
    assert _patch(client, item, {"notes": "one"}, "*").status_code == 200
    assert _patch(client, item, {"notes": "two"}, None).status_code == 200
    item.refresh_from_db()
    assert item.notes == "two"


def test_a_record_the_caller_cannot_update_is_refused_as_before(
    kg_officer: Any, jp_officer: Any
) -> None:
    """If-Match does not turn the originating side's rule into a 412, nor leak the ETag."""
    item = factories.make_intermediary()
    etag = _client(kg_officer)[0].get(_path(item))["ETag"]
    japan, _ = _client(jp_officer)
    refused = _patch(japan, item, {"notes": "Japan's note."}, etag)
    assert refused.status_code in (403, 404)
    item.refresh_from_db()
    assert item.notes == ""
    hidden = factories.make_intermediary(marking="kg")
    assert _patch(japan, hidden, {"notes": "x"}, '"anything"').status_code == 404
    assert "ETag" not in _patch(japan, hidden, {"notes": "x"}, '"anything"')


def test_every_update_of_the_api_takes_if_match_and_the_document_says_so() -> None:
    updates = {
        operation.operation_id
        for router in api._get_bound_routers()
        for path_view in router.path_operations.values()
        for operation in path_view.operations
        if {"PUT", "PATCH"} & set(operation.methods)
    }
    assert updates and updates == api.conditional_updates
    schema = api.get_openapi_schema()
    for item in schema["paths"].values():
        for method, operation in item.items():
            names = {p["name"] for p in operation.get("parameters", [])}
            if operation["operationId"] in updates:
                assert "If-Match" in names and "412" in operation["responses"]
            if method == "get" and "200" in operation["responses"]:
                assert "If-None-Match" in names
                assert "ETag" in operation["responses"]["200"].get("headers", {})


@pytest.mark.django_db(transaction=True)
def test_two_parallel_updates_with_one_etag_let_one_through(
    live_server: Any, kg_officer: Any
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("the live server shares the test's one in-memory SQLite connection")
    item = factories.make_intermediary()
    client, raw = _client(kg_officer)
    etag = client.get(_path(item))["ETag"]
    parallel = 4
    barrier = threading.Barrier(parallel)
    statuses: list[int] = []

    def update(n: int) -> None:
        request = urllib.request.Request(
            live_server.url + _path(item),
            data=json.dumps({"notes": f"writer {n}"}).encode(),
            method="PATCH",
            headers={
                "Authorization": f"Bearer {raw}",
                "Content-Type": "application/json",
                "If-Match": etag,
            },
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                statuses.append(answer.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=update, args=(n,)) for n in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [412] * (parallel - 1)
