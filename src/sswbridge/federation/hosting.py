"""Which sides this node hosts (SSWBRIDGE_HOSTED_SIDES): every side when the setting is empty
(one node hosts both sides of every framework, as before federation), otherwise the sides it
lists, each in every framework (`jp`) or in one (`jp-kg:kg`)."""

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


def hosted_sides(framework: Framework) -> list[Side]:
    """The sides of `framework` this node hosts."""
    return [side for side in framework.sides() if hosts(framework, side)]


def describe() -> str:
    """The setting as people read it, for the administrator page and `peer list`."""
    hosted: list[tuple[str, str]] = list(settings.HOSTED_SIDES)
    return ", ".join(f"{f}:{s}" if f else s for f, s in hosted)
