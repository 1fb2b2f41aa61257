"""What the exchange's API modules share: the response maps, running a service, and reading
the communication an operation names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS, run
from sswbridge.core.api import auth_user as _user
from sswbridge.exchange import selectors, services
from sswbridge.exchange.models import Communication
from sswbridge.exchange.schemas import CommunicationOut, communication_out

ONE = {200: CommunicationOut, **ERRORS}
NEW = {201: CommunicationOut, **ERRORS}


def run_action(action: Callable[[], Any], status: int = 200) -> Status[Any]:
    return run(
        action, refused=services.NotPermitted, conflicts=(services.ExchangeError,), status=status
    )


def clean(value: str) -> str:
    return value.replace("\x00", "")


def communication_or_404(request: HttpRequest, communication_id: UUID) -> Communication:
    user = _user(request)
    found = selectors.communication_for(user, communication_id, mentions=True)
    if found is None:
        raise HttpError(404, _("No such communication."))
    return found


def _reload(request: HttpRequest, c: Communication) -> Communication:
    return communication_or_404(request, c.pk)


def reread_out(request: HttpRequest, c: Communication) -> dict[str, Any]:
    """The communication after an action, read again as the user may now see it."""
    return communication_out(_user(request), _reload(request, c))
