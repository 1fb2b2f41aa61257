"""Deploy checks of the hardening (run by `sswbridge check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_CACHES = ("django.core.cache.backends.locmem.LocMemCache",)


@register(Tags.security, deploy=True)
def check_hardening(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    found: list[Warning] = []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in LOCAL_CACHES or backend.endswith("DummyCache"):
        found.append(
            Warning(
                "The cache is local to each process, so sign-in lock-outs are counted per "
                "gunicorn process.",
                hint="Use the database cache (the default) or another shared cache.",
                id="sswbridge.W001",
            )
        )
    middleware = settings.MIDDLEWARE
    for name, hint in (
        ("sswbridge.security.csp.ContentSecurityPolicyMiddleware", "W002"),
        ("sswbridge.security.ratelimit.RateLimitMiddleware", "W003"),
    ):
        if name not in middleware:
            found.append(Warning(f"{name} is not in MIDDLEWARE.", id=f"sswbridge.{hint}"))
    if not all(requests > 0 for requests, _s in settings.RATE_LIMITS.values()):
        found.append(
            Warning(
                "A rate limit is off (0).",
                hint="Set SSWBRIDGE_SIGNIN_RATE_LIMIT, SSWBRIDGE_SIGNIN_IP_RATE_LIMIT, "
                "SSWBRIDGE_API_RATE_LIMIT and SSWBRIDGE_PUBLIC_RATE_LIMIT above 0.",
                id="sswbridge.W004",
            )
        )
    return found
