"""Every write of the support-organization register.

An import reads the whole file first (outside any transaction, reporting progress), then
applies it in one transaction: the organizations added, changed and removed, the change
report, the audit entry, the share with the partner as a communication and the publication
on the partner's portal. A refused file changes nothing in the register.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, cast

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core import jobs
from sswbridge.core.models import Marking
from sswbridge.exchange.files import XLSX, clean_name, max_upload_bytes, refuse_disagreeing_name
from sswbridge.frameworks.locks import guard
from sswbridge.frameworks.models import Framework
from sswbridge.publication.names import search_key
from sswbridge.support import federation as register_notices
from sswbridge.support import sharing
from sswbridge.support.columns import FIELD_NAMES
from sswbridge.support.models import (
    ChangeType,
    ImportStatus,
    SupportChange,
    SupportImport,
    SupportOrganization,
)
from sswbridge.support.reader import (
    ImportRefused,
    ParsedList,
    Progress,
    check_archive,
    file_digest,
    read_list,
)

BATCH = 500
JOB_KIND = "support_import"
SCREENING_SOURCE = "support_organization"
SCREENING_WHOLE_SOURCE_ABOVE = 1000


class NotPermitted(PermissionDenied):
    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


def may_import(user: User) -> bool:
    """Japan's registrars keep the register of registered support organizations."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == Role.REGISTRAR
        and user.is_japan
    )


def _check(actor: User, framework: Framework) -> None:
    if not may_import(actor):
        raise NotPermitted(_("Only a registrar of Japan may import the list."))
    if not Framework.objects.visible_to(actor).filter(pk=framework.pk).exists():
        raise NotPermitted(_("No such framework."))


def import_file(
    *,
    actor: User,
    framework: Framework,
    path: Path,
    file_name: str = "",
    support_import: SupportImport | None = None,
    progress: Progress | None = None,
) -> SupportImport:
    """Import the list in `path` for `framework`; ImportRefused when the file is not sound.

    Without `support_import` (the command line) a refused file leaves no trace; with one
    (a queued upload) the caller records the refusal with `mark_refused`."""
    _check(actor, framework)
    sha256, size = file_digest(path)
    parsed = read_list(path, progress=progress)
    with transaction.atomic():
        guard(framework.pk)
        now = timezone.now()
        if support_import is None:
            support_import = SupportImport(
                framework=framework,
                originator_side=actor.agency.side,
                originator_agency=actor.agency,
                marking=Marking.BOTH,
                imported_by=actor,
            )
        support_import.file_name = clean_name(file_name or path.name)
        support_import.file_sha256, support_import.file_size = sha256, size
        support_import.edition = parsed.edition
        support_import.rows_total = support_import.rows_processed = parsed.count
        support_import.save()
        counts, touched = _apply(
            actor=actor, framework=framework, parsed=parsed, record=support_import
        )
        support_import.added, support_import.removed, support_import.changed = counts
        support_import.finished_at = now
        if any(counts):
            support_import.status = ImportStatus.DONE
            support_import.communication = sharing.share(actor=actor, support_import=support_import)
            support_import.published_at = now
            register_notices.send(actor=actor, support_import=support_import, touched=touched)
        else:
            support_import.status = ImportStatus.UNCHANGED
        support_import.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=support_import,
            changes=audit.diff(None, _summary(support_import)),
        )
        return support_import


def _summary(record: SupportImport) -> dict[str, Any]:
    return audit.snapshot(
        record,
        [
            "file_name",
            "file_sha256",
            "status",
            "rows_total",
            "added",
            "removed",
            "changed",
            "communication_id",
            "published_at",
        ],
    )


def _new_organization(
    framework: Framework, actor: User, values: dict[str, Any], digest: str
) -> SupportOrganization:
    return SupportOrganization(
        framework=framework,
        originator_side=actor.agency.side,
        originator_agency=actor.agency,
        marking=Marking.PUBLIC,
        name_key=search_key(values["name"])[:500],
        content_hash=digest,
        **values,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _apply(
    *, actor: User, framework: Framework, parsed: ParsedList, record: SupportImport
) -> tuple[tuple[int, int, int], list[Any]]:
    """Bring the framework's register to the parsed list; ((added, removed, changed), the
    ids of the organizations it touched)."""
    known = {
        number: (pk, digest, listed)
        for number, pk, digest, listed in SupportOrganization.objects.filter(
            framework=framework
        ).values_list("registration_number", "id", "content_hash", "listed")
    }
    new: list[SupportOrganization] = []
    changes: list[SupportChange] = []
    relisted: dict[Any, str] = {}
    changed: dict[Any, str] = {}
    for number, values in parsed.rows.items():
        digest = parsed.hashes[number]
        found = known.get(number)
        if found is None:
            new.append(_new_organization(framework, actor, values, digest))
        elif not found[2]:
            relisted[found[0]] = number
        elif found[1] != digest:
            changed[found[0]] = number
        else:
            continue
        if known and (found is None or not found[2]):
            # The first list of a framework is not a change: every organization is new.
            changes.append(_change(record, number, ChangeType.ADDED))
    removed = sorted(
        (number, pk)
        for number, (pk, _d, listed) in known.items()
        if listed and number not in parsed.rows
    )
    SupportOrganization.objects.bulk_create(new, batch_size=BATCH)
    changes += _update(parsed, record, {**relisted, **changed}, set(relisted))
    now = timezone.now()
    for chunk in _chunks([pk for _n, pk in removed]):
        SupportOrganization.objects.filter(pk__in=chunk).update(
            listed=False, delisted_at=now, updated_at=now, version=F("version") + 1
        )
    changes += [_change(record, number, ChangeType.REMOVED) for number, _pk in removed]
    SupportChange.objects.bulk_create(changes, batch_size=BATCH)
    touched = [o.pk for o in new] + list(relisted) + list(changed) + [pk for _n, pk in removed]
    tell_screening(touched)
    return (len(new) + len(relisted), len(removed), len(changed)), touched


def tell_screening(ids: list[Any]) -> None:
    """Bulk writes send no signals: note the changes for the screening index ourselves."""
    if not ids or not apps.is_installed("sswbridge.screening"):
        return
    from sswbridge.screening import signals

    if len(ids) > SCREENING_WHOLE_SOURCE_ABOVE:
        signals.source_changed(SCREENING_SOURCE)
    else:
        signals.changed(SCREENING_SOURCE, ids)


def _change(record: SupportImport, number: str, kind: str, **fields: str) -> SupportChange:
    return SupportChange(
        support_import=record, registration_number=number, change_type=kind, **fields
    )


def _update(
    parsed: ParsedList, record: SupportImport, targets: dict[Any, str], relisted: set[Any]
) -> list[SupportChange]:
    """Update the organizations in `targets` ({pk: number}); the changed fields' report."""
    changes: list[SupportChange] = []
    now = timezone.now()
    for chunk in _chunks(list(targets)):
        objects = list(SupportOrganization.objects.filter(pk__in=chunk))
        for obj in objects:
            number = targets[obj.pk]
            values = parsed.rows[number]
            for name in FIELD_NAMES:
                before, after = getattr(obj, name), values[name]
                if before != after and obj.pk not in relisted:
                    changes.append(
                        _change(
                            record,
                            number,
                            ChangeType.CHANGED,
                            field=name,
                            before=_text(before),
                            after=_text(after),
                        )
                    )
                setattr(obj, name, after)
            obj.name_key = search_key(obj.name)[:500]
            obj.content_hash = parsed.hashes[number]
            obj.listed, obj.delisted_at = True, None
            obj.version += 1
            obj.updated_at = now
        SupportOrganization.objects.bulk_update(
            objects,
            [
                *FIELD_NAMES,
                "name_key",
                "content_hash",
                "listed",
                "delisted_at",
                "version",
                "updated_at",
            ],
            batch_size=BATCH,
        )
    return changes


def _chunks(items: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def queue_upload(*, actor: User, framework: Framework, upload: UploadedFile) -> SupportImport:
    """Store an uploaded list and queue its import; the worker runs it (see jobs.py).

    The file is refused at once (a ValidationError on `file`, nothing stored) when it is not
    an Excel workbook, or its name claims another type; the rows are read by the job."""
    _check(actor, framework)
    if upload.size is not None and upload.size > max_upload_bytes():
        raise ValidationError({"file": [_("The file is too large.")]})
    try:
        check_archive(cast("IO[bytes]", upload))  # an UploadedFile reads and seeks as one
    except ImportRefused as refusal:
        raise ValidationError({"file": refusal.messages}) from None
    try:
        refuse_disagreeing_name(clean_name(upload.name or ""), XLSX)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = clean_name(upload.name or "list.xlsx")
    with transaction.atomic():
        record = SupportImport(
            framework=framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=Marking.BOTH,
            imported_by=actor,
            file_name=name,
            file_sha256=digest.hexdigest(),
            file_size=upload.size or 0,
            status=ImportStatus.QUEUED,
        )
        record.stored_file.save(f"{record.pk}.xlsx", upload, save=False)
        record.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=record,
            changes=audit.diff(None, _summary(record)),
        )
        jobs.enqueue(JOB_KIND, {"import_id": str(record.pk)}, unique_key=f"{JOB_KIND}:{record.pk}")
        return record


def record_progress(*, support_import: SupportImport, rows: int, total: int = 0) -> None:
    """How far the reading has come, for the progress page (its own short write; not
    audited: it changes no register, only the state of a running job)."""
    SupportImport.objects.filter(pk=support_import.pk).update(
        rows_processed=rows, rows_total=total, status=ImportStatus.RUNNING
    )


def mark_refused(*, support_import: SupportImport, refusal: ImportRefused) -> SupportImport:
    """Record why a queued file was refused; the register is unchanged."""
    with transaction.atomic():
        record: SupportImport = SupportImport.objects.select_for_update(no_key=True).get(
            pk=support_import.pk
        )
        before = _summary(record)
        record.status = ImportStatus.FAILED
        record.error = "\n".join(refusal.messages)
        record.finished_at = timezone.now()
        record.save(update_fields=["status", "error", "finished_at", "updated_at"])
        audit.record(
            actor=record.imported_by,
            action=AuditAction.UPDATE,
            obj=record,
            changes=audit.diff(before, {**_summary(record), "error": record.error}),
        )
        return record


def run_queued(*, support_import: SupportImport) -> SupportImport:
    """Run a queued import (the worker's job): progress as it reads, refusal recorded."""
    record: SupportImport = SupportImport.objects.select_related(
        "imported_by__agency__side", "framework"
    ).get(pk=support_import.pk)
    if record.finished or record.imported_by is None:  # none: a copy from another node
        return record
    record_progress(support_import=record, rows=0)
    try:
        return import_file(
            actor=record.imported_by,
            framework=record.framework,
            path=Path(record.stored_file.path),
            file_name=record.file_name,
            support_import=record,
            progress=lambda rows, total: record_progress(
                support_import=record, rows=rows, total=total
            ),
        )
    except ImportRefused as refusal:
        return mark_refused(support_import=record, refusal=refusal)
    except NotPermitted as exc:
        return mark_refused(support_import=record, refusal=ImportRefused([exc.message]))
