from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def bridge(request: HttpRequest) -> dict[str, Any]:
    """Header data: the user's framework(s), side and agency, and the languages."""
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"LANGUAGE_CHOICES": settings.LANGUAGES}
    if user is not None and user.is_authenticated and hasattr(user, "agency"):
        context["current_side"] = user.agency.side
        context["current_agency"] = user.agency
        context["current_frameworks"] = list(
            user.visible_frameworks().select_related("partner_side")
        )
    return context
