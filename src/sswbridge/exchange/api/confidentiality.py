"""Retraction and requests for withheld content under /api/v1/exchange (see
`retraction.py`, `release.py`); mounted by `exchange/api/__init__.py` on its router."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS
from sswbridge.core.api import auth_user as _user
from sswbridge.exchange import release, retraction, selectors
from sswbridge.exchange.api.common import clean, communication_or_404, reread_out, run_action
from sswbridge.exchange.schemas import (
    CommunicationOut,
    ReleaseDecisionIn,
    ReleaseRequestIn,
    ReleaseRequestOut,
    RetractIn,
)

router = Router(tags=["exchange"])
ONE = {200: CommunicationOut, **ERRORS}


@router.post(
    "/communications/{communication_id}/retract",
    response=ONE,
    operation_id="exchange_retract_communication",
)
def retract_communication(request: HttpRequest, communication_id: UUID, payload: RetractIn) -> Any:
    """Retract a communication (the originating agency): the other side then sees only that
    it was retracted, when and by which side; its contact point is told."""
    c = communication_or_404(request, communication_id)
    return run_action(
        lambda: reread_out(
            request,
            retraction.retract(actor=_user(request), communication=c, reason=payload.reason),
        )
    )


@router.get(
    "/communications/{communication_id}/release-requests",
    response=list[ReleaseRequestOut],
    operation_id="exchange_list_release_requests",
)
def list_release_requests(request: HttpRequest, communication_id: UUID) -> Any:
    """The requests for withheld content of this communication, and their decisions."""
    c = communication_or_404(request, communication_id)
    return list(release.requests_for(_user(request), c))


@router.post(
    "/communications/{communication_id}/release-requests",
    response={201: ReleaseRequestOut, **ERRORS},
    operation_id="exchange_create_release_request",
)
def create_release_request(
    request: HttpRequest, communication_id: UUID, payload: ReleaseRequestIn
) -> Any:
    """Ask the originator for one withheld field or attachment."""
    c = communication_or_404(request, communication_id)
    user = _user(request)
    attachment = None
    if payload.attachment_id is not None:
        attachment = selectors.attachments_of(user, c).filter(pk=payload.attachment_id).first()
        if attachment is None:
            raise HttpError(404, _("No such attachment."))
    return run_action(
        lambda: release.request_release(
            actor=user,
            communication=c,
            reason=payload.reason,
            field=clean(payload.field),
            attachment=attachment,
        ),
        status=201,
    )


@router.post(
    "/communications/{communication_id}/release-requests/{request_id}/decide",
    response={200: ReleaseRequestOut, **ERRORS},
    operation_id="exchange_decide_release_request",
)
def decide_release_request(
    request: HttpRequest, communication_id: UUID, request_id: int, payload: ReleaseDecisionIn
) -> Any:
    """The originating side's contact point releases (the other side sees it from now on)
    or refuses."""
    c = communication_or_404(request, communication_id)
    item = release.requests_for(_user(request), c).filter(pk=request_id).first()
    if item is None:
        raise HttpError(404, _("No such request."))
    return run_action(
        lambda: release.decide(
            actor=_user(request), request=item, release=payload.release, note=payload.note
        )
    )
