"""/api/v1/webhooks: an agency's webhook endpoints and their delivery log, for the agency's
administrators (webhooks/services.py decides; others get 403, another agency's endpoint 404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS, auth_user, error
from sswbridge.webhooks import services
from sswbridge.webhooks.models import Delivery, Endpoint
from sswbridge.webhooks.schemas import (
    DeliveryOut,
    EndpointCreatedOut,
    EndpointIn,
    EndpointOut,
)

router = Router(tags=["webhooks"])


def _manager(request: HttpRequest) -> Any:
    user = auth_user(request)
    if not services.may_manage(user):
        raise HttpError(403, str(_("Only administrators manage webhooks.")))
    return user


def _endpoint(request: HttpRequest, endpoint_id: int) -> Endpoint:
    user = auth_user(request)
    endpoint = (
        Endpoint.objects.visible_to(user).select_related("agency").filter(pk=endpoint_id).first()
    )
    if endpoint is None:
        raise HttpError(404, str(_("No such webhook endpoint.")))
    _manager(request)
    return endpoint


@router.get("/endpoints", response=list[EndpointOut], operation_id="webhooks_list_endpoints")
def list_endpoints(request: HttpRequest) -> list[Endpoint]:
    """Your agency's endpoints."""
    user = _manager(request)
    return list(Endpoint.objects.visible_to(user).select_related("agency"))


@router.post(
    "/endpoints",
    response={201: EndpointCreatedOut, **ERRORS},
    operation_id="webhooks_create_endpoint",
)
def create_endpoint(request: HttpRequest, payload: EndpointIn) -> Status[Any]:
    """Register a URL for your agency's events of the chosen kinds. The answer holds the
    signing secret, the only time it is shown."""
    user = _manager(request)
    try:
        endpoint = services.add_endpoint(
            actor=user,
            url=payload.url,
            event_types=payload.event_types,
            description=payload.description,
        )
    except ValidationError as exc:
        return Status(400, error("invalid_input", _("The request is not valid."), exc.message_dict))
    except PermissionDenied:
        raise HttpError(403, str(_("Only administrators manage webhooks."))) from None
    return Status(201, endpoint)  # with its secret, this once (EndpointCreatedOut)


@router.get(
    "/endpoints/{endpoint_id}",
    response={200: EndpointOut, **ERRORS},
    operation_id="webhooks_get_endpoint",
)
def get_endpoint(request: HttpRequest, endpoint_id: int) -> Endpoint:
    return _endpoint(request, endpoint_id)


@router.post(
    "/endpoints/{endpoint_id}/deactivate",
    response={200: EndpointOut, **ERRORS},
    operation_id="webhooks_deactivate_endpoint",
)
def deactivate_endpoint(request: HttpRequest, endpoint_id: int) -> Endpoint:
    """Stop deliveries to the endpoint (those still pending are not tried again)."""
    endpoint = _endpoint(request, endpoint_id)
    return services.deactivate_endpoint(actor=auth_user(request), endpoint=endpoint)


@router.get(
    "/endpoints/{endpoint_id}/deliveries",
    response={200: list[DeliveryOut], **ERRORS},
    operation_id="webhooks_list_deliveries",
)
def list_deliveries(request: HttpRequest, endpoint_id: int) -> list[Delivery]:
    """The delivery log, newest event first (at most 200), with every attempt."""
    endpoint = _endpoint(request, endpoint_id)
    return list(endpoint.deliveries.prefetch_related("attempt_log")[:200])
