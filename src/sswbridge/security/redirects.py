"""The language switch: Django's, with a `next` that is not a safe path on this site set
aside (`core.redirects.safe_next`, which every view that reads `next` asks)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language as django_set_language

from sswbridge.accounts import services
from sswbridge.accounts.models import User
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
    response = django_set_language(request)
    _remember(request)
    return response


def _remember(request: HttpRequest) -> None:
    """A signed-in user's choice is also theirs for mail (issue 16, point 7)."""
    user = getattr(request, "user", None)
    language = request.POST.get("language") if request.method == "POST" else None
    if (
        isinstance(user, User)
        and user.is_active
        and language
        and language in dict(settings.LANGUAGES)
        and language != user.language
    ):
        services.set_preferences(actor=user, language=language)
