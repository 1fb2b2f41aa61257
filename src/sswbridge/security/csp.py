"""The Content Security Policy: scripts, styles and everything else only from this site, no
inline script or style, no framing (with `X-Frame-Options: DENY` beside it)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def header_value(policy: dict[str, str] | None = None) -> str:
    return "; ".join(f"{name} {value}" for name, value in (policy or POLICY).items())


class ContentSecurityPolicyMiddleware:
    """Adds `Content-Security-Policy` to every response that has none. Django's own debug
    pages (inline styles and scripts) go without it while `SSWBRIDGE_DEBUG` is on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = header_value()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            return response
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.value
        return response
