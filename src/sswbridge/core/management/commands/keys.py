"""`sswbridge keys generate [--force]` and `sswbridge keys show`: the node key.

The node key (core/nodekey.py) signs the audit chain and, later, the node's messages to its
partners. It lives in SSWBRIDGE_NODE_KEY_FILE, readable by the service's user only, and is
backed up apart from the database.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.core import nodekey


class Command(BaseCommand):
    help = "Make or show the node key that signs the audit chain (SSWBRIDGE_NODE_KEY_FILE)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        generate = actions.add_parser(
            "generate", help="Make a new node key (mode 0600); refuses to replace one."
        )
        generate.add_argument(
            "--force",
            action="store_true",
            help="Replace an existing key; its public key is kept so its signatures still verify.",
        )
        actions.add_parser("show", help="Print the public key and its fingerprint.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = nodekey.key_file()
        if options["action"] == "generate":
            try:
                key = nodekey.generate(path, force=options["force"])
            except FileExistsError:
                raise CommandError(
                    _(
                        "The node key %(path)s exists already; it is not replaced. Entries and "
                        "checkpoints it signed are verified with it. To replace it anyway "
                        "(keeping its public key for verification), add --force."
                    )
                    % {"path": path},
                    returncode=1,
                ) from None
            self.stdout.write(_("Node key written to %(path)s (mode 0600).") % {"path": path})
            self._show(key.public)
            self.stdout.write(
                _(
                    "Back this file up now, apart from the database's backups: without it, new "
                    "audit entries cannot be signed. Restart the service if it is running."
                )
            )
            return
        try:
            key = nodekey.load(path)
        except nodekey.NodeKeyError as exc:
            raise CommandError(str(exc), returncode=1) from None
        self.stdout.write(_("Node key: %(path)s") % {"path": path})
        self._show(key.public)
        for retired in nodekey.load_retired(path):
            self.stdout.write(
                _("Replaced key, still trusted for verification: %(fingerprint)s")
                % {"fingerprint": nodekey.grouped(retired.key_id)}
            )

    def _show(self, public: nodekey.PublicKey) -> None:
        self.stdout.write(_("Public key (Ed25519, base64): %(key)s") % {"key": public.raw_base64})
        self.stdout.write(
            _("Fingerprint (SHA-256): %(fingerprint)s")
            % {"fingerprint": nodekey.grouped(public.key_id)}
        )
