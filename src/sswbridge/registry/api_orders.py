"""Improvement orders, publications and investigations under /api/v1/registry."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework
from sswbridge.publication import selectors as publication_selectors
from sswbridge.publication import services as publishing
from sswbridge.registry import investigation_services as investigations
from sswbridge.registry import selectors
from sswbridge.registry.api_helpers import ERRORS, not_found, run, user_of
from sswbridge.registry.models import Investigation
from sswbridge.registry.schemas_registers import (
    InvestigationActionIn,
    InvestigationOpenIn,
    InvestigationOut,
    PageIn,
    PublicationFilterIn,
    PublicationOut,
    PublicationPageOut,
    PublicationSettingsIn,
    PublicationSettingsOut,
    ReportIn,
)

router = Router(tags=["improvement orders, publications, investigations"])
INVESTIGATION = {200: InvestigationOut, **ERRORS}


@router.get("/publications", response=PublicationPageOut)
def list_publications(request: HttpRequest, filters: Query[PublicationFilterIn]) -> Any:
    """What the portals published, and what waits for this side's confirmation."""
    items = publication_selectors.publications_for(user_of(request))
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


@router.post("/publications/{publication_id}/publish", response={200: PublicationOut, **ERRORS})
def publish(request: HttpRequest, publication_id: int) -> Any:
    """Confirm a publication on this side's portal (its registrars)."""
    item = (
        publication_selectors.publications_for(user_of(request)).filter(pk=publication_id).first()
    )
    if item is None:
        return not_found(_("No such publication."))
    return run(
        lambda: publishing.publish(actor=user_of(request), publication=item),
        lambda done: publication_selectors.publications_for(user_of(request)).get(pk=done.pk),
    )


def _settings(request: HttpRequest, code: str) -> tuple[Framework | None, Any]:
    framework = Framework.objects.visible_to(user_of(request)).filter(code=code).first()
    if framework is None:
        return None, None
    return framework, publishing.settings_for(framework, user_of(request).agency.side)


@router.get(
    "/frameworks/{code}/publication-settings", response={200: PublicationSettingsOut, **ERRORS}
)
def get_publication_settings(request: HttpRequest, code: str) -> Any:
    """This side's rule: publish what arrives automatically, or after confirmation."""
    framework, current = _settings(request, code)
    if framework is None:
        return not_found(_("No such framework."))
    return current


@router.put(
    "/frameworks/{code}/publication-settings", response={200: PublicationSettingsOut, **ERRORS}
)
def put_publication_settings(
    request: HttpRequest, code: str, payload: PublicationSettingsIn
) -> Any:
    framework, _current = _settings(request, code)
    if framework is None:
        return not_found(_("No such framework."))
    return run(
        lambda: publishing.update_settings(
            actor=user_of(request),
            framework=framework,
            auto_publish_on_receipt=payload.auto_publish_on_receipt,
        ),
        lambda item: item,
    )


def _investigation(request: HttpRequest, investigation_id: UUID) -> Investigation | None:
    found: Investigation | None = (
        selectors.investigations_for(user_of(request)).filter(pk=investigation_id).first()
    )
    return found


@router.get("/investigations", response=list[InvestigationOut])
def list_investigations(request: HttpRequest, page: Query[PageIn]) -> Any:
    items = selectors.investigations_for(user_of(request)).prefetch_related("actions")
    return list(items[page.offset : page.offset + page.limit])


@router.post("/investigations", response={201: InvestigationOut, **ERRORS})
def open_investigation(request: HttpRequest, payload: InvestigationOpenIn) -> Any:
    """Open the investigation a notice of improper activity asks for (7.3)."""
    user = user_of(request)
    notice = Communication.objects.visible_to(user).filter(pk=payload.notice).first()
    if notice is None:
        return not_found(_("No such notice."))
    org = selectors.sending_organizations_for(user).filter(pk=payload.organization).first()
    if org is None:
        return not_found(_("No such sending organization."))
    return run(
        lambda: investigations.open_investigation(actor=user, notice=notice, organization=org),
        lambda item: item,
        status=201,
    )


@router.get("/investigations/{investigation_id}", response=INVESTIGATION)
def get_investigation(request: HttpRequest, investigation_id: UUID) -> Any:
    item = _investigation(request, investigation_id)
    if item is None:
        return not_found(_("No such investigation."))
    return item


@router.post("/investigations/{investigation_id}/actions", response=INVESTIGATION)
def record_action(
    request: HttpRequest, investigation_id: UUID, payload: InvestigationActionIn
) -> Any:
    """Record a finding, or the guidance or supervision given."""
    item = _investigation(request, investigation_id)
    if item is None:
        return not_found(_("No such investigation."))
    return run(
        lambda: investigations.record_action(
            actor=user_of(request), investigation=item, **payload.dict()
        ),
        lambda _action: _investigation(request, investigation_id),
    )


@router.post("/investigations/{investigation_id}/report", response=INVESTIGATION)
def send_report(request: HttpRequest, investigation_id: UUID, payload: ReportIn) -> Any:
    """Send the report of results as the answer to the notice."""
    item = _investigation(request, investigation_id)
    if item is None:
        return not_found(_("No such investigation."))
    return run(
        lambda: investigations.send_report(
            actor=user_of(request), investigation=item, **payload.dict()
        ),
        lambda _reply: _investigation(request, investigation_id),
    )
