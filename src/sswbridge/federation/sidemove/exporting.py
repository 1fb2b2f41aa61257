"""`side export`: the rows of a side (collect.py) into a signed archive (archive.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from sswbridge.audit import services as audit
from sswbridge.audit.chain import HASHED_FIELDS
from sswbridge.audit.models import AuditEntry
from sswbridge.federation.sidemove import archive, collect
from sswbridge.frameworks.models import Framework, Side


def _stub_user(fields: dict[str, Any], pk: Any) -> dict[str, Any]:
    """A user of another side, named on the rows that move: no password, no rights."""
    keep = {"username", "first_name", "last_name", "agency", "role", "date_joined"}
    stub = {name: value for name, value in fields.items() if name in keep}
    stub.update(
        password=make_password(None),
        email=f"user-{pk}@reference.invalid",
        is_active=False,
        is_staff=False,
        is_superuser=False,
        groups=[],
        user_permissions=[],
    )
    return stub


def _row(
    selection: collect.Selection, obj: models.Model, files: dict[str, bytes]
) -> dict[str, Any]:
    name = collect.label(type(obj))
    role = selection.roles[(name, obj.pk)]
    [data] = serializers.serialize("python", [obj])
    fields: dict[str, Any] = data["fields"]
    fields.update(collect.m2m_targets(selection, obj))
    for field_name in selection.nulled.get((name, obj.pk), []):
        fields[field_name] = None
    row: dict[str, Any] = {"model": name, "pk": obj.pk, "role": role}
    if name == "accounts.user" and role == collect.REFERENCE:
        fields = _stub_user(fields, obj.pk)
        row["stub"] = True
    stored: dict[str, str] = {}
    for field in obj._meta.concrete_fields:
        stored_name = getattr(obj, field.attname)
        if isinstance(field, models.FileField) and stored_name:
            with field.storage.open(str(getattr(stored_name, "name", stored_name)), "rb") as handle:
                content = handle.read()
            digest = archive.sha256(content)
            files[f"files/{digest}"] = content
            stored[field.name] = digest
    if stored:
        row["files"] = stored
    row["fields"] = fields
    return row


def _entry(entry: AuditEntry) -> dict[str, Any]:
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    values.update(entry_hash=entry.entry_hash, key_id=entry.key_id, signature=entry.signature)
    values["created_at"] = entry.created_at.isoformat()
    return values


def _dump(value: Any) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True).encode()


def export_side(*, framework: Framework, side: Side, out: Path, os_user: str) -> dict[str, Any]:
    """Write the archive of `side` in `framework` to `out`; returns its manifest header with
    the manifest's SHA-256. Audited (`federation.side_exported`)."""
    with transaction.atomic():  # the reading and its audit entry, or neither
        selection = collect.select(framework, side)
        files: dict[str, bytes] = {}
        rows = [
            _row(selection, obj, files)
            for name in sorted(selection.rows)
            for obj in selection.rows[name].values()
        ]
        entries = [_entry(entry) for entry in collect.audit_entries(selection)]
        header: dict[str, Any] = {
            "framework": framework.code,
            "side": side.code,
            "counts": selection.counts(),
            "audit_entries": len(entries),
            "left_out": [[name, str(pk)] for name, pk in selection.left_out],
        }
        members = {archive.RECORDS: _dump(rows), archive.AUDIT: _dump(entries), **files}
        digest = archive.write(out, json.loads(_dump(header)), members)
        audit.record(
            actor=None,
            action="federation.side_exported",
            object_type="frameworks.side",
            object_id=side.code,
            framework=framework,
            changes={
                "manifest_sha256": digest,
                "rows": len(rows),
                "audit_entries": len(entries),
                "files": len(files),
                "os_user": os_user,
            },
        )
    return {**header, "manifest_sha256": digest, "rows": len(rows), "files": len(files)}
