"""What the register API modules share: the user, errors, and running a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Status

from sswbridge.core.api import ERRORS as ERRORS
from sswbridge.core.api import auth_user
from sswbridge.core.api import error as error
from sswbridge.exchange.services import ExchangeError

user_of = auth_user


def not_found(message: str) -> Status[Any]:
    return Status(404, error("not_found", message))


def run(
    action: Callable[[], Any], answer: Callable[[Any], Any], *, status: int = 200
) -> Status[Any]:
    """Call a service and answer with `answer(result)`; refusals become 4xx answers with a
    machine-readable code."""
    try:
        result = action()
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(400, error("invalid_input", _("The request is not valid."), errors))
    except PermissionDenied as exc:
        code = getattr(exc, "code", "forbidden")
        return Status(403, error(code, getattr(exc, "message", "") or _("Not allowed.")))
    except ExchangeError as exc:
        return Status(exc.status, error(exc.code, exc.message))
    return Status(status, answer(result))
