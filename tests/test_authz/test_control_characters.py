"""A NUL sent to every route of the authorization matrix's list (issue 12, point 4): in the
path, in the query, and in a body (a form posted to every page, the placeholder body of every
API write with a NUL in each of its strings), as an anonymous visitor and as a signed-in
user or token. No answer is a 5xx; each is the edge's refusal (4xx).

The routes are called as the matrix calls them (`test_matrix.py`): the URLs name the records
of the isolation world, so a NUL that got past the edge would reach the real lookups; each
request is rolled back. Before the edge refused control characters, PostgreSQL answered 500.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import resolve, reverse

from tests.helpers.isolation.routes import iter_operations, iter_patterns
from tests.helpers.isolation.tables import OPERATIONS, PAGES
from tests.test_authz import calls
from tests.test_authz.rules import ANONYMOUS
from tests.test_authz.table_api import API_RULES
from tests.test_authz.table_pages import PAGE_RULES

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
SIGNED_IN = "contact_point@jp"
# Parameters the pages and the API read, each given a NUL.
QUERY = urlencode(
    {
        name: NUL
        for name in (
            "q",
            "page",
            "format",
            "next",
            "framework",
            "status",
            "kind",
            "country",
            "side",
            "field",
            "since",
            "until",
            "action",
            "number",
        )
    }
)


def _with_query(url: str) -> str:
    return url + ("&" if "?" in url else "?") + QUERY


def _page_with_nul_in_path(name: str, url: str) -> str:
    """The page's URL with a NUL in each text argument; at the end of its path without one."""
    match = resolve(url)
    converters = match.route and re.findall(r"<(?:(\w+):)?(\w+)>", match.route)
    text_args = {arg for conv, arg in converters or [] if conv in ("", "str")}
    if text_args & set(match.kwargs):
        kwargs = {k: (f"{v}\x00" if k in text_args else v) for k, v in match.kwargs.items()}
        return str(reverse(name, kwargs=kwargs))
    return url.split("?")[0] + "%00"


def _operation_with_nul_in_path(path: str, url: str) -> str:
    """The operation's URL with a NUL after each text parameter, or at the end of its path."""
    operations = calls._openapi()["paths"][path].values()
    params = [p for op in operations for p in op.get("parameters", []) if p["in"] == "path"]
    text = {p["name"] for p in params if p["schema"].get("type") == "string"}
    text -= {p["name"] for p in params if "format" in p["schema"]}
    values = _path_values(path, url)
    if not text & set(values):
        return url.split("?")[0] + "%00"
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)] + ("%00" * (m.group(1) in text)), path)


def _path_values(path: str, url: str) -> dict[str, str]:
    pattern = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$"
    found = re.match(pattern, url.split("?")[0])
    assert found, (path, url)
    return found.groupdict()


def _with_nul_strings(value: Any) -> Any:
    """The value with a NUL inside each of its strings (files are left as they are)."""
    if isinstance(value, str):
        return value[:1] + "\x00" + value[1:]
    if isinstance(value, dict):
        return {k: _with_nul_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_nul_strings(v) for v in value]
    return value


def _has_string(value: Any) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(_has_string(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_string(v) for v in value)
    return False


def _nul_body(method: str, path: str, world: dict[str, Any]) -> tuple[str, Any]:
    body = calls.placeholder_body(method, path, world)
    if body is None:
        return "application/json", {"note": NUL}
    content_type, data = body
    if not _has_string(data):
        data = {**data, "note": "x"} if isinstance(data, dict) else {"note": "x"}
    return content_type, _with_nul_strings(data)


def _failures(
    requests: list[tuple[str, str, str, tuple[str, Any] | None]], clients: dict[str, Any]
) -> tuple[list[str], int]:
    failures, count = [], 0
    for label in (ANONYMOUS, SIGNED_IN):
        for route, method, url, body in requests:
            response = calls.call(clients[label], method, url, body)
            count += 1
            if not 400 <= response.status_code < 500:
                failures.append(f"{route} {method} {url!r} as {label}: {response.status_code}")
    return failures, count


def test_a_nul_anywhere_in_any_page_request_is_refused_never_a_5xx(matrix):
    world = matrix.world
    requests = []
    for name, _route in iter_patterns():
        builder = PAGE_RULES[name].kwargs or PAGES[name][1]
        url = str(reverse(name, kwargs=builder(world) if builder else None))
        requests += [
            (name, "GET", _page_with_nul_in_path(name, url), None),
            (name, "GET", _with_query(url), None),
            (name, "POST", url, ("multipart/form-data", {"title": NUL, "q": NUL})),
        ]
    failures, count = _failures(requests, matrix.page_clients)
    assert count > 800
    assert failures == [], "\n".join(failures)


def test_a_nul_anywhere_in_any_api_request_is_refused_never_a_5xx(matrix):
    world = matrix.world
    requests = []
    for method, path in iter_operations():
        rule = API_RULES[(method, path)]
        builder = rule.kwargs or OPERATIONS.get((method, path), ("", None))[1]
        url = calls.api_path(path, world, builder) + rule.query
        route = f"{method} {path}"
        requests += [
            (route, method, _operation_with_nul_in_path(path, url), None),
            (route, method, _with_query(url), None),
        ]
        if method != "GET":
            requests.append((route, method, url, _nul_body(method, path, world)))
    failures, count = _failures(requests, matrix.api_clients)
    assert count > 600
    assert failures == [], "\n".join(failures)
