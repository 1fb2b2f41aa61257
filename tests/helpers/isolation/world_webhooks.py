"""A webhook endpoint of the Kyrgyz contact-point agency, for the isolation tables (made on
first use), and the webhook routes' classification."""

from __future__ import annotations

from typing import Any

from sswbridge.webhooks.models import Endpoint
from sswbridge.webhooks.services import new_secret


def endpoint(world: dict[str, Any]) -> Endpoint:
    if "webhook_endpoint" not in world:
        agency = world["intermediary"].originator_agency
        world["webhook_endpoint"] = Endpoint.objects.create(
            agency=agency,
            url="https://93.184.215.14/hooks",
            event_types=["communication"],
            secret=new_secret(),
        )
    return world["webhook_endpoint"]


def _pk(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": endpoint(world).pk}


def _endpoint_id(world: dict[str, Any]) -> dict[str, Any]:
    return {"endpoint_id": endpoint(world).pk}


PAGES: dict[str, tuple[str, Any]] = {
    "webhooks:endpoints": ("list", None),
    "webhooks:endpoint_add": ("post", None),
    "webhooks:endpoint": ("object", _pk),
    "webhooks:endpoint_deactivate": ("post", _pk),
}

W = "/api/v1/webhooks/endpoints"
OPERATIONS: dict[tuple[str, str], tuple[str, Any]] = {
    ("GET", W): ("list", None),
    ("POST", W): ("self", None),
    ("GET", W + "/{endpoint_id}"): ("object", _endpoint_id),
    ("GET", W + "/{endpoint_id}/deliveries"): ("object", _endpoint_id),
    ("POST", W + "/{endpoint_id}/deactivate"): ("object", _endpoint_id),
}
