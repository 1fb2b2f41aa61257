"""Writing audit entries. Every service that changes data calls `record` in its transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from sswbridge.audit import personal
from sswbridge.audit.chain import ENTRY_CONTEXT, compute_hash
from sswbridge.audit.models import AuditChainHead, AuditEntry
from sswbridge.core import nodekey

if TYPE_CHECKING:
    from sswbridge.accounts.models import User


def _json_safe(value: dict[str, Any]) -> dict[str, Any]:
    """The value as it will read back from a JSON column (dates as text, and so on)."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False)
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited values of a model instance (foreign keys by id)."""
    names = (
        list(fields)
        if fields is not None
        else [f.attname for f in instance._meta.concrete_fields if f.attname not in ("updated_at",)]
    )
    return _json_safe({name: getattr(instance, name) for name in names})


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """Fields whose value changed, as {field: [before, after]}."""
    before = dict(before or {})
    after = dict(after or {})
    changed: dict[str, Any] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            changed[key] = [old, new]
    return _json_safe(changed)


def _actor_fields(actor: User | AnonymousUser | None) -> dict[str, Any]:
    if actor is None or isinstance(actor, AnonymousUser):
        return {"actor_id": None, "actor_label": "", "side_code": "", "agency_code": ""}
    agency = actor.agency
    return {
        "actor_id": actor.pk,
        "actor_label": actor.get_username(),
        "side_code": agency.side.code,
        "agency_code": agency.code,
    }


class AuditChainHeadMissing(RuntimeError):
    """The chain has entries but its head row is gone: the trail was tampered with."""


def _locked_head() -> AuditChainHead:
    """The head row, locked until the caller's transaction ends, so writers take turns."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    # The data migration creates the head; only a flushed (test) database lacks it. Starting a
    # new chain is safe only when there is no chain yet.
    if AuditEntry.objects.exists():
        raise AuditChainHeadMissing("the audit chain head is missing; run verify-audit")
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(pk=1)
    except IntegrityError:
        pass  # a concurrent writer created it first
    return AuditChainHead.objects.select_for_update().get(pk=1)


def hold_head() -> None:
    """Take the audit head now, in the caller's transaction, until it ends (a later `record`
    holds it already). For a service that must lock a row after the head in every
    transaction, whatever the caller wrote before: the federation's outgoing sequence."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("hold_head needs a transaction")
    _locked_head()


def record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    framework: Any = None,
    changes: Mapping[str, Any] | None = None,
    side_code: str | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction (or a new one).

    The values of personal fields (`personal.py`) are recorded only as a marker. The entry is
    signed with the node key (core/nodekey.py), which raises NodeKeyError when it is missing."""
    key = nodekey.current()  # read once per process, before the head is locked
    with transaction.atomic():
        head = _locked_head()
        values: dict[str, Any] = _actor_fields(actor)
        if side_code is not None:
            values["side_code"] = side_code
        if obj is not None:
            object_type = object_type or obj._meta.label_lower
            object_id = object_id or str(obj.pk)
            if framework is None:
                framework = getattr(obj, "framework", None)
        values.update(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            framework_code=getattr(framework, "code", "") or "",
            action=str(action),
            object_type=object_type,
            object_id=str(object_id),
            changes=_json_safe(personal.mask(object_type, dict(changes or {}))),
            prev_hash=head.last_hash,
        )
        values["entry_hash"] = compute_hash(values)
        values["key_id"] = key.key_id
        values["signature"] = key.sign(ENTRY_CONTEXT, values["entry_hash"].encode())
        entry = AuditEntry.objects.create(**values)
        head.last_seq = entry.seq
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_seq", "last_hash"])
        return entry
