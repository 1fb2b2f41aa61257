"""Investigations under /api/v1/registry (the publications' routes are publication/api/queue.py)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from sswbridge.exchange.models import Communication
from sswbridge.registry import investigation_services as investigations
from sswbridge.registry import selectors
from sswbridge.registry.api_helpers import ERRORS, not_found, run, user_of
from sswbridge.registry.models import Investigation
from sswbridge.registry.schemas import PageIn
from sswbridge.registry.schemas_registers import (
    InvestigationActionIn,
    InvestigationOpenIn,
    InvestigationOut,
    ReportIn,
)

router = Router(tags=["improvement orders, publications, investigations"])
INVESTIGATION = {200: InvestigationOut, **ERRORS}


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
