"""The text search's trigram indexes (migration exchange 0005) on PostgreSQL: they exist,
and the search the inbox runs can use each of them (the expression Django writes for
`icontains` is the one indexed)."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from sswbridge.exchange import selectors
from tests.helpers import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "postgres" not in os.environ.get("SSWBRIDGE_TEST_DATABASE_URL", ""),
        reason="trigram indexes are PostgreSQL's; SQLite searches without them",
    ),
]

INDEXES = {"exchange_comm_subject_trgm", "exchange_comm_body_trgm", "registry_name_value_trgm"}


def test_the_trigram_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        assert {row[0] for row in cursor.fetchall()} >= INDEXES


def test_the_inbox_search_can_use_every_trigram_index(kg_cp, jp_cp):
    factories.make_communication(sender=kg_cp, subject="Indexed subject")
    items = selectors.box_for(jp_cp, "inbox", selectors.ListFilter(q="Tash-Kol"))
    sql, params = items.query.sql_with_params()
    with connection.cursor() as cursor:
        # Tables this small are cheapest read whole, or whole through any index: forbid
        # both, so the plan shows whether a condition-driven (bitmap) scan can use each index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert all(name in plan for name in INDEXES), plan
