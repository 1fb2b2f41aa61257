"""The `sswbridge` command: serve, worker, demo, and every Django management command."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from sswbridge.config import ConfigError, env_path


def demo_environment(var_dir: Path) -> dict[str, str]:
    """The settings of `serve --demo`, which must work with no environment at all.

    The database is always the SQLite file in the var directory, so that demo data never
    lands in a configured database. The secret key is made once and kept in var/secret_key,
    the node key in var/node_key.pem.
    """
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    # The node key that signs the audit trail, made once like the secret key (core/nodekey.py).
    node_key = var_dir / "node_key.pem"
    if not node_key.exists():
        from sswbridge.core import nodekey

        nodekey.generate(node_key)
    return {
        "SSWBRIDGE_VAR_DIR": str(var_dir),
        "SSWBRIDGE_NODE_KEY_FILE": str(node_key),
        "SSWBRIDGE_CHECKPOINT_DIR": str(var_dir / "checkpoints"),
        "SSWBRIDGE_DATABASE_URL": f"sqlite:///{var_dir / 'sswbridge.sqlite3'}",
        "SSWBRIDGE_SECRET_KEY": key_file.read_text().strip(),
        "SSWBRIDGE_DEBUG": "false",
        "SSWBRIDGE_HTTPS": "false",
    }


def demo_public_url(args: list[str], environ: dict[str, str]) -> str:
    """The address links in the demo's mail start with: the one `serve --demo` listens on
    (`--bind`, else SSWBRIDGE_BIND), unless SSWBRIDGE_PUBLIC_URL says otherwise."""
    if environ.get("SSWBRIDGE_PUBLIC_URL"):
        return environ["SSWBRIDGE_PUBLIC_URL"]
    bind = environ.get("SSWBRIDGE_BIND") or "127.0.0.1:8000"
    for n, arg in enumerate(args):
        if arg == "--bind" and n + 1 < len(args):
            bind = args[n + 1]
        elif arg.startswith("--bind="):
            bind = arg.split("=", 1)[1]
    return f"http://{bind}"


def demo_nodes(args: list[str]) -> bool:
    """Whether `serve --demo` runs two nodes (`--nodes 2`): each gets its own demo settings
    under var/node-*, made by the command (core/demonodes.py), none in var/ itself."""
    for n, arg in enumerate(args):
        if (arg == "--nodes" and args[n + 1 : n + 2] == ["2"]) or arg == "--nodes=2":
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["serve"] and "--demo" in args and not demo_nodes(args):
            # Settings read the environment when they are imported, so this comes first.
            os.environ.update(demo_environment(env_path("SSWBRIDGE_VAR_DIR", "var")))
            os.environ["SSWBRIDGE_PUBLIC_URL"] = demo_public_url(args, dict(os.environ))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sswbridge.settings")
        from django.core.management import execute_from_command_line

        execute_from_command_line(["sswbridge", *args])
    except ConfigError as exc:
        # A malformed SSWBRIDGE_* variable: say which one, without a traceback.
        print(f"sswbridge: configuration error: {exc}", file=sys.stderr)
        return 2
    return 0
