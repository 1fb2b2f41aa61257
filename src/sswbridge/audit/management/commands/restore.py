"""`sswbridge restore DIR`: check every sum of a backup made by `sswbridge backup`, put its
database and uploaded files in place, migrate, and record the rewind in the audit trail."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sswbridge.audit.checkpoints import record_restore
from sswbridge.core import backup, nodekey
from sswbridge.core import restore as restoring


class Command(BaseCommand):
    help = (
        "Restore a backup made by `sswbridge backup`: every file is checked against the "
        "manifest first; then the database and the uploaded files are replaced, migrations "
        "run, and the audit trail records the restore. SQLite only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="the backup directory")
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="only check the backup's sums; change nothing",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the existing database and uploaded files without asking",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore even though another process has the database open (stop the "
            "server and the worker instead if you can)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["dir"].resolve()
        try:
            database = backup.sqlite_database()
            manifest = restoring.verify_backup(source)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            ngettext(
                "The backup of %(time)s (version %(version)s, audit entry #%(seq)d) is "
                "intact: %(count)d file matches its sum.",
                "The backup of %(time)s (version %(version)s, audit entry #%(seq)d) is "
                "intact: %(count)d files match their sums.",
                len(manifest.files),
            )
            % {
                "time": manifest.created_at,
                "version": manifest.app_version,
                "seq": manifest.audit_seq,
                "count": len(manifest.files),
            }
        )
        if options["verify_only"]:
            return
        try:
            nodekey.current()  # the restore is recorded with it: refuse now if it is missing
        except nodekey.NodeKeyError as exc:
            raise CommandError(
                _(
                    "%(error)s. Restore the node key first (from where it is kept apart from "
                    "the backups); the restored audit trail is signed with it."
                )
                % {"error": exc}
            ) from None
        self._refuse_unless_allowed(database, yes=options["yes"], force=options["force"])
        try:
            restoring.restore_files(source, manifest, database=database, media=backup.media_root())
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        connections.close_all()
        call_command("migrate", interactive=False, verbosity=0)
        try:
            record_restore(to_seq=manifest.audit_seq, source=str(source))
        except Exception as exc:
            raise CommandError(
                _(
                    "The database and the files are restored, but recording the restore in "
                    "the audit trail failed (%(error)s). Fix that, then run: sswbridge "
                    "audit-restored --source %(dir)s"
                )
                % {"error": exc, "dir": source}
            ) from exc
        self.stdout.write(
            _(
                "Restored the database to audit entry #%(seq)d and %(count)d uploaded files "
                "from %(dir)s; the restore is recorded in the audit trail."
            )
            % {"seq": manifest.audit_seq, "count": len(manifest.media_files), "dir": source}
        )

    def _refuse_unless_allowed(self, database: Path, *, yes: bool, force: bool) -> None:
        # No connection of ours may be open while we probe for the others' (see the function).
        connections.close_all()
        if backup.database_in_use(database) and not force:
            raise CommandError(
                _(
                    "Another process has %(path)s open: stop the server and the worker "
                    "first (or add --force if you are sure nothing writes to it)."
                )
                % {"path": database}
            )
        if yes or not database.exists() or database.stat().st_size == 0:
            return
        question = _(
            "This replaces the database %(path)s and the uploaded files with the backup. "
            "Type yes to go on: "
        ) % {"path": database}
        if not sys.stdin.isatty():
            raise CommandError(
                _("%(path)s exists; add --yes to replace it with the backup.") % {"path": database}
            )
        if input(question).strip().lower() not in {"yes", _("yes").lower()}:
            raise CommandError(_("Nothing was restored."))
