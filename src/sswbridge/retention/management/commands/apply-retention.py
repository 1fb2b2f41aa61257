"""`sswbridge apply-retention [--dry-run] [--today YYYY-MM-DD]`: erase the personal data of
every record past its retention period, as the daily job does; `--dry-run` only lists them.

The file name carries the hyphen because Django names a command after its module.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.retention import services


class Command(BaseCommand):
    help = "Erase the personal data of every record past its retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only list what is due.")
        parser.add_argument("--today", help="Act as on this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(_("--today must be a date as YYYY-MM-DD.")) from exc
        done = services.apply_retention(today=today, dry_run=options["dry_run"])
        for item in done:
            self.stdout.write(
                f"{item.kind} {item.object_type}:{item.object_id} {item.framework_code} "
                f"{item.reference_date.isoformat()} +{item.period_days}d"
            )
        message = (
            _("%(count)d record(s) due for erasure.")
            if options["dry_run"]
            else _("%(count)d record(s) erased.")
        )
        self.stdout.write(message % {"count": len(done)})
