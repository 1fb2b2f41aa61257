"""A database made before the registry's split (issue 13) migrates forward with no data
change, its audit chain still verifies, and the labels its entries stored still name models.

`tests/data/pre_split/demo.sqlite3.gz` was made by `sswbridge migrate` and `sswbridge demo` at
commit 5c951e7, before the first move; `node_key.pem.retired` holds the public half of the key
that signed its entries (its private half was thrown away)."""

from __future__ import annotations

import gzip
import hashlib
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from sswbridge.accounts.models import Role
from sswbridge.audit import labels, selectors
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core import nodekey
from tests.helpers import factories

DATA = Path(__file__).resolve().parents[1] / "data" / "pre_split"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sswbridge", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


class Migrated(NamedTuple):
    database: Path
    env: dict[str, str]
    rows_before: dict[str, str]
    columns_before: dict[str, list[str]]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Migrated:
    """The pre-split database, migrated by today's code."""
    folder = tmp_path_factory.mktemp("pre_split")
    database = folder / "demo.sqlite3"
    with gzip.open(DATA / "demo.sqlite3.gz") as packed, database.open("wb") as out:
        shutil.copyfileobj(packed, out)
    var = folder / "var"
    var.mkdir()
    shutil.copy(DATA / "node_key.pem.retired", var / "node_key.pem.retired")
    nodekey.generate(var / "node_key.pem")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSWBRIDGE_")}
    env.update(
        SSWBRIDGE_SECRET_KEY=secrets.token_urlsafe(50),
        SSWBRIDGE_DEBUG="true",
        SSWBRIDGE_VAR_DIR=str(var),
        SSWBRIDGE_DATABASE_URL=f"sqlite:///{database}",
    )
    before, columns = _rows(database), _columns(database)
    done = _run(["migrate", "--no-input"], env)
    assert done.returncode == 0, done.stdout + done.stderr
    return Migrated(database, env, before, columns)


# Django's bookkeeping: post_migrate adds a content type and permissions for a moved model's
# new label, and the migrations table records the new migrations.
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}


def _columns(database: Path) -> dict[str, list[str]]:
    """Each table's columns, by name (SQLite rebuilds a table to alter a column, which moves
    that column last)."""
    with sqlite3.connect(database) as db:
        return {
            name: sorted(row[1] for row in db.execute(f'PRAGMA table_info("{name}")'))
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name not in BOOKKEEPING
        }


def _rows(database: Path, columns: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Each table's rows, hashed, over `columns` that the table still has (its own, when not
    given): a later migration may add a column to a table, which changes no row's values of
    before, or move a column's values to a table of their own (as the sending
    organizations' names did), which a test of that migration checks."""
    tables = _columns(database)
    with sqlite3.connect(database) as db:
        hashed = {}
        for name, own in tables.items():
            kept = [c for c in (columns or {}).get(name, own) if c in own]
            listed = ", ".join(f'"{column}"' for column in kept)
            rows = sorted(db.execute(f'SELECT {listed} FROM "{name}"').fetchall(), key=repr)
            hashed[name] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return hashed


EMPTY = hashlib.sha256(repr([]).encode()).hexdigest()


# Changed on purpose by the data migrations of issue 16 (partner-shaped data): the
# frameworks' partner data and the SSW fields' names filled, a sending organization's
# name_ky and name_ru moved into its names (tested below).
PARTNER_DATA = {
    "frameworks_framework",
    "frameworks_sswfield",
    "registry_sendingorganization",
    "sending_sendingorganizationname",
    # Seeded by frameworks/0005_side_calendar_data: Japan's New Year closure of its offices.
    "frameworks_sideclosure",
}


def test_the_migrations_of_the_split_change_no_row(migrated):
    after = _rows(migrated.database, migrated.columns_before)
    # Every table of before keeps its rows (the columns it had: later migrations may add some),
    # but those the partner data moved on purpose (the next test); the tables that later apps
    # add start empty.
    kept = [name for name in migrated.rows_before if name not in PARTNER_DATA]
    assert {name: after.get(name) for name in kept} == {n: migrated.rows_before[n] for n in kept}
    added = [name for name in after if name not in migrated.rows_before.keys() | PARTNER_DATA]
    assert {name: after[name] for name in added} == {name: EMPTY for name in added}


def test_the_kyrgyz_and_russian_names_become_names_of_the_organization(migrated, tmp_path):
    old = tmp_path / "old.sqlite3"
    with gzip.open(DATA / "demo.sqlite3.gz") as packed, old.open("wb") as out:
        shutil.copyfileobj(packed, out)
    with sqlite3.connect(old) as db:
        columns = db.execute("SELECT id, name_ky, name_ru FROM registry_sendingorganization")
        expected = sorted(
            (org, language, value)
            for org, ky, ru in columns
            for language, value in (("ky", ky), ("ru", ru))
            if value
        )
    with sqlite3.connect(migrated.database) as db:
        names = db.execute(
            "SELECT organization_id, language, value, script FROM sending_sendingorganizationname"
        ).fetchall()
        columns = [row[1] for row in db.execute("PRAGMA table_info(registry_sendingorganization)")]
    assert len(expected) == 17  # 7 Kyrgyz and 10 Russian names in the old columns
    assert sorted((org, language, value) for org, language, value, _script in names) == expected
    assert {script for *_rest, script in names} == {"Cyrl"}
    assert "name_ky" not in columns and "name_ru" not in columns and "name_en" in columns


def test_the_audit_chain_of_a_database_from_before_the_split_still_verifies(migrated):
    verified = _run(["verify-audit", "--no-checkpoint"], migrated.env)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_every_label_stored_before_the_split_still_names_a_model(migrated):
    with sqlite3.connect(migrated.database) as db:
        stored = {
            label
            for (label,) in db.execute(
                "SELECT DISTINCT object_type FROM audit_auditentry WHERE object_type LIKE '%.%'"
            )
        }
    assert "registry.publication" in stored  # an entry keeps the label it was written with
    assert {label for label in stored if labels.model_for(label) is None} == set()


@pytest.mark.django_db
def test_the_trail_filtered_by_a_moved_models_label_finds_the_entries_under_its_old_label(jp_kg):
    auditor = factories.make_user("isa", Role.AUDITOR)
    old = audit.record(
        actor=auditor,
        action=AuditAction.UPDATE,
        object_type="registry.publicationsettings",
        object_id="1",
    )
    new = audit.record(
        actor=auditor,
        action=AuditAction.UPDATE,
        object_type="publication.publicationsettings",
        object_id="1",
    )
    found = selectors.entries_for(auditor, {"object_type": "publication.publicationsettings"})
    assert set(found) == {old, new}
