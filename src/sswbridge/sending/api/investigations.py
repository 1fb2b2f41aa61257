"""Investigations after a notice of improper activity (7.3) under /api/v1/registry."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from sswbridge.core.api import ERRORS, auth_user
from sswbridge.exchange.models import Communication
from sswbridge.sending import selectors
from sswbridge.sending.api.common import not_found, run, then
from sswbridge.sending.models import Investigation
from sswbridge.sending.schemas import (
    InvestigationActionIn,
    InvestigationOpenIn,
    InvestigationOut,
    PageIn,
    ReportIn,
)
from sswbridge.sending.services import investigations

router = Router(tags=["sending"])
INVESTIGATION = {200: InvestigationOut, **ERRORS}


def _investigation(request: HttpRequest, investigation_id: UUID) -> Investigation | None:
    found: Investigation | None = (
        selectors.investigations_for(auth_user(request)).filter(pk=investigation_id).first()
    )
    return found


@router.get(
    "/investigations", response=list[InvestigationOut], operation_id="sending_list_investigations"
)
def list_investigations(request: HttpRequest, page: Query[PageIn]) -> Any:
    items = selectors.investigations_for(auth_user(request)).prefetch_related("actions")
    return list(items[page.offset : page.offset + page.limit])


@router.post(
    "/investigations",
    response={201: InvestigationOut, **ERRORS},
    operation_id="sending_open_investigation",
)
def open_investigation(request: HttpRequest, payload: InvestigationOpenIn) -> Any:
    """Open the investigation a notice of improper activity asks for (7.3)."""
    user = auth_user(request)
    notice = Communication.objects.visible_to(user).filter(pk=payload.notice).first()
    if notice is None:
        return not_found(_("No such notice."))
    org = selectors.sending_organizations_for(user).filter(pk=payload.organization).first()
    if org is None:
        return not_found(_("No such sending organization."))
    return run(
        lambda: investigations.open_investigation(actor=user, notice=notice, organization=org),
        status=201,
    )


@router.get(
    "/investigations/{investigation_id}",
    response=INVESTIGATION,
    operation_id="sending_get_investigation",
)
def get_investigation(request: HttpRequest, investigation_id: UUID) -> Any:
    item = _investigation(request, investigation_id)
    if item is None:
        return not_found(_("No such investigation."))
    return item


@router.post(
    "/investigations/{investigation_id}/actions",
    response=INVESTIGATION,
    operation_id="sending_record_action",
)
def record_action(
    request: HttpRequest, investigation_id: UUID, payload: InvestigationActionIn
) -> Any:
    """Record a finding, or the guidance or supervision given."""
    item = _investigation(request, investigation_id)
    if item is None:
        return not_found(_("No such investigation."))
    return run(
        lambda: then(
            investigations.record_action(
                actor=auth_user(request), investigation=item, **payload.dict()
            ),
            lambda: _investigation(request, investigation_id),
        )
    )


@router.post(
    "/investigations/{investigation_id}/report",
    response=INVESTIGATION,
    operation_id="sending_send_report",
)
def send_report(request: HttpRequest, investigation_id: UUID, payload: ReportIn) -> Any:
    """Send the report of results as the answer to the notice."""
    item = _investigation(request, investigation_id)
    if item is None:
        return not_found(_("No such investigation."))
    return run(
        lambda: then(
            investigations.send_report(
                actor=auth_user(request), investigation=item, **payload.dict()
            ),
            lambda: _investigation(request, investigation_id),
        )
    )
