"""Signed checkpoints of the audit chain's head, kept as files outside the database.

A checkpoint pins one entry: its sequence number and hash, with the time it was written, the
id of the node key that signed it and the signature. Every entry before it is pinned too, since
each hash covers the previous one. So a chain whose tail was deleted (and whose head row was
moved back) no longer contains an entry that a checkpoint pins, and `verify-audit` says which
checkpoint it fails. Checkpoints are written at every `verify-audit` of an intact chain and by
the daily job (`audit/jobs.py`), one JSON file each, in SSWBRIDGE_CHECKPOINT_DIR; they are
ready to be sent to the partner, and copies kept off this machine pin the chain even against
someone who holds the node key.

A restore from a backup rewinds the chain on purpose: `record_restore` writes a "restored to
entry N" checkpoint, and checkpoints written before it that pin entries after N are then
superseded (listed by `verify-audit`, no longer checked).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sswbridge.audit.models import GENESIS_HASH, AuditAction, AuditChainHead, AuditEntry
from sswbridge.core import nodekey

FORMAT = "sswbridge-audit-checkpoint/1"
CONTEXT = b"sswbridge audit checkpoint\n"
HEAD = "head"
RESTORE = "restore"
SIGNED_FIELDS = (
    "format",
    "kind",
    "seq",
    "hash",
    "created_at",
    "reason",
    "key_id",
    "restored_to",
    "restored_hash",
    "source",
)


class CheckpointError(RuntimeError):
    """A checkpoint cannot be written: the chain no longer matches an earlier checkpoint."""


@dataclass(frozen=True)
class Checkpoint:
    kind: str
    seq: int
    hash: str
    created_at: dt.datetime
    reason: str
    key_id: str
    signature: str = ""
    restored_to: int | None = None
    restored_hash: str = ""
    source: str = ""
    path: Path | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else ""

    @property
    def time_label(self) -> str:
        return self.created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    def document(self) -> dict[str, Any]:
        """The signed fields, as they are written to the file."""
        return {
            "format": FORMAT,
            "kind": self.kind,
            "seq": self.seq,
            "hash": self.hash,
            "created_at": self.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "reason": self.reason,
            "key_id": self.key_id,
            "restored_to": self.restored_to,
            "restored_hash": self.restored_hash,
            "source": self.source,
        }

    def signed_bytes(self) -> bytes:
        return canonical(self.document())


def canonical(document: dict[str, Any]) -> bytes:
    doc = {name: document.get(name) for name in SIGNED_FIELDS}
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def directory() -> Path:
    return Path(settings.CHECKPOINT_DIR)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory, flush it to disk, then rename it: a
    reader (or a crash) sees the whole file or none of it."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".checkpoint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)  # not secret: made to be sent to the partner
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write(
    *,
    seq: int,
    hash: str,
    reason: str,
    kind: str = HEAD,
    restored_to: int | None = None,
    restored_hash: str = "",
    source: str = "",
) -> Checkpoint:
    """Sign a checkpoint of entry `seq` (whose hash is `hash`) and write it as a new file."""
    key = nodekey.current()
    unsigned = Checkpoint(
        kind=kind,
        seq=seq,
        hash=hash,
        created_at=timezone.now(),
        reason=reason,
        key_id=key.key_id,
        restored_to=restored_to,
        restored_hash=restored_hash,
        source=source,
    )
    signature = key.sign(CONTEXT, unsigned.signed_bytes())
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = unsigned.created_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    path = folder / f"checkpoint-{stamp}-{seq:012d}-{kind}.json"
    document = {**unsigned.document(), "signature": signature}
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _write_atomically(path, text.encode())
    return Checkpoint(**{**unsigned.__dict__, "signature": signature, "path": path})


@dataclass(frozen=True)
class Checkpoints:
    """The checkpoints found in the directory, sorted by the time they were written."""

    valid: list[Checkpoint]
    bad: list[tuple[Path, str]]

    def restores(self) -> list[Checkpoint]:
        return [c for c in self.valid if c.kind == RESTORE]

    def superseded(self) -> list[Checkpoint]:
        """Checkpoints written before a restore that pin entries after the one it restored to."""
        restores = self.restores()
        return [
            c
            for c in self.valid
            if any(r.created_at > c.created_at and c.seq > (r.restored_to or 0) for r in restores)
        ]

    def current(self) -> list[Checkpoint]:
        """The checkpoints the chain must match (all but the superseded ones)."""
        superseded = set(map(id, self.superseded()))
        return [c for c in self.valid if id(c) not in superseded]

    def latest(self) -> Checkpoint | None:
        current = self.current()
        return current[-1] if current else None


def _parse(path: Path, trusted: dict[str, nodekey.PublicKey]) -> Checkpoint:
    """A checkpoint read from `path`; ValueError with the reason when it cannot be trusted."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError(_("cannot be read as a checkpoint")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(_("is not a checkpoint of this format"))
    key = trusted.get(str(document.get("key_id")))
    if key is None:
        raise ValueError(
            _("is signed by an unknown key %(key)s")
            % {"key": nodekey.grouped(str(document.get("key_id")))}
        )
    if not key.verify(CONTEXT, canonical(document), str(document.get("signature", ""))):
        raise ValueError(_("its signature does not match its content"))
    try:
        restored_to = document["restored_to"]
        return Checkpoint(
            kind=str(document["kind"]),
            seq=int(document["seq"]),
            hash=str(document["hash"]),
            created_at=dt.datetime.strptime(
                document["created_at"], "%Y-%m-%dT%H:%M:%S.%fZ"
            ).replace(tzinfo=dt.UTC),
            reason=str(document["reason"]),
            key_id=key.key_id,
            signature=str(document["signature"]),
            restored_to=None if restored_to is None else int(restored_to),
            restored_hash=str(document["restored_hash"]),
            source=str(document["source"]),
            path=path,
        )
    except (KeyError, TypeError, ValueError):
        raise ValueError(_("is not a checkpoint of this format")) from None


def load(trusted: dict[str, nodekey.PublicKey] | None = None) -> Checkpoints:
    """Read and check every checkpoint file of the directory."""
    trusted = nodekey.trusted() if trusted is None else trusted
    folder = directory()
    valid: list[Checkpoint] = []
    bad: list[tuple[Path, str]] = []
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for path in paths:
        try:
            valid.append(_parse(path, trusted))
        except ValueError as exc:
            bad.append((path, str(exc)))
    valid.sort(key=lambda c: (c.created_at, c.name))
    return Checkpoints(valid, bad)


def _mismatch(checkpoint: Checkpoint, hashes: dict[int, str]) -> bool:
    return hashes.get(checkpoint.seq) != checkpoint.hash


def checkpoint_head(*, reason: str) -> Checkpoint | None:
    """Write a checkpoint of the chain's head, after checking that the chain still matches every
    current checkpoint (so a shortened or rewritten chain is never pinned). None when the chain
    is empty. Raises CheckpointError when it does not match."""
    found = load()
    if found.bad:
        path, why = found.bad[0]
        raise CheckpointError(f"checkpoint {path.name} {why}")
    head = AuditChainHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
    if head is None or head[0] == 0:
        return None
    seq, last_hash = head
    current = found.current()
    wanted = {seq, *(c.seq for c in current)}
    hashes = dict(AuditEntry.objects.filter(seq__in=wanted).values_list("seq", "entry_hash"))
    if hashes.get(seq) != last_hash:
        raise CheckpointError(f"the head of the chain (#{seq}) does not match entry #{seq}")
    for checkpoint in current:
        if _mismatch(checkpoint, hashes):
            raise CheckpointError(
                f"the chain no longer matches checkpoint {checkpoint.name} "
                f"(entry #{checkpoint.seq})"
            )
    return write(seq=seq, hash=last_hash, reason=reason)


def record_restore(*, to_seq: int | None = None, source: str = "") -> None:
    """Record that the database was restored from a backup whose audit chain ends at entry
    `to_seq` (default: the current head of the restored database), so that `verify-audit`
    accepts the rewind and shows it.

    It appends an audit entry (action `audit.restored`, no actor, changes: `restored_to`,
    `restored_hash` and `source`), then, once that is committed, writes a signed checkpoint of
    kind "restore" that pins the new entry and names `to_seq` (and that entry's hash) as the
    point restored to. Checkpoints written before it that pin entries after `to_seq` are from
    then on superseded: `verify-audit` lists them and no longer checks them. Earlier
    checkpoints up to `to_seq` are still checked, so a "backup" that does not share the old
    chain's past is still reported.

    The checkpoint is written when the entry's transaction commits: at once when called
    outside a transaction, as `sswbridge restore` does; inside one (a test wrapped in a
    transaction), only if it commits (pytest-django: `django_capture_on_commit_callbacks`
    with `execute=True`). Call it after the restored database is migrated and before the
    service starts again.
    `source` says where the backup came from (shown by `verify-audit`). Raises ValueError when
    `to_seq` is beyond the head, NodeKeyError when the node key cannot be read. If the
    checkpoint cannot be written after the entry is committed, call it again: a later restore
    checkpoint to the same entry supersedes the same checkpoints.
    """
    from sswbridge.audit import services

    nodekey.current()  # refuse before writing anything when there is no key
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        head_seq = head.last_seq if head is not None else 0
        target = head_seq if to_seq is None else to_seq
        if not 0 <= target <= head_seq:
            raise ValueError(f"cannot restore to entry #{target}: the chain ends at #{head_seq}")
        restored_hash = AuditEntry.objects.get(seq=target).entry_hash if target else GENESIS_HASH
        entry = services.record(
            actor=None,
            action=AuditAction.RESTORED,
            object_type="audit.chain",
            object_id=str(target),
            changes={"restored_to": target, "restored_hash": restored_hash, "source": source},
        )
        transaction.on_commit(
            lambda: write(
                kind=RESTORE,
                seq=entry.seq,
                hash=entry.entry_hash,
                reason="restore",
                restored_to=target,
                restored_hash=restored_hash,
                source=source,
            )
        )
