"""`{% public_suspensions [portal] %}`: the suspensions of acceptance the public pages show
(of one country's portal, or of every portal on the landing page)."""

from __future__ import annotations

from typing import Any

from django import template

from sswbridge.suspensions.selectors import public_suspensions as public

register = template.Library()


@register.inclusion_tag("suspensions/_public.html")
def public_suspensions(portal: str | None = None) -> dict[str, Any]:
    return {"suspensions": list(public(portal=portal)), "portal": portal}
