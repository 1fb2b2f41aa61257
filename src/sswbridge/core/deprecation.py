"""Deprecated operations (docs/api.md, "Versioning and deprecation"): an operation marked
with `@deprecated(...)` is flagged `deprecated: true` in /api/v1/openapi.json, and every
answer it gives carries a `Deprecation` header (RFC 9745: the date since when, as a
structured-field date) and a `Sunset` header (RFC 8594: the HTTP date after which it may
be gone), with a `Link` to its successor when there is one.

    @router.get("/old", operation_id="exchange_old", response=...)
    @deprecated(since=dt.date(2027, 1, 1), sunset=dt.date(2027, 7, 1), successor="exchange_new")
    def old(request): ...

No operation is deprecated today; the mechanism is exercised by tests/test_api_contract.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from ninja.decorators import decorate_view
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

F = TypeVar("F", bound=Callable[..., Any])


def _epoch(day: dt.date) -> int:
    return calendar.timegm(day.timetuple())


def deprecation_headers(
    since: dt.date, sunset: dt.date, successor: str | None = None
) -> dict[str, str]:
    headers = {"Deprecation": f"@{_epoch(since)}", "Sunset": http_date(_epoch(sunset))}
    if successor:
        headers["Link"] = f'</api/v1/openapi.json#{successor}>; rel="successor-version"'
    return headers


def deprecated(
    *, since: dt.date, sunset: dt.date, successor: str | None = None
) -> Callable[[F], F]:
    """Mark an API operation deprecated (put it under the route decorator)."""
    if sunset <= since:
        raise ValueError("The sunset must come after the deprecation.")
    headers = deprecation_headers(since, sunset, successor)

    def add_headers(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(run)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = run(request, *args, **kwargs)
            for name, value in headers.items():
                response[name] = value
            return response

        return inner

    def flag(operation: Operation) -> None:
        operation.deprecated = True

    def mark(func: F) -> F:
        decorate_view(add_headers)(func)
        contribute_operation_callback(func, flag)
        return func

    return mark
