"""`sswbridge backup` and `sswbridge restore` on a live SQLite file, run for real in subprocesses.

These tests use SQLite files of their own whatever database the suite runs on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sswbridge.core import backup, nodekey
from sswbridge.core import restore as restoring
from tests.helpers.ops import clean_env, run

SECRET = "a-long-random-secret-for-tests-only-0123456789-abcdefghijklmnop"

WRITER = """
import os, sys
import django
django.setup()
from sswbridge.accounts.models import User
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.services import intermediaries as services

user = User.objects.get(username="writer")
framework = Framework.objects.get(code="jp-kg")
stop = sys.argv[1]
n = 0
while not os.path.exists(stop):
    n += 1
    item = services.create_intermediary(
        actor=user, framework=framework, kind="corporation", country="KG",
        names=[{"value": "Writer %d" % n, "script": "Latn"}],
    )
    print(item.pk, flush=True)  # after the commit: this record is committed
"""


class Site:
    """A database file, a var directory and media of their own, and the environment for them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.database = root / "db.sqlite3"
        self.media = root / "var" / "media"
        self.node_key = root / "var" / "node_key.pem"
        self.env = clean_env(
            root,
            SSWBRIDGE_SECRET_KEY=SECRET,
            SSWBRIDGE_DATABASE_URL=f"sqlite:///{self.database}",
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run(list(args), self.env, self.root, timeout=120)

    def query(self, sql: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.database) as connection:
            rows = connection.execute(sql).fetchall()
        connection.close()
        return rows


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with a registrar who may add intermediaries, made once."""
    site = Site(tmp_path_factory.mktemp("template"))
    nodekey.generate(site.node_key)
    assert site.run("migrate", "-v", "0").returncode == 0
    created = site.run(
        "createuser", "--agency", "isa", "--role", "registrar", "--email", "writer@example.jp"
    )
    assert created.returncode == 0, created.stderr
    return site.root


def _site(root: Path, template: Site) -> Site:
    """A copy of the migrated database, with the same node key and an uploaded file."""
    site = Site(root)
    site.media.mkdir(parents=True)
    shutil.copyfile(template.database, site.database)
    shutil.copy2(template.node_key, site.node_key)
    (site.media / "attachments").mkdir()
    (site.media / "attachments" / "report.pdf").write_bytes(b"%PDF-1.4 the uploaded report")
    return site


@pytest.fixture
def site(tmp_path: Path, migrated: Path) -> Site:
    return _site(tmp_path / "site", Site(migrated))


class Writer:
    """A process writing intermediaries through the registry service, one per transaction."""

    def __init__(self, site: Site) -> None:
        self.stop_file = site.root / "stop-writer"
        self.committed: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(self.stop_file)],
            env={**site.env, "DJANGO_SETTINGS_MODULE": "sswbridge.settings"},
            cwd=site.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.committed.append(uuid.UUID(line.strip()).hex)

    def wait_for(self, count: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while len(self.committed) < count:
            assert self.process.poll() is None, self.process.stderr and self.process.stderr.read()
            assert time.monotonic() < deadline, "the writer did not write in time"
            time.sleep(0.05)

    def stop(self) -> None:
        self.stop_file.touch()
        self.process.wait(timeout=60)
        self.reader.join(timeout=10)
        assert self.process.returncode == 0, self.process.stderr and self.process.stderr.read()


@dataclass
class Concurrent:
    site: Site
    backup: Path
    before: set[str]  # committed before the backup started
    written_during: int  # committed while the backup ran
    committed: set[str]  # every record the writer committed


@pytest.fixture(scope="module")
def concurrent(tmp_path_factory: pytest.TempPathFactory, migrated: Path) -> Iterator[Concurrent]:
    """A backup taken by `sswbridge backup` while another process writes audited records."""
    site = _site(tmp_path_factory.mktemp("concurrent") / "site", Site(migrated))
    writer = Writer(site)
    try:
        writer.wait_for(10)
        before = set(writer.committed)
        made = site.run("backup", str(site.root / "backup"))
        during = len(writer.committed) - len(before)
        writer.wait_for(len(writer.committed) + 5)
    finally:
        writer.stop()
    assert made.returncode == 0, made.stderr
    yield Concurrent(site, site.root / "backup", before, during, set(writer.committed))


def test_a_backup_taken_while_writes_go_on_restores_every_record_committed_before_it(
    concurrent: Concurrent,
) -> None:
    site = concurrent.site
    assert concurrent.written_during > 0, "no write was committed while the backup ran"
    # A checkpoint now pins entries the restore will take away (verify-audit writes one).
    assert site.run("verify-audit").returncode == 0
    (site.media / "attachments" / "after-the-backup.pdf").write_bytes(b"%PDF later")

    restored = site.run("restore", str(concurrent.backup), "--yes")

    assert restored.returncode == 0, restored.stderr
    verified = site.run("verify-audit")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    seq = json.loads((concurrent.backup / "manifest.json").read_text())["audit_head"]["seq"]
    assert f"#{seq}" in verified.stdout and str(concurrent.backup.resolve()) in verified.stdout
    present = {row[0] for row in site.query("SELECT id FROM registry_intermediary")}
    assert concurrent.before <= present
    assert present < concurrent.committed, "the restore did not rewind to the backup"
    assert sorted(p.name for p in (site.media / "attachments").iterdir()) == ["report.pdf"]


def test_the_backup_is_a_consistent_snapshot_at_its_audit_head(concurrent: Concurrent) -> None:
    manifest = json.loads((concurrent.backup / "manifest.json").read_text())
    copy = sqlite3.connect(f"file:{concurrent.backup / 'db.sqlite3'}?mode=ro", uri=True)
    entries = copy.execute(
        "SELECT count(*) FROM audit_auditentry WHERE object_type = 'intermediaries.intermediary'"
    ).fetchone()[0]
    rows = copy.execute("SELECT count(*) FROM registry_intermediary").fetchone()[0]
    head = copy.execute("SELECT max(seq), count(*) FROM audit_auditentry").fetchone()
    copy.close()
    assert rows == entries >= len(concurrent.before)
    assert manifest["audit_head"]["seq"] == head[0] == head[1]


def test_the_backup_lists_every_file_with_its_size_and_sum_and_leaves_the_keys_out(
    site: Site, settings: Any
) -> None:
    shutil.copy2(site.node_key, site.media / "node_key.pem")  # a key where the media lie
    settings.NODE_KEY_FILE = site.media / "node_key.pem"
    target = site.root / "backup"

    backup.make_backup(target, database=site.database, media=site.media)

    manifest = json.loads((target / "manifest.json").read_text())
    files = {item["path"]: item for item in manifest["files"]}
    assert set(files) == {"db.sqlite3", "media/attachments/report.pdf"}
    for path, item in files.items():
        assert item["size"] == (target / path).stat().st_size
        assert item["sha256"] == backup.sha256_of(target / path)
    assert sorted(p.name for p in target.iterdir()) == [
        "db.sqlite3",
        "manifest.json",
        "manifest.json.sha256",
        "media",
    ]


def test_backup_refuses_a_directory_that_is_not_empty(site: Site) -> None:
    target = site.root / "backup"
    target.mkdir()
    (target / "old.txt").write_text("something else")
    with pytest.raises(backup.BackupError, match="not an empty directory"):
        backup.make_backup(target, database=site.database, media=site.media)
    assert sorted(p.name for p in target.iterdir()) == ["old.txt"]


def test_backup_on_postgresql_points_to_pg_dump(tmp_path: Path) -> None:
    env = clean_env(
        tmp_path,
        SSWBRIDGE_SECRET_KEY=SECRET,
        SSWBRIDGE_DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing",
    )
    result = run(["backup", str(tmp_path / "backup")], env, tmp_path)
    assert result.returncode != 0 and "pg_dump" in result.stderr
    assert not (tmp_path / "backup").exists()


@pytest.fixture
def made(site: Site) -> Path:
    """A backup of the site, made in this process."""
    target = site.root / "backup"
    backup.make_backup(target, database=site.database, media=site.media)
    return target


def _flip_a_byte(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_restore_refuses_a_database_copy_with_one_byte_changed_and_changes_nothing(
    site: Site, made: Path
) -> None:
    _flip_a_byte(made / "db.sqlite3", 5000)
    site.query("CREATE TABLE marker (x)")  # the live database, which must stay as it is

    result = site.run("restore", str(made), "--yes")

    assert result.returncode != 0
    assert "db.sqlite3 does not match its sum" in result.stderr
    assert site.query("SELECT name FROM sqlite_master WHERE name = 'marker'") == [("marker",)]


def test_verify_refuses_a_media_file_with_one_byte_changed(made: Path) -> None:
    _flip_a_byte(made / "media" / "attachments" / "report.pdf", 3)
    with pytest.raises(
        backup.BackupError, match=re.escape("media/attachments/report.pdf does not match")
    ):
        restoring.verify_backup(made)


def test_verify_refuses_a_manifest_with_one_byte_changed(made: Path) -> None:
    text = (made / "manifest.json").read_text()
    (made / "manifest.json").write_text(text.replace('"app_version": "', '"app_version": "9', 1))
    with pytest.raises(backup.BackupError, match=re.escape("manifest.json does not match its sum")):
        restoring.verify_backup(made)


def test_verify_refuses_a_missing_file(made: Path) -> None:
    (made / "media" / "attachments" / "report.pdf").unlink()
    with pytest.raises(
        backup.BackupError, match=re.escape("media/attachments/report.pdf is missing")
    ):
        restoring.verify_backup(made)


def test_verify_refuses_a_file_the_manifest_does_not_list(made: Path) -> None:
    (made / "media" / "planted.html").write_text("<script>")
    with pytest.raises(
        backup.BackupError, match=re.escape("media/planted.html is not in the manifest")
    ):
        restoring.verify_backup(made)


def test_verify_refuses_a_manifest_that_leads_outside_the_backup(made: Path) -> None:
    doc = json.loads((made / "manifest.json").read_text())
    doc["files"][1]["path"] = "media/../../outside"
    text = json.dumps(doc)
    (made / "manifest.json").write_text(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    (made / "manifest.json.sha256").write_text(f"{digest}  manifest.json\n")
    with pytest.raises(backup.BackupError, match="outside the backup"):
        restoring.verify_backup(made)


def test_restore_asks_for_yes_before_replacing_a_database(site: Site, made: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sswbridge", "restore", str(made)],
        env=site.env,
        cwd=site.root,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "--yes" in result.stderr


def test_restore_refuses_while_another_process_has_the_database_open(
    site: Site, made: Path
) -> None:
    server = sqlite3.connect(site.database)
    try:
        server.execute("SELECT count(*) FROM django_migrations").fetchone()
        result = site.run("restore", str(made), "--yes")
    finally:
        server.close()
    assert result.returncode != 0 and "stop the server" in result.stderr


def test_restore_without_the_node_key_refuses_before_changing_anything(
    site: Site, made: Path
) -> None:
    site.node_key.unlink()
    site.query("CREATE TABLE marker (x)")

    result = site.run("restore", str(made), "--yes")

    assert result.returncode != 0 and "Restore the node key first" in result.stderr
    assert site.query("SELECT name FROM sqlite_master WHERE name = 'marker'") == [("marker",)]


def test_a_restore_into_an_empty_place_makes_the_database_and_media(
    site: Site, made: Path, tmp_path: Path
) -> None:
    elsewhere = Site(tmp_path / "elsewhere")
    elsewhere.node_key.parent.mkdir(parents=True)
    shutil.copy2(site.node_key, elsewhere.node_key)  # the key comes from its own backup
    elsewhere.env["SSWBRIDGE_MEDIA_DIR"] = str(elsewhere.root / "media")

    result = elsewhere.run("restore", str(made))

    assert result.returncode == 0, result.stderr
    report = elsewhere.root / "media" / "attachments" / "report.pdf"
    assert report.read_bytes() == b"%PDF-1.4 the uploaded report"
    assert elsewhere.run("verify-audit").returncode == 0
    assert not [p for p in elsewhere.root.iterdir() if ".restore-" in p.name]
    assert os.path.getsize(elsewhere.database) > 0


@pytest.mark.django_db
def test_audit_restored_records_a_restore_made_outside_so_verify_audit_accepts_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """After pg_restore: the checkpoint of entry 5 is superseded by the record of the restore."""
    from django.core.management import call_command
    from django.db import connection

    from sswbridge.audit import checkpoints
    from sswbridge.audit import services as audit
    from sswbridge.audit.chain import verify_chain
    from sswbridge.audit.models import AuditAction, AuditChainHead, AuditEntry

    for n in range(5):
        audit.record(actor=None, action=AuditAction.OTHER, object_type="test", object_id=str(n))
    checkpoints.checkpoint_head(reason="before the dump is restored")
    with connection.cursor() as cursor:  # what restoring a dump of entry 3 leaves
        cursor.execute("DELETE FROM audit_auditentry WHERE seq > 3")
    AuditChainHead.objects.filter(pk=1).update(
        last_seq=3, last_hash=AuditEntry.objects.get(seq=3).entry_hash
    )
    assert not verify_chain().ok

    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit-restored", source="sswbridge-20260101-0300.dump")

    result = verify_chain()
    assert result.ok, result.reason
    assert (result.restores[-1].restored_to, result.restores[-1].source) == (
        3,
        "sswbridge-20260101-0300.dump",
    )
