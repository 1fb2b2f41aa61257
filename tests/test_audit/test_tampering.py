"""Editing, deleting or reordering entries behind the ORM's back is detected."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from sswbridge.audit.chain import HASHED_FIELDS, compute_hash, verify_chain
from sswbridge.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

TAMPERED_FIELDS = sorted({*HASHED_FIELDS, "entry_hash", "prev_hash"})


def _other(field: str, value: Any) -> Any:
    """A different value of the same type, as small a change as the field allows."""
    if field == "seq":
        return value + 100
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(microseconds=1)
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dict):
        return {**value, "name": ["old", "new!"]}
    if isinstance(value, str):
        return value[:-1] + ("x" if not value.endswith("x") else "y") if value else "x"
    raise AssertionError(f"no tampering for {field}={value!r}")


@pytest.mark.parametrize("position", [1, 3, 5], ids=["first", "middle", "last"])
@pytest.mark.parametrize("field", TAMPERED_FIELDS)
def test_editing_any_field_of_any_entry_is_detected(chain, field, position):
    value = getattr(AuditEntry.objects.get(seq=position), field)
    AuditEntry.objects.filter(seq=position).update(**{field: _other(field, value)})
    result = verify_chain()
    assert not result.ok and result.broken_seq == position


def test_changing_one_character_of_an_actor_by_sql_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET actor_label = %s WHERE seq = %s", ["jp-officeR", 3]
        )
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 3)


def test_changing_one_character_of_the_changes_by_sql_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET changes = %s WHERE seq = %s",
            ['{"count": [1, 2.6]}', 3],
        )
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 3)


@pytest.mark.parametrize("position", [1, 3, 5], ids=["first", "middle", "last"])
def test_deleting_an_entry_is_detected(chain, position):
    AuditEntry.objects.filter(seq=position).delete()
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, position)


def test_deleting_an_entry_by_sql_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq = %s", [2])
    assert verify_chain().broken_seq == 2


def test_deleting_the_last_entries_and_renumbering_nothing_is_detected(chain):
    AuditEntry.objects.filter(seq__gte=4).delete()
    result = verify_chain()
    assert (result.ok, result.verified, result.broken_seq) == (False, 3, 4)


@pytest.mark.parametrize(("a", "b"), [(1, 2), (2, 4), (4, 5)])
def test_reordering_two_entries_is_detected(chain, a, b):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET seq = -1 WHERE seq = %s", [a])
        cursor.execute("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [a, b])
        cursor.execute("UPDATE audit_auditentry SET seq = %s WHERE seq = -1", [b])
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, a)


def test_an_entry_forged_at_the_end_without_moving_the_head_is_detected(chain):
    last = AuditEntry.objects.get(seq=5)
    values = {name: getattr(last, name) for name in HASHED_FIELDS}
    values.update(seq=6, prev_hash=last.entry_hash, actor_label="forger")
    AuditEntry.objects.create(**values, entry_hash=compute_hash(values))
    assert verify_chain().broken_seq == 6
