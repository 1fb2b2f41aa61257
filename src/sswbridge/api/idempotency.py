"""`Idempotency-Key` on the API's POSTs that create (docs/api.md, "Idempotent writes").

A client that retries a POST after a timeout sends the same `Idempotency-Key` header
again. Per token, for KEEP (24 hours):

- the first request with a key claims it (a row, unique per token and key) and runs; its
  answer, when it succeeds (2xx), is stored with the key; a failure frees the key, so the
  retry runs afresh;
- a repeat with the same key and the same request (method, path, body) gets the stored
  answer, status and body, with `Idempotent-Replayed: true`, and creates nothing; a repeat
  that arrives while the first is still running waits for its answer (up to WAIT), so two
  parallel requests create one record and both get its answer;
- the same key with another request answers 422 `idempotency_key_reused`; a key still
  running after WAIT answers 409 `idempotency_key_in_progress`.

The key rows are bookkeeping of the transport, like a token's last use: written in their own
short transactions, not audited. The stored answers are purged after KEEP (on every keyed
request, and hourly by api/jobs.py), and with their token.

Which operations: every POST of /api/v1 that answers 201 or 202 (`applies_to`), but the
creation of an API token or a webhook endpoint (their answers hold a secret), wired by the API
aggregator (api/api.py), which also documents the header in /api/v1/openapi.json.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.operation import Operation

from sswbridge.accounts.tokenauth import bearer_token
from sswbridge.api.models import IdempotencyKey

HEADER = "Idempotency-Key"
KEEP = dt.timedelta(hours=24)
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05
MAX_KEY_LENGTH = 255

PARAMETER = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "description": (
        "Any unique string of up to 255 printable characters (a UUID, say). A repeat of the "
        "request with the same key within 24 hours returns the first answer and creates "
        "nothing; the same key with another request answers 422 (`idempotency_key_reused`)."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
}


# Their answers hold a secret (the new token; the webhook endpoint's signing secret), which
# must not be stored in clear.
EXCLUDED = frozenset({"accounts_create_token", "webhooks_create_endpoint"})


def applies_to(operation: Operation) -> bool:
    """A POST that creates: it answers 201 (created) or 202 (an upload accepted)."""
    return (
        "POST" in operation.methods
        and bool({201, 202} & set(operation.response_models))
        and operation.operation_id not in EXCLUDED
    )


def _error(status: int, code: str, message: str) -> HttpResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def fingerprint(request: HttpRequest) -> str:
    """The request, as far as a repeat must match: method, path with query, and body (for a
    multipart upload: its fields and each file's name, type and content)."""
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.get_full_path()}\n".encode())
    if request.content_type == "multipart/form-data":
        for name, values in sorted(request.POST.lists()):
            digest.update(repr((name, values)).encode())
        for name, files in sorted(request.FILES.lists()):
            for upload in files:
                digest.update(repr((name, upload.name, upload.content_type, upload.size)).encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
    else:
        digest.update((request.content_type or "").encode() + b"\n" + request.body)
    return digest.hexdigest()


def _replay(row: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(bytes(row.content), status=row.status, content_type=row.content_type)
    response[HEADER] = row.key
    response["Idempotent-Replayed"] = "true"
    return response


def purge_expired() -> int:
    """Delete the keys, and their stored answers, older than KEEP; how many went."""
    with transaction.atomic():
        deleted, _by_model = IdempotencyKey.objects.filter(
            created_at__lt=timezone.now() - KEEP
        ).delete()
    return deleted


def _claim(token_id: int, key: str, print_: str) -> tuple[IdempotencyKey, bool]:
    """The key's row, created (claimed) if new; expired rows are purged first."""
    purge_expired()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                token_id=token_id, key=key, fingerprint=print_
            ), True
    except IntegrityError:
        return IdempotencyKey.objects.get(token_id=token_id, key=key), False


def _settled(row: IdempotencyKey) -> IdempotencyKey | None:
    """The first request's row once it has an answer, None if it failed (the key freed) or
    is still running after WAIT_SECONDS (then `row` itself, unanswered)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        current = IdempotencyKey.objects.filter(pk=row.pk).first()
        if current is None or current.status is not None:
            return current
        if time.monotonic() >= deadline:
            return row
        time.sleep(POLL_SECONDS)


def _valid(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and key.isprintable()


def idempotent(run: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an operation's `run` (see the module's notes)."""

    @wraps(run)
    def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return run(request, *args, **kwargs)
        token = bearer_token(request)
        if token is None:  # no valid token: the operation answers 401 or 404 itself
            return run(request, *args, **kwargs)
        if not _valid(key):
            message = _("The Idempotency-Key header must hold 1 to 255 printable characters.")
            return _error(400, "invalid_idempotency_key", str(message))
        try:
            print_ = fingerprint(request)
        except RequestDataTooBig:  # answered 413 by the operation itself
            return run(request, *args, **kwargs)
        for _attempt in range(3):
            row, claimed = _claim(token.pk, key, print_)
            if claimed:
                return _first(run, row, request, *args, **kwargs)
            if row.fingerprint != print_:
                message = _(
                    "This Idempotency-Key was already used with another request; "
                    "use a new key for a new request."
                )
                return _error(422, "idempotency_key_reused", str(message))
            settled = _settled(row)
            if settled is None:
                continue  # the first attempt failed and freed the key: run afresh
            if settled.status is None:
                message = _("A request with this Idempotency-Key is still running; try later.")
                return _error(409, "idempotency_key_in_progress", str(message))
            return _replay(settled)
        message = _("A request with this Idempotency-Key is still running; try later.")
        return _error(409, "idempotency_key_in_progress", str(message))

    return inner


def _first(
    run: Callable[..., Any],
    row: IdempotencyKey,
    request: HttpRequest,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """Run the request that claimed the key; keep its answer if it succeeded, else free it."""
    try:
        response = run(request, *args, **kwargs)
    except BaseException:
        IdempotencyKey.objects.filter(pk=row.pk).delete()
        raise
    if 200 <= response.status_code < 300 and not response.streaming:
        with transaction.atomic():
            IdempotencyKey.objects.filter(pk=row.pk).update(
                status=response.status_code,
                content=response.content,
                content_type=response.get("Content-Type", ""),
            )
        response[HEADER] = row.key
    else:
        IdempotencyKey.objects.filter(pk=row.pk).delete()
    return response
