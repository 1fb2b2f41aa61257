"""`{% termination_countdown framework %}`: the countdown on the framework page."""

from __future__ import annotations

from typing import Any

from django import template

from sswbridge.lifecycle.selectors import countdown

register = template.Library()


@register.inclusion_tag("lifecycle/_countdown.html")
def termination_countdown(framework: Any) -> dict[str, Any]:
    return {"framework": framework, "countdown": countdown(framework)}
