"""Who runs a management command: the operating-system user, for the audit trail.

Hosted mode cannot protect a side from the server's operator; what it can do is write down,
in each entry a command makes, which operating-system account ran it."""

from __future__ import annotations

import getpass


def os_user() -> str:
    """The operating-system user running this process, or "unknown"."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
