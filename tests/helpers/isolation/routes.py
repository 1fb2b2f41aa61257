"""Every URL pattern and API operation that exists, and what isolation means for it.

A pattern or operation without an entry here fails `test_every_route_is_classified`, so a
new page cannot escape the isolation tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from sswbridge.api.api import api


@dataclass(frozen=True)
class Route:
    """kind:
    public   — anyone may GET it; no framework data.
    signin   — part of signing in; anonymous users are sent to the sign-in page or served it.
    list     — a staff page listing data; a user of another framework sees none of jp-kg's.
    object   — a staff page of one jp-kg object; a user of another framework gets 404.
    global   — a staff page of data that belongs to no framework (reference data).
    post     — a staff action that only accepts POST.
    """

    kind: str
    obj: Callable[[], dict[str, Any]] | None = None
    note: str = ""
    roles: tuple[str, ...] = field(default_factory=tuple)


def iter_patterns(
    resolvers: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> list[tuple[str, str]]:
    """(qualified name, route) for every named pattern outside the admin and the API."""
    found: list[tuple[str, str]] = []
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in ("admin", "api"):
                continue
            qualified = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            found += iter_patterns(entry.url_patterns, prefix + str(entry.pattern), qualified)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            found.append((name, prefix + str(entry.pattern)))
    return found


def iter_operations() -> list[tuple[str, str]]:
    """(METHOD, path) for every operation in the OpenAPI description."""
    schema = api.get_openapi_schema()
    ops = []
    for path, item in schema["paths"].items():
        for method in item:
            ops.append((method.upper(), path))
    return sorted(ops)
