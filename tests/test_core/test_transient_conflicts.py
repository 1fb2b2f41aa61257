"""The last line behind the lock order: a transient conflict runs the request again, and a
client whom no attempt could serve gets 503 with Retry-After, never 500 (issue 12, point 1)."""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
import time
from typing import Any

import psycopg
import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import RequestFactory

from sswbridge.accounts.models import Role
from sswbridge.audit.chain import verify_chain
from sswbridge.audit.models import AuditChainHead
from sswbridge.cases.models import Case
from sswbridge.core import middleware, transactions
from sswbridge.frameworks.models import Framework, Side
from tests.helpers import factories
from tests.helpers.http import api_token, post_json

CASE = {"framework": "jp-kg", "title": "t", "subject_type": "intermediary"}


def _deadlock() -> OperationalError:
    """The error Django raises for PostgreSQL's deadlock_detected (SQLSTATE 40P01)."""
    error = OperationalError("deadlock detected")
    error.__cause__ = psycopg.errors.DeadlockDetected("deadlock detected")
    return error


def _new_side(code: str) -> None:
    Side.objects.create(code=code, kind="partner", country=code, name_en=code)


# --- a real deadlock on PostgreSQL, through the API -------------------------------------------


def _close_a_cycle_with_the_request(framework_pk: Any, holding: threading.Event) -> None:
    """Hold the audit head; once the request waits for it (holding the framework's guard),
    ask for that guard: a lock cycle, which PostgreSQL breaks by killing the request, the
    first to wait. Then let go, so that the request's next attempt goes through."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                # The request checks for the cycle after its 1 s; this side would after 30 s.
                cursor.execute("SET LOCAL deadlock_timeout = '30s'")
            AuditChainHead.objects.select_for_update().get(pk=1)
            holding.set()
            with connection.cursor() as cursor:
                for _ in range(1200):  # at most a minute
                    cursor.execute(
                        "SELECT pg_stat_clear_snapshot()"
                    )  # else cached in a transaction
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                    )
                    if cursor.fetchone()[0]:
                        break
                    time.sleep(0.05)
            Framework.objects.select_for_update(no_key=True).get(pk=framework_pk)
    finally:
        connections.close_all()


def _case_against_a_deadlock(server_url: str, jp_kg: Any) -> tuple[int, Any, dict[str, str]]:
    if connection.vendor != "postgresql":
        pytest.skip("a deadlock between row locks needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip("choosing the deadlock's victim (deadlock_timeout) needs a superuser")
    token = api_token(factories.make_user("isa", Role.OFFICER, username="jp_officer"))
    holding = threading.Event()
    other = threading.Thread(target=_close_a_cycle_with_the_request, args=(jp_kg.pk, holding))
    other.start()
    holding.wait(10)
    answer = post_json(server_url, token, "/cases", CASE)
    other.join()
    return answer


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_killed_by_a_deadlock_runs_again_and_succeeds(server_url, jp_kg, caplog):
    status, body, _headers = _case_against_a_deadlock(server_url, jp_kg)
    retried = [r.getMessage() for r in caplog.records if "transient" in r.getMessage()]
    assert (status, Case.objects.count(), len(retried)) == (201, 1, 1)
    assert "deadlock" in retried[0]
    assert Case.objects.get().reference == body["reference"]
    assert verify_chain().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_deadlock_with_no_attempt_left_answers_503_with_retry_after(
    server_url, jp_kg, monkeypatch
):
    monkeypatch.setattr(transactions, "ATTEMPTS", 1)
    status, body, headers = _case_against_a_deadlock(server_url, jp_kg)
    assert (status, body["code"], headers.get("Retry-After")) == (503, "busy", "1")
    assert Case.objects.count() == 0


# --- when running again is safe ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_work_rolled_back_by_a_conflict_runs_again_until_it_passes():
    attempts: list[int] = []

    def work() -> str:
        with transaction.atomic():
            attempts.append(1)
            _new_side(f"Z{len(attempts)}")
            if len(attempts) < 3:
                raise _deadlock()
        return "done"

    assert transactions.retrying(work) == "done"
    assert list(Side.objects.filter(code__startswith="Z").values_list("code", flat=True)) == ["Z3"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_work_that_committed_a_write_is_not_run_again():
    attempts: list[int] = []

    def work() -> None:
        attempts.append(1)
        with transaction.atomic():
            _new_side(f"Z{len(attempts)}")
        raise _deadlock()  # after the first transaction committed

    with pytest.raises(OperationalError):
        transactions.retrying(work)
    assert len(attempts) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_work_inside_a_transaction_is_not_run_again():
    attempts: list[int] = []

    def work() -> None:
        attempts.append(1)
        raise _deadlock()

    with pytest.raises(OperationalError), transaction.atomic():
        transactions.retrying(work)
    assert len(attempts) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_other_errors_are_not_run_again():
    attempts: list[int] = []

    def work() -> None:
        attempts.append(1)
        raise OperationalError("no such table: nowhere")

    with pytest.raises(OperationalError):
        transactions.retrying(work)
    assert len(attempts) == 1


@pytest.mark.parametrize(
    "error",
    [
        psycopg.errors.DeadlockDetected("deadlock detected"),
        psycopg.errors.SerializationFailure("could not serialize access"),
        psycopg.errors.LockNotAvailable("could not obtain lock"),
        sqlite3.OperationalError("database is locked"),
    ],
    ids=["deadlock", "serialization", "lock_not_available", "sqlite_locked"],
)
def test_transient_conflicts_are_recognized_through_djangos_wrapper(error: Exception):
    wrapped = OperationalError(str(error))
    wrapped.__cause__ = error
    assert transactions.is_transient(wrapped)


def test_an_integrity_error_is_not_transient():
    wrapped = OperationalError("duplicate key")
    wrapped.__cause__ = psycopg.errors.UniqueViolation("duplicate key")
    assert not transactions.is_transient(wrapped)


# --- what the client gets -----------------------------------------------------------------------


def _escaped(path: str) -> Any:
    """The 500 handler's answer to a conflict that escaped (its exception is being handled)."""
    request = RequestFactory().post(path)
    try:
        raise _deadlock()
    except OperationalError:
        assert sys.exc_info()[1] is not None
        return middleware.server_error(request)


@pytest.mark.django_db
def test_an_escaped_conflict_on_the_api_answers_503_json_busy():
    response = _escaped("/api/v1/cases")
    assert (
        response.status_code,
        response["Retry-After"],
        json.loads(response.content)["code"],
    ) == (
        503,
        "1",
        "busy",
    )


@pytest.mark.django_db
def test_an_escaped_conflict_on_a_page_answers_a_503_page():
    response = _escaped("/cases/new/")
    assert (response.status_code, response["Retry-After"]) == (503, "1")
    assert 'data-testid="busy"' in response.content.decode()


@pytest.mark.django_db
def test_any_other_escaped_error_stays_a_500():
    request = RequestFactory().get("/cases/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = middleware.server_error(request)
    assert response.status_code == 500
