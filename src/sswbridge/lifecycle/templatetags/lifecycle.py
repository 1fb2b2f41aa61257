"""`{% termination_countdown framework %}`: the countdown on the framework page."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import Context

from sswbridge.lifecycle.selectors import countdown

register = template.Library()


@register.inclusion_tag("lifecycle/_countdown.html", takes_context=True)
def termination_countdown(context: Context, framework: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"framework": framework, "countdown": countdown(user, framework)}
