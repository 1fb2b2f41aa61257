"""`Cache-Control: no-store` on every answer meant for one signed-in person: the pages of a
signed-in session, and every API answer except the public API's. What is the same for
everyone (the public site's pages and downloads for anonymous visitors, or any answer whose
view declared it `public`, such as a download with an `ETag`) keeps its own caching."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from sswbridge.security.ratelimit import PUBLIC_API_PREFIX


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    path = request.path
    if path.startswith("/api/") and not path.startswith(PUBLIC_API_PREFIX):
        return True
    if "public" in response.get("Cache-Control", ""):
        return False
    if getattr(request, "auth", None) is not None:  # a token's user (django-ninja)
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # no session: anonymous, and the user need not be loaded
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _personal(request, response):
            add_never_cache_headers(response)  # no-store, no-cache, private, max-age=0
        return response
