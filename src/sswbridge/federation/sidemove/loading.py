"""`side import`: a checked archive (archive.read) into this node's empty database, in one
transaction, primary keys kept.

The exporting node's audit entries are not appended to this node's chain (they have their own
sequence numbers and hashes): each is checked (its hash recomputed, its signature verified
with the exporting node's keys named in the signed manifest, and, where two entries follow
each other in that chain, the link between them) and kept as it was in `ImportedAuditEntry`.
This node's own chain records the import once (`federation.side_imported`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.chain import ENTRY_CONTEXT, compute_hash
from sswbridge.core import nodekey
from sswbridge.federation.models import ImportedAuditEntry, SideImport
from sswbridge.federation.sidemove.archive import AUDIT, RECORDS, Archive, ArchiveError
from sswbridge.frameworks.models import Framework


def entry_values(raw: dict[str, Any]) -> dict[str, Any]:
    values = dict(raw)
    values["created_at"] = dt.datetime.fromisoformat(raw["created_at"])
    return values


def check_history(entries: Iterable[dict[str, Any]], keys: dict[str, nodekey.PublicKey]) -> None:
    """Each entry as its node wrote it: hash, signature, links. ArchiveError otherwise."""
    previous: dict[str, Any] | None = None
    for values in entries:
        seq = values["seq"]
        if compute_hash(values) != values["entry_hash"]:
            raise ArchiveError(_("audit entry #%(seq)s does not match its hash") % {"seq": seq})
        key = keys.get(values["key_id"])
        if values["signature"] and (
            key is None
            or not key.verify(ENTRY_CONTEXT, values["entry_hash"].encode(), values["signature"])
        ):
            raise ArchiveError(
                _("audit entry #%(seq)s is not signed by the exporting node") % {"seq": seq}
            )
        follows = previous is not None and previous["seq"] + 1 == seq
        if follows and previous is not None and values["prev_hash"] != previous["entry_hash"]:
            raise ArchiveError(
                _("audit entry #%(seq)s does not follow #%(prev)s in its chain")
                % {"seq": seq, "prev": previous["seq"]}
            )
        previous = values


def _refuse_unless_empty() -> None:
    if User.objects.exists():
        raise ArchiveError(
            _(
                "this node's database already holds accounts: a side is imported into a new, "
                "empty node only (after `sswbridge migrate`)"
            )
        )


def _store_files(row: dict[str, Any], archive: Archive) -> None:
    model = apps.get_model(row["model"])
    for field_name, digest in row.get("files", {}).items():
        field = model._meta.get_field(field_name)
        assert isinstance(field, models.FileField)
        name = row["fields"][field_name]
        saved = field.storage.save(name, ContentFile(archive.members[f"files/{digest}"]))
        if saved != name:
            raise ArchiveError(_("the file %(name)s exists already on this node") % {"name": name})


def import_side(archive: Archive, *, os_user: str) -> SideImport:
    manifest = archive.manifest
    framework = Framework.objects.filter(code=manifest["framework"]).first()
    if framework is None:
        raise ArchiveError(
            _("this node has no framework %(code)s") % {"code": manifest["framework"]}
        )
    entries = [entry_values(raw) for raw in archive.json(AUDIT)]
    check_history(entries, archive.public_keys())
    rows = archive.json(RECORDS)
    with transaction.atomic():
        _refuse_unless_empty()
        touched: set[type[models.Model]] = set()
        for row in rows:
            plain = {"model": row["model"], "pk": row["pk"], "fields": row["fields"]}
            try:
                with transaction.atomic():
                    for loaded in serializers.deserialize("python", [plain]):
                        loaded.save()
                        touched.add(type(loaded.object))
            except (IntegrityError, DeserializationError) as exc:
                raise ArchiveError(
                    _("%(model)s %(pk)s cannot be loaded here: %(error)s")
                    % {"model": row["model"], "pk": row["pk"], "error": exc}
                ) from None
            _store_files(row, archive)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(touched)):
                cursor.execute(sql)
        done = SideImport.objects.create(
            framework_code=manifest["framework"],
            side_code=manifest["side"],
            source_key_id=manifest["key_id"],
            source_keys=manifest["keys"],
            manifest_sha256=archive.digest,
            counts=manifest["counts"],
        )
        ImportedAuditEntry.objects.bulk_create(
            ImportedAuditEntry(
                side_import=done,
                **{k: v for k, v in values.items() if k != "id"},
            )
            for values in entries
        )
        try:
            connection.check_constraints()
        except IntegrityError as exc:
            raise ArchiveError(
                _("the archive's rows do not hold together: %(error)s") % {"error": exc}
            ) from None
        audit.record(
            actor=None,
            action="federation.side_imported",
            obj=done,
            framework=framework,
            changes={
                "manifest_sha256": archive.digest,
                "exporting_key_id": manifest["key_id"],
                "rows": len(rows),
                "audit_entries": len(entries),
                "os_user": os_user,
            },
        )
    return done


def verify_imported(side_import: SideImport) -> None:
    """Check again the history kept from an import (ArchiveError when it was changed)."""
    keys = {
        key_id: nodekey.PublicKey.of(_raw(raw)) for key_id, raw in side_import.source_keys.items()
    }
    fields = [f.name for f in ImportedAuditEntry._meta.concrete_fields]
    entries = ImportedAuditEntry.objects.filter(side_import=side_import).order_by("seq")
    check_history(({name: getattr(e, name) for name in fields} for e in entries), keys)


def _raw(value: str) -> Any:
    from sswbridge.federation import keys

    return keys.parse_public_key(value).key
