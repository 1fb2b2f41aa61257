"""The user's notifications and their preferences under /api/v1/exchange."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from sswbridge.core.api import ErrorOut
from sswbridge.core.api import auth_user as _user
from sswbridge.core.api import error as _error
from sswbridge.exchange import notify
from sswbridge.exchange.schemas import (
    MarkedReadOut,
    NotificationPageOut,
    NotificationPreferenceSchema,
)

router = Router(tags=["exchange"])


@router.get(
    "/notifications", response=NotificationPageOut, operation_id="exchange_list_notifications"
)
def list_notifications(
    request: HttpRequest, unread: bool = False, limit: int = 50, offset: int = 0
) -> Any:
    """The user's notifications, newest first."""
    items = notify.notifications_for(_user(request))
    unread_items = items.filter(read_at__isnull=True)
    shown = unread_items if unread else items
    limit, offset = max(1, min(limit, 200)), max(0, min(offset, 10_000_000))
    return {
        "count": shown.count(),
        "unread": unread_items.count(),
        "items": list(shown[offset : offset + limit]),
    }


@router.post(
    "/notifications/{notification_id}/read",
    response={200: MarkedReadOut, 404: ErrorOut},
    operation_id="exchange_read_notification",
)
def read_notification(request: HttpRequest, notification_id: int) -> Any:
    """Mark one of the user's notifications read."""
    user = _user(request)
    if not notify.notifications_for(user).filter(pk=notification_id).exists():
        raise HttpError(404, _("No such notification."))
    return {"marked_read": notify.mark_read(actor=user, notification_ids=[notification_id])}


@router.post(
    "/notifications/read", response=MarkedReadOut, operation_id="exchange_read_all_notifications"
)
def read_all_notifications(request: HttpRequest) -> Any:
    """Mark all of the user's notifications read."""
    return {"marked_read": notify.mark_read(actor=_user(request))}


@router.get(
    "/notification-preferences",
    response=list[NotificationPreferenceSchema],
    operation_id="exchange_get_notification_preferences",
)
def get_preferences(request: HttpRequest) -> Any:
    """Per kind: whether the user is told by e-mail and in the app."""
    return [
        {"kind": kind, "email": email, "in_app": in_app}
        for kind, (email, in_app) in notify.preferences_of(_user(request)).items()
    ]


@router.put(
    "/notification-preferences",
    response={200: list[NotificationPreferenceSchema], 400: ErrorOut},
    operation_id="exchange_set_notification_preferences",
)
def put_preferences(request: HttpRequest, payload: list[NotificationPreferenceSchema]) -> Any:
    """Set the choices for the kinds given; kinds left out keep theirs."""
    user = _user(request)
    try:
        notify.set_preferences(actor=user, choices={p.kind: (p.email, p.in_app) for p in payload})
    except ValidationError as exc:
        return Status(
            400, _error("invalid_input", _("The request is not valid."), exc.message_dict)
        )
    return get_preferences(request)
