"""What the sending organizations' API modules share: a service's refusals as 4xx answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Status

from sswbridge.core import api
from sswbridge.exchange.services import ExchangeError


def not_found(message: str) -> Status[Any]:
    return Status(404, api.error("not_found", message))


def run(action: Callable[[], Any], *, status: int = 200) -> Status[Any]:
    """Call a service: invalid input answers 400, a refusal 403, the exchange's its own."""
    return api.run(action, refused=PermissionDenied, conflicts=(ExchangeError,), status=status)


def then(_done: object, answer: Callable[[], Any]) -> Any:
    """`answer()`, after the service call given as `_done` has run."""
    return answer()
