"""The language switch: Django's, with a `next` that is not a safe path on this site set
aside (`core.redirects.safe_next`, which every view that reads `next` asks)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language as django_set_language

from sswbridge.core.redirects import safe_next


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, with a `next` that is not a safe path set aside (it then
    returns to the page it came from, or to the start page)."""
    for name in ("POST", "GET"):
        params = getattr(request, name)
        if "next" in params and safe_next(request, params["next"]) is None:
            params = params.copy()
            del params["next"]
            setattr(request, name, params)
    return django_set_language(request)
