"""Checking a backup made by `core.backup` and putting it back in place.

`verify_backup` checks every sum and refuses missing or extra files, or a manifest that leads
outside its directory. `restore_files` stages the database and the media beside their places,
installs the database through SQLite's backup API (one transaction in the live file, safe
with the write-ahead log) and the media by renaming. The `restore` command runs the
migrations a newer version brings and records the rewind in the audit trail
(`audit.checkpoints.record_restore`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from django.utils.translation import gettext as _

from sswbridge.core.backup import (
    _SUM_LINE,
    DATABASE_FILE,
    FORMAT,
    MANIFEST,
    MANIFEST_SUM,
    MEDIA_DIR,
    BackupError,
    FileSum,
    Manifest,
    _connect,
    _copy_and_hash,
    _head_and_migrations,
    _integrity_ok,
    sha256_of,
)


def _safe_relative(path: Any) -> str | None:
    """The path if it is a plain relative path inside the backup (the database or a file
    under media/), else None: a manifest must not lead a restore outside its directory."""
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in path.split("/")):
        return None
    if path == DATABASE_FILE or (pure.parts[0] == MEDIA_DIR and len(pure.parts) > 1):
        return path
    return None


def _parse_manifest(text: str) -> Manifest:
    malformed = BackupError(_("manifest.json is malformed; this is not a backup this can read."))
    try:
        doc = json.loads(text)
        if doc["format"] != FORMAT:
            raise BackupError(
                _("manifest.json has the format %(format)s; this version reads %(known)s.")
                % {"format": doc["format"], "known": FORMAT}
            )
        files = []
        for item in doc["files"]:
            path = _safe_relative(item["path"])
            size, digest = item["size"], item["sha256"]
            if path is None:
                raise BackupError(
                    _("manifest.json names a file outside the backup: %(path)s")
                    % {"path": item["path"]}
                )
            if not isinstance(size, int) or not re.fullmatch(r"[0-9a-f]{64}", str(digest)):
                raise malformed
            files.append(FileSum(path, size, digest))
        head = doc["audit_head"]
        manifest = Manifest(
            created_at=str(doc["created_at"]),
            app_version=str(doc["app_version"]),
            audit_seq=int(head["seq"]),
            audit_hash=str(head["hash"]),
            migrations=[str(name) for name in doc["migrations"]],
            files=files,
        )
    except (ValueError, KeyError, TypeError):
        raise malformed from None
    paths = [f.path for f in files]
    if DATABASE_FILE not in paths or len(set(paths)) != len(paths):
        raise malformed
    return manifest


def _files_in(source: Path) -> tuple[set[str], list[str]]:
    """The regular files under the backup directory, and anything else found there."""
    found: set[str] = set()
    strange: list[str] = []
    for directory, dirnames, filenames in os.walk(source):
        for name in [*filenames, *dirnames]:
            path = Path(directory) / name
            relative = path.relative_to(source).as_posix()
            if path.is_symlink() or not (path.is_file() or path.is_dir()):
                strange.append(relative)
            elif path.is_file():
                found.add(relative)
    return found, strange


def verify_backup(source: Path) -> Manifest:
    """The backup's manifest once every file matches its sum; refuses naming each problem."""
    if not (source / MANIFEST).is_file():
        raise BackupError(_("%(dir)s is not a backup: it has no manifest.json.") % {"dir": source})
    if not (source / MANIFEST_SUM).is_file():
        raise BackupError(_("The backup has no manifest.json.sha256; it is incomplete."))
    raw = (source / MANIFEST).read_bytes()
    line = _SUM_LINE.fullmatch(
        (source / MANIFEST_SUM).read_text(encoding="utf-8", errors="replace")
    )
    if line is None or line.group(1) != hashlib.sha256(raw).hexdigest():
        raise BackupError(
            _("manifest.json does not match its sum in manifest.json.sha256; refused.")
        )
    manifest = _parse_manifest(raw.decode("utf-8", errors="replace"))
    found, strange = _files_in(source)
    expected = {f.path for f in manifest.files}
    problems = [_("%(path)s is missing.") % {"path": path} for path in sorted(expected - found)]
    problems += [
        _("%(path)s is not in the manifest.") % {"path": path}
        for path in sorted(found - expected - {MANIFEST, MANIFEST_SUM})
    ]
    problems += [_("%(path)s is not a regular file.") % {"path": path} for path in sorted(strange)]
    for item in manifest.files:
        path = source / item.path
        if item.path not in found:
            continue
        if path.stat().st_size != item.size or sha256_of(path) != item.sha256:
            problems.append(
                _("%(path)s does not match its sum in the manifest.") % {"path": item.path}
            )
    if problems:
        raise BackupError(
            _("The backup in %(dir)s is damaged or altered; refused: %(problems)s")
            % {"dir": source, "problems": " ".join(problems)}
        )
    return manifest


# --- restore ---


def unknown_migrations(applied: list[str]) -> list[str]:
    """Migrations applied in a backup that this version of the code does not have."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(connection).disk_migrations}
    return [name for name in applied if name not in known]


def _staged(place: Path, label: str) -> Path:
    return place.with_name(f".{place.name}.{label}-{secrets.token_hex(4)}")


def _stage_copy(source: Path, target: Path, expected: FileSum) -> None:
    size, digest = _copy_and_hash(source, target)
    if (size, digest) != (expected.size, expected.sha256):
        raise BackupError(
            _("%(path)s changed while it was restored; refused.") % {"path": expected.path}
        )


def restore_files(source: Path, manifest: Manifest, *, database: Path, media: Path) -> None:
    """Put a verified backup's database and media in place of the current ones.

    The database arrives by SQLite's backup API from a staged, checked copy: one write
    transaction in the live file, so a reader sees the old or the new database, and a stale
    write-ahead log cannot be replayed onto it (as it could after renaming a file over it).
    The media directory is staged beside its place and swapped in by two renames.
    """
    database.parent.mkdir(parents=True, exist_ok=True)
    media.parent.mkdir(parents=True, exist_ok=True)
    staged_db = _staged(database, "restore")
    staged_media = _staged(media, "restore")
    replaced_media = _staged(media, "replaced")
    try:
        by_path = {f.path: f for f in manifest.files}
        _stage_copy(source / DATABASE_FILE, staged_db, by_path[DATABASE_FILE])
        staged_media.mkdir(mode=0o700)
        for item in manifest.media_files:
            destination = staged_media / item.path.split("/", 1)[1]
            destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _stage_copy(source / item.path, destination, item)
        copy = _connect(staged_db)
        try:
            if not _integrity_ok(copy):
                raise BackupError(_("The backup's database failed its integrity check."))
            seq, head_hash, migrations = _head_and_migrations(copy)
            if (seq, head_hash) != (manifest.audit_seq, manifest.audit_hash):
                raise BackupError(
                    _("The backup's database does not hold the audit head its manifest names.")
                )
            newer = unknown_migrations(migrations)
            if newer:
                raise BackupError(
                    _(
                        "The backup was made by a newer version of SSW Bridge (it has the "
                        "migration %(name)s, which this version does not know). Install that "
                        "version or a later one, then restore."
                    )
                    % {"name": newer[0]}
                )
            live = _connect(database, create=True)
            try:
                copy.backup(live, pages=-1)
            finally:
                live.close()
        finally:
            copy.close()
        if media.exists():
            os.rename(media, replaced_media)
        try:
            os.rename(staged_media, media)
        except BaseException:
            if replaced_media.exists():
                os.rename(replaced_media, media)  # the old media back, not deleted below
            raise
    finally:
        staged_db.unlink(missing_ok=True)
        shutil.rmtree(staged_media, ignore_errors=True)
        shutil.rmtree(replaced_media, ignore_errors=True)
