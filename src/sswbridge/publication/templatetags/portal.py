"""`{% portal_nav %}`: the navigation and language switcher of a portal page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language_info

from sswbridge.publication.portals import get_portal

register = template.Library()


@register.inclusion_tag("publication/_portal_nav.html", takes_context=True)
def portal_nav(context: template.Context) -> dict[str, Any]:
    portal = context.get("portal") or get_portal(str(context.get("country") or ""))
    request = context.get("request")
    languages = [get_language_info(code) for code in portal.languages] if portal else []
    return {
        "portal": portal,
        "languages": languages,
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
