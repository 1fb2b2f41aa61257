"""`sswbridge peer add|list|rotate-key|revoke-key|ask-resend|resume`: the peers of this node.

Register a peer only after both sides compared the key's fingerprint out of band. Each change
goes through the federation's services, with its audit entry naming the operating-system
user who ran the command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.core import nodekey
from sswbridge.core.operator import os_user as _os_user
from sswbridge.federation import alerts, hosting, rejoin, resend, services
from sswbridge.federation.anchors import checkpoints, view
from sswbridge.federation.models import Peer, PeerKey
from sswbridge.frameworks.models import Framework, Side


def _key_text(value: str) -> str:
    """The key itself, or the contents of the PEM (or base64) file it names."""
    path = Path(value)
    if len(value) < 4096 and path.is_file():
        return path.read_text()
    return value


class Command(BaseCommand):
    help = "Register the peers of this node (the nodes of the other sides) and keep their keys."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Register a peer with its public key.")
        add.add_argument("--framework", required=True, help="Framework code, e.g. jp-kg.")
        add.add_argument("--side", required=True, help="Side code the peer hosts, e.g. kg.")
        add.add_argument("--url", required=True, help="The peer's base URL.")
        add.add_argument("--key", required=True, help="Public key: base64, or a PEM file.")
        add.add_argument("--label", default="", help="A name for people.")
        actions.add_parser("list", help="List the peers, their keys and their state.")
        rotate = actions.add_parser(
            "rotate-key", help="Add a peer's new key; the old ones stay accepted for a while."
        )
        rotate.add_argument("--framework", required=True)
        rotate.add_argument("--side", required=True)
        rotate.add_argument("--key", required=True, help="New public key: base64, or a PEM file.")
        rotate.add_argument(
            "--overlap-hours",
            type=int,
            default=24 * 7,
            help="How long the old keys stay accepted (default: a week).",
        )
        resend = actions.add_parser(
            "ask-resend", help="Ask a peer to send its envelopes to this node again."
        )
        resend.add_argument("--framework", required=True)
        resend.add_argument("--side", required=True)
        resend.add_argument(
            "--from-sequence",
            type=int,
            default=None,
            help="First number to send again (default: the first one missing here).",
        )
        resume = actions.add_parser(
            "resume",
            help="After a restore: number this node's next envelopes after the last one the "
            "peer received from it.",
        )
        resume.add_argument("--framework", required=True)
        resume.add_argument("--side", required=True)
        revoke = actions.add_parser("revoke-key", help="Refuse a peer's key from now on.")
        revoke.add_argument("--key-id", required=True, help="The key's fingerprint.")
        revoke.add_argument("--framework", help="Only the key of this framework's peer.")
        revoke.add_argument("--side", help="Only the key of the peer hosting this side.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=1) from None

    def _peer(self, options: dict[str, Any]) -> Peer:
        peer = Peer.objects.filter(
            framework__code=options["framework"], side__code__iexact=options["side"]
        ).first()
        if peer is None:
            raise CommandError(_("No such peer."), returncode=1)
        return peer

    def _add(self, options: dict[str, Any]) -> None:
        framework = Framework.objects.filter(code=options["framework"]).first()
        side = Side.objects.filter(code__iexact=options["side"]).first()
        if framework is None or side is None:
            raise CommandError(_("No such framework or side."), returncode=1)
        peer = services.add_peer(
            actor=None,
            framework=framework,
            side=side,
            base_url=options["url"],
            public_key=_key_text(options["key"]),
            label=options["label"],
            os_user=_os_user(),
        )
        key = peer.keys.get()
        self.stdout.write(
            _("Peer registered: %(peer)s, key %(fingerprint)s")
            % {"peer": peer, "fingerprint": nodekey.grouped(key.key_id)}
        )

    def _list(self, options: dict[str, Any]) -> None:
        own = nodekey.current()
        self.stdout.write(
            _("This node: key %(fingerprint)s; hosts %(hosted)s")
            % {
                "fingerprint": nodekey.grouped(own.key_id),
                "hosted": hosting.describe() or _("every side"),
            }
        )
        peers = Peer.objects.select_related("framework", "side").prefetch_related("keys")
        for state in alerts.states(peers):
            peer = state.peer
            flag = (
                _(" ALERT: unreachable since %(since)s") % {"since": peer.unreachable_since}
                if state.alert
                else ""
            )
            self.stdout.write(
                f"{peer.framework.code} {peer.side.code} {peer.base_url} "
                + _("queued: %(n)s") % {"n": state.queued}
                + flag
            )
            for key in peer.keys.all():
                status = (
                    _("revoked %(at)s") % {"at": key.revoked_at}
                    if key.revoked_at
                    else _("accepted until %(at)s") % {"at": key.accepted_until}
                    if key.accepted_until
                    else _("accepted")
                )
                self.stdout.write(f"  {key.key_id} {status}")

    def _rotate_key(self, options: dict[str, Any]) -> None:
        key = services.rotate_key(
            actor=None,
            peer=self._peer(options),
            public_key=_key_text(options["key"]),
            overlap=dt.timedelta(hours=options["overlap_hours"]),
            os_user=_os_user(),
        )
        self.stdout.write(_("New key added: %(id)s") % {"id": nodekey.grouped(key.key_id)})

    def _ask_resend(self, options: dict[str, Any]) -> None:
        try:
            count = resend.ask(self._peer(options), options["from_sequence"])
        except resend.ResendFailed as error:
            raise CommandError(str(error), returncode=1) from None
        self.stdout.write(_("The peer queued %(count)s envelopes again.") % {"count": count})

    def _resume(self, options: dict[str, Any]) -> None:
        peer = self._peer(options)
        own = checkpoints.own_side(peer)
        if own is None:
            raise CommandError(_("This node hosts no side that sends to this peer."), returncode=1)
        try:
            document = view.fetch(peer, own, [])
        except view.ViewFailed as error:
            raise CommandError(str(error), returncode=1) from None
        last = rejoin.resume_after(peer.framework, own, document.get("contiguous"))
        if last is None:
            self.stdout.write(_("The outgoing sequence is not behind the peer's; nothing to do."))
        else:
            self.stdout.write(
                _("The next envelope to the peer will be number %(next)s.") % {"next": last + 1}
            )

    def _revoke_key(self, options: dict[str, Any]) -> None:
        rows = PeerKey.objects.filter(key_id=options["key_id"].replace(" ", "").lower())
        if options.get("framework"):
            rows = rows.filter(peer__framework__code=options["framework"])
        if options.get("side"):
            rows = rows.filter(peer__side__code__iexact=options["side"])
        rows = rows.filter(revoked_at__isnull=True)
        if not rows:
            raise CommandError(_("No such key that is not revoked yet."), returncode=1)
        for row in rows:
            services.revoke_key(actor=None, key=row, os_user=_os_user())
            self.stdout.write(
                _("Key revoked: %(id)s (%(peer)s)") % {"id": row.key_id, "peer": row.peer}
            )
