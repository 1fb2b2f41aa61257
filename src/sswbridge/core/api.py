"""What every app's router shares: the error body and the error responses it declares, the
token's user, and the call of a service whose refusals become 4xx answers with a
machine-readable code.

A leaf: it imports no app, so any router may import it; the aggregator that mounts the
routers (`sswbridge.api.api`) is imported by none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema, Status


class ErrorOut(Schema):
    code: str
    message: str
    errors: dict[str, list[str]] | None = None


ERRORS: dict[int | str, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def auth_user(request: HttpRequest) -> Any:
    """The token's user (TokenAuth puts it in `request.auth`)."""
    return request.auth  # type: ignore[attr-defined]


def error(code: str, message: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "errors": errors}


def run(
    action: Callable[[], Any],
    *,
    refused: type[Exception],
    conflicts: tuple[type[Exception], ...],
    status: int = 200,
) -> Status[Any]:
    """Call a service. Invalid input answers 400, `refused` (the app's NotPermitted) 403,
    `conflicts` their own `status` or 409; each with the exception's `code` and `message`."""
    try:
        return Status(status, action())
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(400, error("invalid_input", _("The request is not valid."), errors))
    except refused as exc:
        return Status(403, error(exc.code, exc.message))  # type: ignore[attr-defined]
    except conflicts as exc:
        status_code = getattr(exc, "status", 409)
        return Status(status_code, error(exc.code, exc.message))  # type: ignore[attr-defined]
