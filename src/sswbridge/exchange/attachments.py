"""Storing attachments and logging their downloads.

Files are checked (`files.inspect_upload`) before any transaction starts, so a bad file
changes nothing. Stored files are written inside the caller's transaction; if it rolls back,
`discard_files_on_error` deletes what was written, so nothing is half-saved on disk either.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.models import Marking
from sswbridge.exchange.files import FileCheck, inspect_upload
from sswbridge.exchange.models import Attachment, AttachmentDownload, Communication

AUDITED = (
    "communication_id",
    "original_name",
    "content_type",
    "size",
    "sha256",
    "marking",
    "withheld",
)
# From the narrowest marking to the widest; an attachment never travels further than its
# communication.
MARKING_ORDER = (Marking.AGENCY, Marking.SIDE, Marking.BOTH)

_stored: ContextVar[list[str] | None] = ContextVar("exchange_stored_files", default=None)


@contextmanager
def discard_files_on_error() -> Iterator[None]:
    """Delete the files stored inside this block when it ends with an exception.

    Nested blocks hand their files to the enclosing one, so an error in an outer
    transaction also removes files an inner, already finished, block stored.
    """
    parent = _stored.get()
    mine: list[str] = []
    token = _stored.set(mine)
    try:
        yield
    except BaseException:
        for name in mine:
            Attachment.file.field.storage.delete(name)
        raise
    finally:
        _stored.reset(token)
    if parent is not None:
        parent.extend(mine)


def remember_stored(name: str) -> None:
    """A file written inside a `discard_files_on_error` block, deleted if it ends in error."""
    registry = _stored.get()
    if registry is not None:
        registry.append(name)


def check_files(files: Sequence[Any]) -> list[FileCheck]:
    """Check every file; one ValidationError({"attachments": [...]}) lists every refusal."""
    checks: list[FileCheck] = []
    problems: list[str] = []
    for uploaded in files:
        try:
            checks.append(inspect_upload(uploaded))
        except ValidationError as exc:
            problems.extend(exc.messages)
    if problems:
        raise ValidationError({"attachments": problems})
    return checks


def clean_marking(marking: str | None, communication: Communication) -> str:
    marking = marking or communication.marking
    allowed = MARKING_ORDER[: MARKING_ORDER.index(Marking(communication.marking)) + 1]
    if marking not in allowed:
        message = _("An attachment is never public and travels no further than its message.")
        raise ValidationError({"marking": [message]})
    return marking


def store(
    *,
    actor: User,
    communication: Communication,
    files: Sequence[Any],
    checks: Sequence[FileCheck],
    marking: str | None = None,
    withheld: bool = False,
) -> list[Attachment]:
    """Write checked files for a communication; call inside its transaction."""
    marking = clean_marking(marking, communication)
    saved: list[Attachment] = []
    for uploaded, check in zip(files, checks, strict=True):
        attachment = Attachment(
            framework_id=communication.framework_id,
            originator_side_id=communication.originator_side_id,
            originator_agency_id=communication.originator_agency_id,
            marking=marking,
            communication=communication,
            original_name=check.name,
            content_type=check.content_type,
            size=check.size,
            sha256=check.sha256,
            uploaded_by=actor,
            withheld=withheld,
        )
        handle = getattr(uploaded, "file", uploaded)
        handle.seek(0)
        attachment.file.save(check.name, File(handle), save=False)
        registry = _stored.get()
        if registry is not None:
            registry.append(attachment.file.name)
        attachment.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=attachment,
            changes=audit.diff(None, audit.snapshot(attachment, AUDITED)),
        )
        saved.append(attachment)
    return saved


def record_download(*, actor: User, attachment: Attachment) -> None:
    """Log one download: a row, and an audit entry naming the file and its checksum."""
    with transaction.atomic():
        AttachmentDownload.objects.create(attachment=attachment, user=actor)
        audit.record(
            actor=actor,
            action=AuditAction.OTHER,
            obj=attachment,
            changes={"download": attachment.original_name, "sha256": attachment.sha256},
        )
