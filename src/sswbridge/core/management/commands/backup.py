"""`sswbridge backup DIR`: a consistent copy of the live SQLite database and the uploaded
files, with a manifest of SHA-256 sums (core/backup.py). Not for PostgreSQL: use pg_dump."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sswbridge.core import backup


class Command(BaseCommand):
    help = (
        "Copy the live SQLite database and the uploaded files into DIR (new or empty), with "
        "a manifest of SHA-256 sums. The node key and the secret key are not copied."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="where to write the backup (new or empty)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            manifest = backup.make_backup(
                options["dir"], database=backup.sqlite_database(), media=backup.media_root()
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        for relative in manifest.skipped:
            self.stderr.write(
                _("Not copied (a link, a special file or a key): media/%(path)s")
                % {"path": relative}
            )
        media = manifest.media_files
        self.stdout.write(
            ngettext(
                "Backed up the database (audit entry #%(seq)d) and %(count)d uploaded file "
                "(%(mb).1f MB in all) to %(dir)s in %(seconds).1f s.",
                "Backed up the database (audit entry #%(seq)d) and %(count)d uploaded files "
                "(%(mb).1f MB in all) to %(dir)s in %(seconds).1f s.",
                len(media),
            )
            % {
                "seq": manifest.audit_seq,
                "count": len(media),
                "mb": sum(f.size for f in manifest.files) / 1e6,
                "dir": Path(options["dir"]).resolve(),
                "seconds": time.monotonic() - started,
            }
        )
