"""/api/v1/accounts: who am I, and my own API tokens."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.responses import Status

from sswbridge.accounts import services
from sswbridge.accounts.models import ApiToken, User
from sswbridge.accounts.schemas import (
    ApiTokenCreatedOut,
    ApiTokenIn,
    ApiTokenOut,
    MeOut,
    MePatch,
)

router = Router(tags=["accounts"])


def _user(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    return user


@router.get("/me", response=MeOut, operation_id="accounts_get_me")
def me(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "agency": user.agency.code,
        "side": user.agency.side.code,
        "frameworks": list(user.visible_frameworks().values_list("code", flat=True)),
        "language": user.language,
        "time_zone": user.time_zone,
        "effective_time_zone": user.zone_name,
    }


@router.patch("/me", response=MeOut, operation_id="accounts_update_me")
def update_me(request: HttpRequest, payload: MePatch) -> dict[str, Any]:
    """Set your own interface language and time zone (mail reaches you in them)."""
    try:
        services.set_preferences(
            actor=_user(request), language=payload.language, time_zone=payload.time_zone
        )
    except ValidationError as error:
        raise HttpError(400, "; ".join(error.messages)) from error
    return me(request)


@router.get("/tokens", response=list[ApiTokenOut], operation_id="accounts_list_tokens")
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=_user(request)))


@router.post("/tokens", response={201: ApiTokenCreatedOut}, operation_id="accounts_create_token")
def create_token(request: HttpRequest, payload: ApiTokenIn) -> Status[dict[str, Any]]:
    user = _user(request)
    token, raw = services.issue_token(actor=user, user=user, name=payload.name)
    return Status(201, {**ApiTokenOut.model_validate(token).model_dump(), "key": raw})


@router.post(
    "/tokens/{token_id}/revoke", response=ApiTokenOut, operation_id="accounts_revoke_token"
)
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    user = _user(request)
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise HttpError(404, "No such token.")
    return services.revoke_token(actor=user, token=token)
