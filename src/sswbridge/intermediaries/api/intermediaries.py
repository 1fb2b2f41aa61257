"""The intermediaries register under /api/v1/registry (its path before the registry's split):
the records, their names, identifiers, linked people and the communications naming them. The
cases about an intermediary are the cases app's (`cases.api.intermediary_router`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from sswbridge.core.api import ErrorOut, auth_user, error, run
from sswbridge.exchange.schemas import CommunicationPageOut, communication_out
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries import selectors
from sswbridge.intermediaries.mentions import with_intermediaries
from sswbridge.intermediaries.models import Intermediary
from sswbridge.intermediaries.schemas.intermediaries import (
    IntermediaryDetailOut,
    IntermediaryFilterIn,
    IntermediaryIdentifierIn,
    IntermediaryIn,
    IntermediaryLinkIn,
    IntermediaryNameIn,
    IntermediaryPageOut,
    IntermediaryPatch,
    PageIn,
)
from sswbridge.intermediaries.services import intermediaries as services

router = Router(tags=["intermediaries"])
ERRORS: dict[int | str, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
ONE = {200: IntermediaryDetailOut, **ERRORS}
NEW = {201: IntermediaryDetailOut, **ERRORS}


def _clean(value: str) -> str:
    return value.replace("\x00", "")


def _get(request: HttpRequest, intermediary_id: UUID) -> Intermediary:
    found = selectors.intermediaries_for(auth_user(request)).filter(pk=intermediary_id).first()
    if found is None:
        raise HttpError(404, _("No such intermediary."))
    return found


def _detail(request: HttpRequest, intermediary_id: UUID) -> Intermediary:
    """The intermediary with its identifiers and the linked people the user may see."""
    user = auth_user(request)
    item = _get(request, intermediary_id)
    item.people = list(selectors.linked_people(user, item))  # type: ignore[attr-defined]
    item.linked_to = list(selectors.linked_to(user, item))  # type: ignore[attr-defined]
    return item


def _run(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    answer_with: UUID | None = None,
    status: int = 200,
) -> Status[Any]:
    """Call a service and answer with the intermediary (`answer_with`, or the one the service
    returns); refusals become 4xx answers with a machine-readable code."""

    def call() -> Intermediary:
        result = action()
        return _detail(request, answer_with or result.pk)

    return run(call, refused=services.NotPermitted, conflicts=(), status=status)


@router.get(
    "/intermediaries",
    response=IntermediaryPageOut,
    operation_id="intermediaries_list_intermediaries",
)
def list_intermediaries(request: HttpRequest, filters: Query[IntermediaryFilterIn]) -> Any:
    """Intermediaries the user may see; `q` searches every name and identifier."""
    items = selectors.search_intermediaries(
        auth_user(request),
        q=_clean(filters.q),
        kind=filters.kind or "",
        country=_clean(filters.country),
        framework=_clean(filters.framework),
    )
    window = items.prefetch_related("identifiers")[filters.offset : filters.offset + filters.limit]
    return {
        "count": items.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(window),
    }


@router.post("/intermediaries", response=NEW, operation_id="intermediaries_create_intermediary")
def create_intermediary(request: HttpRequest, payload: IntermediaryIn) -> Any:
    """Report an intermediary (an individual or a corporation) with its names and identifiers."""
    user = auth_user(request)
    framework = Framework.objects.visible_to(user).filter(code=_clean(payload.framework)).first()
    if framework is None:
        return Status(404, error("unknown_framework", _("No such framework.")))
    return _run(
        request,
        lambda: services.create_intermediary(
            actor=user,
            framework=framework,
            kind=payload.kind,
            country=payload.country,
            names=[n.dict() for n in payload.names],
            identifiers=[i.dict() for i in payload.identifiers],
            notes=payload.notes,
            marking=payload.marking,
        ),
        status=201,
    )


@router.get(
    "/intermediaries/{intermediary_id}",
    response=IntermediaryDetailOut,
    operation_id="intermediaries_get_intermediary",
)
def get_intermediary(request: HttpRequest, intermediary_id: UUID) -> Any:
    """One intermediary: names, identifiers and linked people (both ways)."""
    return _detail(request, intermediary_id)


@router.patch(
    "/intermediaries/{intermediary_id}",
    response=ONE,
    operation_id="intermediaries_update_intermediary",
)
def update_intermediary(
    request: HttpRequest, intermediary_id: UUID, payload: IntermediaryPatch
) -> Any:
    """Change kind, country, notes or marking (the originating side only)."""
    item = _get(request, intermediary_id)
    return _run(
        request,
        lambda: services.update(
            actor=auth_user(request), intermediary=item, **payload.dict(exclude_unset=True)
        ),
    )


@router.post(
    "/intermediaries/{intermediary_id}/names", response=NEW, operation_id="intermediaries_add_name"
)
def add_name(request: HttpRequest, intermediary_id: UUID, payload: IntermediaryNameIn) -> Any:
    """Add a name in any script, tagged with its script and language."""
    item = _get(request, intermediary_id)
    return _run(
        request,
        lambda: services.add_name(actor=auth_user(request), intermediary=item, **payload.dict()),
        answer_with=item.pk,
        status=201,
    )


@router.post(
    "/intermediaries/{intermediary_id}/identifiers",
    response=NEW,
    operation_id="intermediaries_add_identifier",
)
def add_identifier(
    request: HttpRequest, intermediary_id: UUID, payload: IntermediaryIdentifierIn
) -> Any:
    """Add a registration or tax number, phone, e-mail, web site or address."""
    item = _get(request, intermediary_id)
    return _run(
        request,
        lambda: services.add_identifier(
            actor=auth_user(request), intermediary=item, **payload.dict()
        ),
        answer_with=item.pk,
        status=201,
    )


@router.post(
    "/intermediaries/{intermediary_id}/links",
    response=NEW,
    operation_id="intermediaries_link_person",
)
def link_person(request: HttpRequest, intermediary_id: UUID, payload: IntermediaryLinkIn) -> Any:
    """Link an individual of the same framework (a director, founder, ...)."""
    item = _get(request, intermediary_id)
    person = selectors.intermediaries_for(auth_user(request)).filter(pk=payload.person).first()
    if person is None:
        return Status(404, error("unknown_person", _("No such intermediary.")))
    return _run(
        request,
        lambda: services.link_person(
            actor=auth_user(request), intermediary=item, person=person, relation=payload.relation
        ),
        answer_with=item.pk,
        status=201,
    )


@router.get(
    "/intermediaries/{intermediary_id}/communications",
    response=CommunicationPageOut,
    operation_id="intermediaries_list_intermediary_communications",
)
def intermediary_communications(
    request: HttpRequest, intermediary_id: UUID, page: Query[PageIn]
) -> Any:
    """Every communication that names the intermediary and that the user may see."""
    item = _get(request, intermediary_id)
    user = auth_user(request)
    items = selectors.communications_mentioning(user, item)
    rows = with_intermediaries(items, user)[page.offset : page.offset + page.limit]
    return {
        "count": items.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": [communication_out(user, c) for c in rows],
    }
