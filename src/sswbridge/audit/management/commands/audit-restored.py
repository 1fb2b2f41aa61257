"""`sswbridge audit-restored --source TEXT`: record in the audit trail that the database was
just restored from a backup made outside SSW Bridge (pg_restore on PostgreSQL, a file copy).

`sswbridge restore` does this itself. The command reads the restored database's audit head
and calls `audit.checkpoints.record_restore`, which writes a signed "restored to entry N"
checkpoint and an audit entry, so that `verify-audit` accepts the rewind and shows it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.audit.checkpoints import record_restore
from sswbridge.audit.models import AuditChainHead
from sswbridge.core.nodekey import NodeKeyError


class Command(BaseCommand):
    help = (
        "Record that the database was restored from a backup (after pg_restore): a signed "
        "checkpoint and an audit entry at the restored head, which verify-audit accepts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            required=True,
            help="what was restored, e.g. the dump's file name and time",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = str(options["source"]).strip()
        if not source:
            raise CommandError(_("Say with --source which backup was restored."))
        head = AuditChainHead.objects.filter(pk=1).first()
        seq = head.last_seq if head is not None else 0
        try:
            record_restore(to_seq=seq, source=source)
        except NodeKeyError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Recorded the restore of %(source)s at audit entry #%(seq)d.")
            % {"source": source, "seq": seq}
        )
