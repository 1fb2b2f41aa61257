"""The registrars' publication queue and settings under /api/v1/registry: what the portals
published and what waits for this side's confirmation, confirming it, and each side's
publication setting."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from sswbridge.core.api import ERRORS, auth_user, error, run
from sswbridge.frameworks.models import Framework
from sswbridge.publication import selectors as publication_selectors
from sswbridge.publication import services as publishing
from sswbridge.publication.schemas import (
    PublicationFilterIn,
    PublicationOut,
    PublicationPageOut,
    PublicationSettingsIn,
    PublicationSettingsOut,
)
from sswbridge.publication.services import NotPermitted

router = Router(tags=["publication"])


def _not_found(message: str) -> Status[Any]:
    return Status(404, error("not_found", message))


@router.get(
    "/publications", response=PublicationPageOut, operation_id="publication_list_publications"
)
def list_publications(request: HttpRequest, filters: Query[PublicationFilterIn]) -> Any:
    """What the portals published, and what waits for this side's confirmation."""
    items = publication_selectors.publications_for(auth_user(request))
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.portal:
        items = items.filter(portal=filters.portal.replace("\x00", ""))
    return {
        "count": items.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(items[filters.offset : filters.offset + filters.limit]),
    }


@router.post(
    "/publications/{publication_id}/publish",
    response={200: PublicationOut, **ERRORS},
    operation_id="publication_publish_publication",
)
def publish(request: HttpRequest, publication_id: int) -> Any:
    """Confirm a publication on this side's portal (its registrars)."""
    user = auth_user(request)
    item = publication_selectors.publications_for(user).filter(pk=publication_id).first()
    if item is None:
        return _not_found(_("No such publication."))

    def confirm() -> Any:
        done = publishing.publish(actor=user, publication=item)
        return publication_selectors.publications_for(user).get(pk=done.pk)

    return run(confirm, refused=NotPermitted, conflicts=())


def _settings(request: HttpRequest, code: str) -> tuple[Framework | None, Any]:
    framework = Framework.objects.visible_to(auth_user(request)).filter(code=code).first()
    if framework is None:
        return None, None
    return framework, publishing.settings_for(framework, auth_user(request).agency.side)


@router.get(
    "/frameworks/{code}/publication-settings",
    response={200: PublicationSettingsOut, **ERRORS},
    operation_id="publication_get_publication_settings",
)
def get_publication_settings(request: HttpRequest, code: str) -> Any:
    """This side's rule: publish what arrives automatically, or after confirmation."""
    framework, current = _settings(request, code)
    if framework is None:
        return _not_found(_("No such framework."))
    return current


@router.put(
    "/frameworks/{code}/publication-settings",
    response={200: PublicationSettingsOut, **ERRORS},
    operation_id="publication_set_publication_settings",
)
def put_publication_settings(
    request: HttpRequest, code: str, payload: PublicationSettingsIn
) -> Any:
    framework, _current = _settings(request, code)
    if framework is None:
        return _not_found(_("No such framework."))
    return run(
        lambda: publishing.update_settings(
            actor=auth_user(request),
            framework=framework,
            auto_publish_on_receipt=payload.auto_publish_on_receipt,
        ),
        refused=NotPermitted,
        conflicts=(),
    )
