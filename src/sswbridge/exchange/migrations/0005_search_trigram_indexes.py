"""Trigram indexes for the text search of the inbox and outbox (`selectors._matching_ids`),
on PostgreSQL only: `UPPER(column) LIKE UPPER('%text%')`, which Django's `icontains`
writes, becomes an index scan instead of a scan of every communication.

`pg_trgm` is a trusted extension (PostgreSQL 13 and later): the database's owner may create
it. Where it cannot be created, the migration says so and goes on; the search then works
as before, without the indexes. SQLite needs nothing."""

from __future__ import annotations

import sys
from typing import Any

from django.db import DatabaseError, migrations, transaction

INDEXES = {
    "exchange_comm_subject_trgm": ("exchange_communication", 'UPPER("subject"::text)'),
    "exchange_comm_body_trgm": ("exchange_communication", 'UPPER("body"::text)'),
    "registry_name_value_trgm": ("registry_intermediaryname", 'UPPER("value"::text)'),
}


def create(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        print(
            f"\n  pg_trgm could not be created ({exc}); the text search works without its "
            "indexes, more slowly on a large inbox.",
            file=sys.stderr,
        )
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f"USING gin ({expression} gin_trgm_ops)"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0004_redaction_retraction"),
        ("registry", "0004_intermediary_merges"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
