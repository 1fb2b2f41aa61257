"""Which sides this node hosts (SSWBRIDGE_HOSTED_SIDES): every side when the setting is empty
(one node hosts both sides of every framework, as before federation), otherwise the sides it
lists, each in every framework (`jp`) or in one (`jp-kg:kg`)."""

from __future__ import annotations

from django.conf import settings

from sswbridge.frameworks.hosting import hosts
from sswbridge.frameworks.models import Framework, Side

__all__ = ["describe", "hosted_sides", "hosts"]


def hosted_sides(framework: Framework) -> list[Side]:
    """The sides of `framework` this node hosts."""
    return [side for side in framework.sides() if hosts(framework, side)]


def describe() -> str:
    """The setting as people read it, for the administrator page and `peer list`."""
    hosted: list[tuple[str, str]] = list(settings.HOSTED_SIDES)
    return ", ".join(f"{f}:{s}" if f else s for f, s in hosted)
