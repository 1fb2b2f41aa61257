"""`sswbridge verify-audit`: walk the audit chain and report the first broken entry.

The file name carries the hyphen because Django names a command after its module.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sswbridge.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exit non-zero at the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            if result.broken_seq is None:
                message = _("The audit chain is broken: %(reason)s.") % {"reason": result.reason}
            else:
                message = _("The audit chain is broken at entry #%(seq)s: %(reason)s.") % {
                    "seq": result.broken_seq,
                    "reason": result.reason,
                }
            raise CommandError(message, returncode=1)
        self.stdout.write(
            ngettext(
                "Verified %(count)d audit entry; the chain is intact.",
                "Verified %(count)d audit entries; the chain is intact.",
                result.verified,
            )
            % {"count": result.verified}
        )
