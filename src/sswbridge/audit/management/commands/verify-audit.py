"""`sswbridge verify-audit`: walk the audit chain and report the first broken entry.

It checks each entry's link, hash and signature (the node key, core/nodekey.py) and the signed
checkpoints (audit/checkpoints.py); when the chain is intact it writes a new checkpoint of the
last entry it verified. Exit status: 0 intact, 1 broken, 2 intact but the checkpoint could not
be written. With `--peers`, it then compares the shared history with each peer node's records
(the checks registered with audit/peers.py: the federation's) and exits 1 when they disagree.

The file name carries the hyphen because Django names a command after its module.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sswbridge.audit import checkpoints, peers
from sswbridge.audit.chain import VerifyResult, verify_chain
from sswbridge.core import nodekey


class Command(BaseCommand):
    help = (
        "Verify the hash chain, signatures and checkpoints of the audit trail; exit non-zero at "
        "the first broken entry. Writes a signed checkpoint of an intact chain."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-checkpoint",
            action="store_true",
            help="Do not write a checkpoint (to verify a copy of the database elsewhere).",
        )
        parser.add_argument(
            "--peers",
            action="store_true",
            help="Also check that the history shared with each peer node agrees on both nodes.",
        )

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
        self._details(result)
        if not options["no_checkpoint"] and result.verified:
            self._checkpoint(result)
        if options["peers"]:
            self._peers()

    def _peers(self) -> None:
        findings = peers.run()
        labels = {
            peers.OK: _("ok"),
            peers.WARNING: _("warning"),
            peers.FAILURE: _("DIVERGES"),
        }
        for level, message in findings:
            self.stdout.write(f"[{labels[level]}] {message}")
        failures = sum(1 for level, _message in findings if level == peers.FAILURE)
        if failures:
            raise CommandError(
                ngettext(
                    "The history shared with the peers disagrees in %(count)d place.",
                    "The history shared with the peers disagrees in %(count)d places.",
                    failures,
                )
                % {"count": failures},
                returncode=1,
            )
        if not findings:
            self.stdout.write(_("No peer to compare with."))

    def _checkpoint(self, result: VerifyResult) -> None:
        try:
            written = checkpoints.write(
                seq=result.verified, hash=result.last_hash, reason="verify-audit"
            )
        except OSError as exc:
            raise CommandError(
                _("The chain is intact, but its checkpoint could not be written: %(error)s.")
                % {"error": exc},
                returncode=2,
            ) from None
        self.stdout.write(
            _("Checkpoint written: %(path)s (entry #%(seq)s).")
            % {"path": written.path, "seq": written.seq}
        )

    def _details(self, result: VerifyResult) -> None:
        signed = result.verified - result.unsigned
        if signed:
            self.stdout.write(
                ngettext(
                    "%(count)d entry is signed, by the key %(keys)s.",
                    "%(count)d entries are signed, by the keys %(keys)s.",
                    signed,
                )
                % {"count": signed, "keys": ", ".join(map(nodekey.grouped, result.key_ids))}
            )
        if result.unsigned:
            self.stdout.write(
                ngettext(
                    "%(count)d entry (#1) was written before the node key existed and carries no "
                    "signature (legacy): only the hash chain and the checkpoints protect it.",
                    "%(count)d entries (#1–#%(count)d) were written before the node key existed "
                    "and carry no signature (legacy): only the hash chain and the checkpoints "
                    "protect them.",
                    result.unsigned,
                )
                % {"count": result.unsigned}
            )
        for restore in result.restores:
            self.stdout.write(
                _(
                    "Restored from a backup to entry #%(seq)s on %(time)s (%(source)s), "
                    "recorded as entry #%(entry)s."
                )
                % {
                    "seq": restore.restored_to,
                    "time": restore.time_label,
                    "source": restore.source or "-",
                    "entry": restore.seq,
                }
            )
        if result.superseded:
            self.stdout.write(
                ngettext(
                    "%(count)d checkpoint written before a restore is superseded by it: %(names)s.",
                    "%(count)d checkpoints written before a restore are superseded by it: "
                    "%(names)s.",
                    len(result.superseded),
                )
                % {
                    "count": len(result.superseded),
                    "names": ", ".join(c.name for c in result.superseded),
                }
            )
        latest = result.checkpoint
        if latest is None:
            self.stdout.write(_("No earlier checkpoint to compare with."))
        else:
            self.stdout.write(
                _("The chain matches the latest checkpoint, %(name)s (entry #%(seq)s, %(time)s).")
                % {"name": latest.name, "seq": latest.seq, "time": latest.time_label}
            )
