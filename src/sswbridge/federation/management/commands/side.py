"""`sswbridge side export|import|release`: move a hosted side to a node of its own.

On the node hosting everything: `side export --framework jp-kg --side kg --out FILE`. On the
new node (migrated, empty, its own key): `side import --in FILE --expect-key FINGERPRINT`.
Once the import is confirmed, on the first node: `side release --in FILE`. Each is audited;
docs/federation.md, "Moving a hosted side to its own node", tells the whole procedure."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.core import nodekey
from sswbridge.federation.sidemove import archive, exporting, loading, release
from sswbridge.frameworks.models import Framework, Side


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Command(BaseCommand):
    help = "Move a hosted side to a node of its own: export, import, release."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the side's signed archive.")
        export.add_argument("--framework", required=True, help="Framework code, e.g. jp-kg.")
        export.add_argument("--side", required=True, help="Side code, e.g. kg.")
        export.add_argument("--out", required=True, help="The archive file to write.")
        load = actions.add_parser("import", help="Load a side's archive into this new node.")
        load.add_argument("--in", dest="path", required=True, help="The archive file.")
        load.add_argument(
            "--expect-key",
            required=True,
            help="The exporting node's key fingerprint (`sswbridge keys show` there).",
        )
        give_up = actions.add_parser(
            "release", help="After the import: remove the side's own rows from this node."
        )
        give_up.add_argument("--in", dest="path", required=True, help="The exported archive.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except archive.ArchiveError as exc:
            raise CommandError(str(exc)) from None

    def _export(self, options: dict[str, Any]) -> None:
        framework = Framework.objects.filter(code__iexact=options["framework"]).first()
        side = Side.objects.filter(code__iexact=options["side"]).first()
        if framework is None or side is None or side not in framework.sides():
            raise CommandError(_("No such framework and side."))
        if side.pk != framework.partner_side_id:
            raise CommandError(_("Only a partner side moves to a node of its own."))
        out = Path(options["out"])
        result = exporting.export_side(framework=framework, side=side, out=out, os_user=_os_user())
        own = sum(c.get("own", 0) for c in result["counts"].values())
        shared = sum(c.get("shared", 0) for c in result["counts"].values())
        self.stdout.write(
            _(
                "Wrote %(out)s: %(rows)s rows (%(own)s the side's own, %(shared)s shared), "
                "%(entries)s audit entries, %(files)s files."
            )
            % {
                "out": out,
                "rows": result["rows"],
                "own": own,
                "shared": shared,
                "entries": result["audit_entries"],
                "files": result["files"],
            }
        )
        self.stdout.write(
            _(
                "It holds password hashes and second-factor secrets: carry it as a secret. "
                "On the new node: sswbridge side import --in FILE --expect-key %(key)s"
            )
            % {"key": nodekey.current().key_id}
        )

    def _import(self, options: dict[str, Any]) -> None:
        data = archive.read(Path(options["path"]), {options["expect_key"]})
        done = loading.import_side(data, os_user=_os_user())
        total = sum(sum(c.values()) for c in done.counts.values())
        self.stdout.write(
            _("Imported %(framework)s:%(side)s: %(rows)s rows, archive %(digest)s.")
            % {
                "framework": done.framework_code,
                "side": done.side_code,
                "rows": total,
                "digest": done.manifest_sha256,
            }
        )
        own = nodekey.current().public
        self.stdout.write(
            _(
                "Next, on this node: set SSWBRIDGE_HOSTED_SIDES=%(fw)s:%(side)s, then\n"
                "  sswbridge peer add --framework %(fw)s --side jp --url JAPAN_URL "
                "--key JAPAN_KEY\n"
                "On Japan's node: sswbridge side release --in FILE, remove %(fw)s:%(side)s "
                "from its hosted sides, then\n"
                "  sswbridge peer add --framework %(fw)s --side %(side)s --url THIS_URL "
                "--key %(key)s"
            )
            % {"fw": done.framework_code, "side": done.side_code, "key": own.raw_base64}
        )

    def _release(self, options: dict[str, Any]) -> None:
        data = archive.read(Path(options["path"]), set(nodekey.trusted()))
        result = release.release_side(data, os_user=_os_user())
        deleted = sum(result["deleted"].values())
        self.stdout.write(
            _("Released: %(deleted)s rows deleted, %(users)s user accounts closed.")
            % {"deleted": deleted, "users": result["users_closed"]}
        )
        self.stdout.write(
            _(
                "Next, on this node: set SSWBRIDGE_HOSTED_SIDES to the sides it still hosts "
                "(without %(fw)s:%(side)s, e.g. jp), restart, then\n"
                "  sswbridge peer add --framework %(fw)s --side %(side)s --url NEW_NODE_URL "
                "--key NEW_NODE_KEY"
            )
            % {"fw": data.manifest["framework"], "side": data.manifest["side"]}
        )
