"""`{% public_suspensions %}`: the suspensions of acceptance the public portals show."""

from __future__ import annotations

from typing import Any

from django import template

from sswbridge.suspensions.selectors import public_suspensions as public

register = template.Library()


@register.inclusion_tag("suspensions/_public.html")
def public_suspensions() -> dict[str, Any]:
    return {"suspensions": list(public())}
