"""`Idempotency-Key` on the POSTs that create (issue 15, point 3; api/idempotency.py): a
repeat returns the first answer and creates nothing, in parallel too; the same key with
another body answers 422; keys are per token and kept for 24 hours; a failed first
request frees its key."""

from __future__ import annotations

import datetime as dt
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
from sswbridge.api.models import IdempotencyKey
from sswbridge.exchange.models import Communication
from tests.helpers import factories

INQUIRY = {"framework": "jp-kg", "kind": "inquiry", "subject": "Where is A. Osmonov?"}


def _client(user: Any) -> tuple[Client, ApiToken]:
    raw, fields = ApiToken.generate()
    token = ApiToken.objects.create(user=user, **fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), token


def _post(client: Client, body: dict[str, Any], key: str | None = None) -> Any:
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.post(
        "/api/v1/exchange/communications", body, content_type="application/json", headers=headers
    )


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="idem_jp_cp")


@pytest.mark.django_db
def test_a_repeat_with_the_same_key_returns_the_first_answer_and_creates_nothing(
    jp_cp: Any,
) -> None:
    client, _token = _client(jp_cp)
    first = _post(client, INQUIRY, key="7f0c-retry-1")
    again = _post(client, INQUIRY, key="7f0c-retry-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Communication.objects.filter(subject=INQUIRY["subject"]).count() == 1


@pytest.mark.django_db
def test_without_a_key_each_post_creates(jp_cp: Any) -> None:
    client, _token = _client(jp_cp)
    _post(client, INQUIRY)
    _post(client, INQUIRY)
    assert Communication.objects.filter(subject=INQUIRY["subject"]).count() == 2


@pytest.mark.django_db
def test_the_same_key_with_another_body_answers_422(jp_cp: Any) -> None:
    client, _token = _client(jp_cp)
    assert _post(client, INQUIRY, key="k1").status_code == 201
    other = _post(client, {**INQUIRY, "subject": "Another question"}, key="k1")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert not Communication.objects.filter(subject="Another question").exists()


@pytest.mark.django_db
def test_keys_are_per_token_and_kept_24_hours(jp_cp: Any) -> None:
    first_client, token = _client(jp_cp)
    second_client, _other = _client(jp_cp)
    assert _post(first_client, INQUIRY, key="k").status_code == 201
    assert _post(second_client, INQUIRY, key="k").status_code == 201  # another token
    assert Communication.objects.filter(subject=INQUIRY["subject"]).count() == 2
    IdempotencyKey.objects.filter(token=token).update(
        created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=24, minutes=1)
    )
    later = _post(first_client, INQUIRY, key="k")
    assert (later.status_code, "Idempotent-Replayed" in later) == (201, False)
    assert Communication.objects.filter(subject=INQUIRY["subject"]).count() == 3


@pytest.mark.django_db
def test_a_failed_first_request_frees_its_key(jp_cp: Any) -> None:
    client, _token = _client(jp_cp)
    refused = _post(client, {**INQUIRY, "kind": "no_such_kind"}, key="k")
    assert refused.status_code in (400, 422)
    assert not IdempotencyKey.objects.exists()
    assert _post(client, INQUIRY, key="k").status_code == 201


@pytest.mark.django_db
def test_a_key_that_is_not_printable_or_too_long_is_refused(jp_cp: Any) -> None:
    client, _token = _client(jp_cp)
    answer = _post(client, INQUIRY, key="x" * 256)
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_idempotency_key")
    assert not Communication.objects.exists()


def test_the_document_lists_the_header_on_every_post_that_creates() -> None:
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    keyed = sorted(
        operation["operationId"]
        for item in document["paths"].values()
        for method, operation in item.items()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    )
    assert {"exchange_create_communication", "cases_create_case"} <= set(keyed)
    assert "accounts_create_token" not in keyed  # its answer holds the secret
    assert "webhooks_create_endpoint" not in keyed  # so does this one
    assert keyed == sorted(api.idempotent_operations)
    created = sorted(
        operation["operationId"]
        for item in document["paths"].values()
        for method, operation in item.items()
        if method == "post" and {"201", "202"} & set(operation["responses"])
    )
    assert [i for i in created if i not in keyed] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_repeats_create_one_record_and_all_get_its_answer(
    live_server: Any, jp_cp: Any
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("the live server shares the test's one in-memory SQLite connection")
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=jp_cp, **fields)
    parallel = 6
    barrier = threading.Barrier(parallel)
    answers: list[tuple[int, Any]] = []

    def send() -> None:
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/exchange/communications",
            data=json.dumps(INQUIRY).encode(),
            headers={
                "Authorization": f"Bearer {raw}",
                "Content-Type": "application/json",
                "Idempotency-Key": "parallel-1",
            },
            method="POST",
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                answers.append((response.status, json.loads(response.read())))
        except urllib.error.HTTPError as exc:
            answers.append((exc.code, exc.read().decode(errors="replace")))

    threads = [threading.Thread(target=send) for _n in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _body in answers] == [201] * parallel, answers
    assert len({body["id"] for _status, body in answers}) == 1
    assert Communication.objects.filter(subject=INQUIRY["subject"]).count() == 1


@pytest.mark.django_db
def test_the_hourly_job_purges_the_keys_of_yesterday(jp_cp: Any) -> None:
    from sswbridge.api import jobs as api_jobs
    from sswbridge.core import jobs

    client, _token = _client(jp_cp)
    _post(client, INQUIRY, key="old")
    _post(client, {**INQUIRY, "subject": "Newer"}, key="new")
    IdempotencyKey.objects.filter(key="old").update(
        created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
    )
    assert "idempotency key purge" in dict(jobs.schedules())
    api_jobs.purge({})
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    assert jobs.Job.objects.filter(kind=api_jobs.PURGE_JOB).count() == 1  # the next run


@pytest.mark.django_db
def test_stored_answers_are_purged_before_any_record_they_describe_is_due_for_erasure(
    jp_kg: Any,
) -> None:
    """Retention's shortest period (a day, from the record's date) outlasts the answers'
    keeping: an answer holding personal data never outlives its record's erasure."""
    from django.core.exceptions import ValidationError

    from sswbridge.api import idempotency
    from sswbridge.retention import services as retention
    from sswbridge.retention.catalogue import KINDS

    shortest = dt.timedelta(days=1)
    assert shortest >= idempotency.KEEP
    admin = factories.make_user("isa", Role.ADMINISTRATOR, username="idem_retention_admin")
    kind = next(iter(KINDS))
    with pytest.raises(ValidationError):
        retention.set_policy(actor=admin, kind=kind, days=0)
    retention.set_policy(actor=admin, kind=kind, days=1)
