"""Backups of the embedded (SQLite) database and the uploaded files, and their restore.

A backup is a directory::

    DIR/
      db.sqlite3              a consistent copy of the live database (SQLite's online backup)
      media/...               the uploaded files (settings.MEDIA_ROOT)
      manifest.json           each file's path, size and SHA-256; the time; the version;
                              the audit head (sequence number and hash) inside the copy
      manifest.json.sha256    the sum of manifest.json (`sha256sum -c manifest.json.sha256`)

The node key and the secret key are not in it: they are backed up separately (an operator who
holds a backup should not thereby hold the key that signs the audit trail).

`make_backup` builds the directory beside its final place and renames it at the end, so a
directory with a manifest is always a finished backup. Checking a backup and putting it back
are in `core/restore.py`.
On PostgreSQL these commands refuse: use pg_dump / pg_restore (docs/deployment.md).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import importlib.metadata
import json
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

FORMAT = "sswbridge-backup/1"
DATABASE_FILE = "db.sqlite3"
MEDIA_DIR = "media"
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.json.sha256"
_SUM_LINE = re.compile(r"([0-9a-f]{64})  manifest\.json\n?")
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused, with a message that says why (and which file)."""


@dataclass(frozen=True)
class FileSum:
    path: str  # relative, with forward slashes: "db.sqlite3" or "media/..."
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    audit_seq: int
    audit_hash: str
    migrations: list[str]
    files: list[FileSum]
    skipped: list[str] = field(default_factory=list)  # not written: what the backup left out

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "database": {"engine": "sqlite", "file": DATABASE_FILE},
            "audit_head": {"seq": self.audit_seq, "hash": self.audit_hash},
            "migrations": self.migrations,
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files],
        }

    @property
    def media_files(self) -> list[FileSum]:
        return [f for f in self.files if f.path != DATABASE_FILE]


# --- the configured places -----------------------------------------------------------------


def sqlite_database() -> Path:
    """The SQLite file of the default database; refuses PostgreSQL with what to use instead."""
    config = settings.DATABASES["default"]
    if not str(config["ENGINE"]).endswith("sqlite3"):
        raise BackupError(
            _(
                "The database is PostgreSQL: back it up with pg_dump and restore it with "
                "pg_restore (or the cluster's own tools), copy SSWBRIDGE_MEDIA_DIR beside it, "
                "and after a restore run `sswbridge audit-restored`. See docs/deployment.md."
            )
        )
    name = str(config["NAME"])
    if name == ":memory:" or name.startswith("file::memory:"):
        raise BackupError(_("The database is in memory; there is nothing to back up."))
    return Path(name).resolve()


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def _kept_apart() -> tuple[set[Path], list[Path]]:
    """Files never copied even if they lie under the media directory: the keys (backed up
    apart), the database itself, and the audit checkpoints (which must outlive a restore)."""
    var = Path(settings.VAR_DIR)
    node_key = Path(getattr(settings, "NODE_KEY_FILE", var / "node_key.pem"))
    files = {var / "secret_key", node_key, node_key.with_name(node_key.name + ".retired")}
    try:
        database = sqlite_database()
    except BackupError:
        pass
    else:
        files |= {database.with_name(database.name + end) for end in ("-wal", "-shm", "-journal")}
        files.add(database)
    folders = [Path(getattr(settings, "CHECKPOINT_DIR", var / "checkpoints")).resolve()]
    return {path.resolve() for path in files}, folders


def _is_kept_apart(path: Path, kept: tuple[set[Path], list[Path]]) -> bool:
    files, folders = kept
    resolved = path.resolve()
    return resolved in files or any(folder in resolved.parents for folder in folders)


def app_version() -> str:
    try:
        return importlib.metadata.version("sswbridge")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# --- sums ----------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _copy_and_hash(source: Path, target: Path) -> tuple[int, str]:
    """Copy a file, returning the size and SHA-256 of the bytes written."""
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as src, target.open("xb") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    os.chmod(target, 0o600)
    return size, digest.hexdigest()


# --- the database file ---------------------------------------------------------------------


def _connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    return sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=30)


def _head_and_migrations(connection: sqlite3.Connection) -> tuple[int, str, list[str]]:
    try:
        head = connection.execute(
            "SELECT last_seq, last_hash FROM audit_auditchainhead WHERE id = 1"
        ).fetchone()
        rows = connection.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("The database has no audit trail (%(error)s); run `sswbridge migrate` first.")
            % {"error": exc}
        ) from None
    seq, digest = head if head is not None else (0, "0" * 64)
    return int(seq), str(digest), [f"{app}.{name}" for app, name in rows]


def _integrity_ok(connection: sqlite3.Connection) -> bool:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return rows == [("ok",)]


def database_in_use(database: Path) -> bool:
    """Whether another process has the database open (the server, the worker, a shell).

    A connection to a database in WAL mode holds a shared lock on the "dead man switch" byte
    of the `-shm` file for as long as it is open (SQLite's unix VFS, byte 128); we try to take
    that byte exclusively. Call this with no SQLite connection to the file open in this
    process: closing the probe's descriptor drops every POSIX lock this process holds on it.
    """
    shm = database.with_name(database.name + "-shm")
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return True
        raise
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
        return False
    finally:
        os.close(fd)


# --- backup --------------------------------------------------------------------------------


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under the media directory, with its relative POSIX path; symbolic
    links and special files are skipped (and named in `Manifest.skipped`)."""
    if not root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory) / name
            yield path, path.relative_to(root).as_posix()


def make_backup(target: Path, *, database: Path, media: Path) -> Manifest:
    """Copy the live database and the media into `target`, which must not exist or be empty."""
    target = target.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(
            _("%(dir)s already exists and is not an empty directory; choose a new one.")
            % {"dir": target}
        )
    if target == media or media in target.parents:
        raise BackupError(
            _("%(dir)s lies inside the media directory it would copy; choose another place.")
            % {"dir": target}
        )
    if not database.is_file():
        raise BackupError(_("There is no database at %(path)s.") % {"path": database})
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{secrets.token_hex(4)}")
    partial.mkdir(mode=0o700)
    try:
        manifest = _write_backup(partial, database=database, media=media)
        if target.exists():
            target.rmdir()
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def _write_backup(partial: Path, *, database: Path, media: Path) -> Manifest:
    created_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    copy = partial / DATABASE_FILE
    source = _connect(database)
    try:
        target = _connect(copy, create=True)
        try:
            # One step (pages=-1): the copy is one read transaction of the source, a snapshot
            # of committed data; writers go on meanwhile (WAL readers do not block them).
            source.backup(target, pages=-1)
            # A self-contained file: no -wal or -shm beside it in the backup.
            target.execute("PRAGMA journal_mode=DELETE")
            if not _integrity_ok(target):
                raise BackupError(_("The copy of the database failed its integrity check."))
            seq, head_hash, migrations = _head_and_migrations(target)
        finally:
            target.close()
    finally:
        source.close()
    os.chmod(copy, 0o600)
    files = [FileSum(DATABASE_FILE, copy.stat().st_size, sha256_of(copy))]
    # The media after the database: a file a committed record names was written before the
    # commit, so it is here. A file uploaded after the copy may be here too, unreferenced.
    kept_apart = _kept_apart()
    skipped: list[str] = []
    for path, relative in _media_files(media):
        if path.is_symlink() or not path.is_file() or _is_kept_apart(path, kept_apart):
            skipped.append(relative)
            continue
        destination = partial / MEDIA_DIR / relative
        destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            size, digest = _copy_and_hash(path, destination)
        except FileNotFoundError:
            continue  # deleted (say, by the retention job) while we copied: not in the copy
        files.append(FileSum(f"{MEDIA_DIR}/{relative}", size, digest))
    manifest = Manifest(
        created_at=created_at,
        app_version=app_version(),
        audit_seq=seq,
        audit_hash=head_hash,
        migrations=migrations,
        files=files,
        skipped=skipped,
    )
    text = (json.dumps(manifest.as_json(), indent=2, ensure_ascii=False) + "\n").encode()
    _write_synced(partial / MANIFEST, text)
    digest = hashlib.sha256(text).hexdigest()
    _write_synced(partial / MANIFEST_SUM, f"{digest}  {MANIFEST}\n".encode())
    return manifest


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
