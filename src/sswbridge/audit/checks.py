"""Deploy checks of the audit chain's node key (run by `sswbridge check --deploy`).

A missing key is reported as information only: `serve` and `worker` refuse to start without it
(core/startup.py), and a configuration checked before its first start (as CI does) has none
yet. A key that exists but cannot be used is an error.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Info, Tags, register

from sswbridge.core import nodekey


@register(Tags.security, deploy=True)
def check_node_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    path = nodekey.key_file()
    if not path.exists():
        return [
            Info(
                f"The node key {path} does not exist yet; `sswbridge serve` and `sswbridge "
                "worker` refuse to start without it, since it signs the audit trail.",
                hint="Run `sswbridge keys generate` and back the file up apart from the "
                "database (SSWBRIDGE_NODE_KEY_FILE says where it is).",
                id="sswbridge.I010",
            )
        ]
    try:
        nodekey.load(path)
    except nodekey.NodeKeyError as exc:
        return [
            Error(
                f"The node key cannot be used: {exc}.",
                hint="Make it readable by the service's user only (chmod 600), or make a new "
                "one with `sswbridge keys generate --force`.",
                id="sswbridge.E010",
            )
        ]
    return []
