"""The `sswbridge` command: serve, worker, demo, and every Django management command."""

from __future__ import annotations

import os
import sys

from sswbridge.config import ConfigError, env_path
from sswbridge.core.demoenv import demo_environment

__all__ = ["demo_environment", "demo_nodes", "demo_public_url", "main"]


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
