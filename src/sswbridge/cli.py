"""The `sswbridge` command: serve, worker, and the management commands."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sswbridge.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["sswbridge", *args])
    return 0
