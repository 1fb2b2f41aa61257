"""Concurrent writers take turns at the head of the chain; the chain never forks."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection, connections

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.chain import verify_chain
from sswbridge.audit.models import AuditEntry
from sswbridge.frameworks.models import Framework
from tests.helpers import factories

THREADS = 8
WRITES_PER_THREAD = 25


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_writers_never_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database; runs on PostgreSQL")
    actor = factories.make_user("isa", username="busy-officer")
    framework = Framework.objects.get(code="jp-kg")
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            user = User.objects.select_related("agency__side").get(pk=actor.pk)
            start.wait()
            for i in range(WRITES_PER_THREAD):
                audit.record(
                    actor=user,
                    action="update",
                    object_type="tests.thread",
                    object_id=f"{n}-{i}",
                    framework=framework,
                    changes={"i": [i, i + 1]},
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    total = THREADS * WRITES_PER_THREAD
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert errors == []
    assert seqs == list(range(1, total + 1))
    assert verify_chain().ok
