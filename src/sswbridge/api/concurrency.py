"""Optimistic concurrency on /api/v1 (docs/api.md, "Optimistic concurrency").

- Every GET that answers 200 carries an `ETag`: a strong validator made from the answer's
  body, so it changes with every change of the record as the caller sees it (its version,
  its names, its status...). A GET with `If-None-Match` naming the current ETag answers
  304 with no body.
- Every update (PUT, PATCH) of a path that also has a GET (the record, or the settings it
  replaces) honours `If-Match`: the record's current ETag is computed as that GET would
  answer it for the same user, without query parameters, and a stale one answers 412
  `precondition_failed` and changes nothing (a record the user cannot read goes on to
  the update, which answers its own 404 or 403). Check and update run in one transaction,
  serialized per path (an advisory lock on PostgreSQL; SQLite lets one writer in at a time
  and a writer with a stale snapshot is refused and run again by the retry middleware), so
  two clients holding the same ETag cannot both update: the second gets 412. Without
  `If-Match` an update runs as before.

Wired by the API aggregator (api/api.py), which also documents the headers in
/api/v1/openapi.json. `applies_to_update` lists the operations that take `If-Match`; every
PUT and PATCH of the API must be one of them (tests/test_api_concurrency.py).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.response import HttpResponseBase
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from ninja.operation import Operation

UPDATE_METHODS = frozenset({"PUT", "PATCH"})

IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": (
        "The ETag of the record as last read (GET of the same path). If the record changed "
        "since, the update answers 412 (`precondition_failed`) and changes nothing."
    ),
    "schema": {"type": "string"},
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "An ETag from an earlier answer: 304 with no body while it is current.",
    "schema": {"type": "string"},
}
ETAG_HEADER = {
    "ETag": {
        "description": "The answer's version; send it in If-Match to update, or "
        "If-None-Match to read again only when it changed.",
        "schema": {"type": "string"},
    }
}
PRECONDITION_FAILED = {
    "description": "The record changed since the ETag sent in If-Match was read.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                "required": ["code", "message"],
            }
        }
    },
}


def etag_of(response: HttpResponseBase) -> str | None:
    """The ETag of a 200 answer with a body in memory (None for a stream or another status)."""
    if response.status_code != 200 or getattr(response, "streaming", False):
        return None
    assert isinstance(response, HttpResponse)
    return quote_etag(hashlib.sha256(response.content).hexdigest()[:40])


def _matches(header: str, etag: str) -> bool:
    tags = parse_etags(header)
    return "*" in tags or etag in tags


def conditional_get(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The GET answers with its ETag, and 304 when `If-None-Match` names it."""

    @wraps(run)
    def wrapper(request: HttpRequest, **kw: Any) -> HttpResponseBase:
        response = run(request, **kw)
        etag = etag_of(response)
        if etag is None:
            return response
        if _matches(request.headers.get("If-None-Match", ""), etag):
            not_modified = HttpResponse(status=304)
            not_modified["ETag"] = etag
            return not_modified
        response["ETag"] = etag
        return response

    return wrapper


def current_etag(
    read: Callable[..., HttpResponseBase], request: HttpRequest, kw: Any
) -> str | None:
    """The ETag the record's GET would answer now, for this user, without query parameters
    (None when it does not answer 200: no such record, or not one this user may read)."""
    method, query = request.method, request.GET
    request.method, request.GET = "GET", QueryDict()
    try:
        response = read(request, **kw)
    finally:
        request.method, request.GET = method, query
    return etag_of(response)


def _lock(path: str) -> None:
    """Serialize the conditional updates of one path until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(path.encode())])


def conditional_update(
    run: Callable[..., HttpResponseBase], read: Callable[..., HttpResponseBase]
) -> Callable[..., HttpResponseBase]:
    """The update runs only while `If-Match` names the record's current ETag (`read` is the
    path's GET, unwrapped)."""

    @wraps(run)
    def wrapper(request: HttpRequest, **kw: Any) -> HttpResponseBase:
        header = request.headers.get("If-Match")
        if header is None:
            return run(request, **kw)
        with transaction.atomic():
            _lock(request.path)
            etag = current_etag(read, request, kw)
            if etag is not None and not _matches(header, etag):
                message = _(
                    "This record was changed since you read it. Read it again (GET) and "
                    "send its new ETag in If-Match."
                )
                refused = JsonResponse(
                    {"code": "precondition_failed", "message": str(message)}, status=412
                )
                refused["ETag"] = etag
                return refused
            response = run(request, **kw)
            if response.status_code >= 400:
                transaction.set_rollback(True)
            return response

    return wrapper


def wire(operations_by_path: list[list[Operation]]) -> tuple[set[str], set[str]]:
    """Wrap the GETs and updates of each path; (ids of GETs, ids of updates taking If-Match)."""
    reads: set[str] = set()
    updates: set[str] = set()
    for operations in operations_by_path:
        get = next((op for op in operations if "GET" in op.methods), None)
        if get is None:
            continue
        read = get.run
        get.run = conditional_get(read)  # type: ignore[method-assign]
        reads.add(get.operation_id or "")
        for op in operations:
            if UPDATE_METHODS & set(op.methods):
                op.run = conditional_update(op.run, read)  # type: ignore[method-assign]
                updates.add(op.operation_id or "")
    return reads, updates
