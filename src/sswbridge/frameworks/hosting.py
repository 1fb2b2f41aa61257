"""Whether this node hosts a side (SSWBRIDGE_HOSTED_SIDES): every side when the setting is
empty (one node hosts both sides of every framework), otherwise the sides it lists, each in
every framework (`jp`) or in one (`jp-kg:kg`). Here, beside the sides, so that accounts can
ask too; federation/hosting.py builds on it."""

from __future__ import annotations

from django.conf import settings

from sswbridge.frameworks.models import Framework, Side


def hosts(framework: Framework | str, side: Side | str) -> bool:
    """Whether this node hosts `side` in `framework` (objects or codes)."""
    hosted: list[tuple[str, str]] = list(settings.HOSTED_SIDES)
    if not hosted:
        return True
    framework_code = (framework if isinstance(framework, str) else framework.code).lower()
    side_code = (side if isinstance(side, str) else side.code).lower()
    return any(s == side_code and f in ("", framework_code) for f, s in hosted)
