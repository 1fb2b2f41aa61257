"""`sswbridge import-support-orgs FILE.xlsx --framework CODE --user NAME`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sswbridge.accounts.models import User
from sswbridge.frameworks.models import Framework
from sswbridge.support import services
from sswbridge.support.reader import ImportRefused


class Command(BaseCommand):
    help = (
        "Import Japan's Excel list of registered support organizations (Japanese or romanized "
        "English edition) for a framework, report what changed since the previous import, "
        "share it with the partner and publish it on the partner's portal. A refused file "
        "changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .xlsx file")
        parser.add_argument("--framework", required=True, help="framework code, e.g. jp-kg")
        parser.add_argument(
            "--user",
            required=True,
            help="user name of the Japanese registrar the import is recorded for",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        framework = Framework.objects.filter(code=options["framework"]).first()
        if framework is None:
            raise CommandError(f"No such framework: {options['framework']}")
        actor = User.objects.select_related("agency__side").filter(username=options["user"]).first()
        if actor is None:
            raise CommandError(f"No such user: {options['user']}")
        started = time.monotonic()

        def progress(rows: int, total: int) -> None:
            if not options["quiet"]:
                elapsed = time.monotonic() - started
                of = f" of about {total}" if total else ""
                self.stderr.write(f"\rread {rows}{of} rows ({elapsed:.1f} s)", ending="")
                self.stderr.flush()

        try:
            record = services.import_file(
                actor=actor, framework=framework, path=path, progress=progress
            )
        except ImportRefused as refusal:
            self.stderr.write("")
            raise CommandError(
                "Refused, nothing changed:\n" + "\n".join(refusal.messages)
            ) from None
        except services.NotPermitted as exc:
            raise CommandError(exc.message) from None
        if not options["quiet"]:
            self.stderr.write("")
        self.stdout.write(
            f"{record.file_name}: {record.rows_total} organizations; "
            f"{record.added} added, {record.removed} removed, {record.changed} changed "
            f"({record.get_status_display()}) in {time.monotonic() - started:.2f} s"
        )
        changes = record.changes.order_by("change_type", "registration_number", "field")
        for change in changes[:50]:
            detail = (
                f" {change.field}: {change.before!r} -> {change.after!r}" if change.field else ""
            )
            self.stdout.write(f"  {change.change_type:8} {change.registration_number}{detail}")
        if changes.count() > 50:
            self.stdout.write(f"  ... {changes.count() - 50} more")
