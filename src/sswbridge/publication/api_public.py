"""The public, read-only API under /api/v1/public: the published lists of each portal,
without a token. It reads only through `publication.public` and `support.public`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query as QueryParams
from ninja import Router, Schema
from ninja.errors import HttpError

from sswbridge.core.api import ErrorOut
from sswbridge.publication import search as portal_search
from sswbridge.publication.portals import Portal, all_portals, get_portal
from sswbridge.publication.schemas import (
    ImprovementOrderPageOut,
    ImprovementOrderPublicOut,
    PortalOut,
    PublicSendingOrganizationPageOut,
    PublicSupportOrganizationPageOut,
    PublicVerifyOut,
    SendingOrganizationPublicDetailOut,
    SupportOrganizationPublicOut,
)
from sswbridge.publication.views_support import LICENCE as SUPPORT_LICENCE
from sswbridge.publication.views_support import _filtered
from sswbridge.support import public as support_public

router = Router(tags=["public"], auth=None)

NOT_FOUND: dict[int | str, Any] = {404: ErrorOut}
MAX_LIMIT = 1000


class PublicPageIn(Schema):
    q: str = ""
    limit: int = 100
    offset: int = 0


def _portal(country: str) -> Portal:
    portal = get_portal(country)
    if portal is None:
        raise HttpError(404, _("No such portal."))
    return portal


def _window(page: PublicPageIn) -> tuple[int, int]:
    limit = min(max(page.limit, 1), MAX_LIMIT)
    offset = max(page.offset, 0)
    return offset, offset + limit


def _registers() -> Any:
    public = portal_search.registers_public()
    if public is None:
        raise HttpError(404, _("This register is not published here."))
    return public


def _register_licence() -> str:
    from sswbridge.publication.views_registers import LICENCE

    return str(LICENCE)


@router.get("/portals", response=list[PortalOut])
def list_portals(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"code": p.code, "name": str(p.side), "languages": list(p.languages)} for p in all_portals()
    ]


@router.get(
    "/{country}/support-organizations",
    response={200: PublicSupportOrganizationPageOut, **NOT_FOUND},
)
def support_organizations(
    request: HttpRequest, country: str, page: QueryParams[PublicPageIn]
) -> dict[str, Any]:
    _portal(country)
    items = _filtered(country, page.q[:200])
    start, end = _window(page)
    return {
        "count": items.count(),
        "updated_at": support_public.support_last_changed(portal=country),
        "licence": str(SUPPORT_LICENCE),
        "items": list(items[start:end]),
    }


@router.get(
    "/{country}/support-organizations/{number}",
    response={200: SupportOrganizationPublicOut, **NOT_FOUND},
)
def support_organization(request: HttpRequest, country: str, number: str) -> Any:
    _portal(country)
    found = support_public.all_published(portal=country).filter(registration_number=number).first()
    if found is None:
        raise HttpError(404, _("No such registered support organization."))
    return found


def _organization(org: Any) -> dict[str, Any]:
    status = org.published_status or "approved"
    return {
        "id": org.pk,
        "name_ky": org.name_ky,
        "name_ru": org.name_ru,
        "name_en": org.name_en,
        "registration_number": org.registration_number,
        "address": org.address,
        "status": status,
        "status_date": org.published_status_date,
        "reason": (org.published_reason or "") if status != "approved" else "",
        "published_at": org.published_at,
    }


@router.get(
    "/{country}/sending-organizations",
    response={200: PublicSendingOrganizationPageOut, **NOT_FOUND},
)
def sending_organizations(
    request: HttpRequest, country: str, page: QueryParams[PublicPageIn]
) -> dict[str, Any]:
    _portal(country)
    public = _registers()
    query = portal_search.Query.parse(page.q)
    if query.empty:
        items = list(public.published_sending_organizations(portal=country))
    else:
        wanted = {e.pk for e in portal_search.sending_organizations(country, query)}
        items = [
            o for o in public.published_sending_organizations(portal=country) if str(o.pk) in wanted
        ]
    start, end = _window(page)
    return {
        "count": len(items),
        "updated_at": public.register_last_changed("sending_organizations", portal=country),
        "licence": _register_licence(),
        "items": [_organization(o) for o in items[start:end]],
    }


@router.get(
    "/{country}/sending-organizations/{organization_id}",
    response={200: SendingOrganizationPublicDetailOut, **NOT_FOUND},
)
def sending_organization(request: HttpRequest, country: str, organization_id: UUID) -> Any:
    _portal(country)
    public = _registers()
    org = public.published_sending_organizations(portal=country).filter(pk=organization_id).first()
    if org is None:
        raise HttpError(404, _("No such sending organization."))
    history = public.sending_organization_history(org, portal=country)
    return {**_organization(org), "history": history}


@router.get(
    "/{country}/improvement-orders",
    response={200: ImprovementOrderPageOut, **NOT_FOUND},
)
def improvement_orders(
    request: HttpRequest, country: str, page: QueryParams[PublicPageIn]
) -> dict[str, Any]:
    _portal(country)
    public = _registers()
    items = list(public.published_improvement_orders(portal=country))
    query = portal_search.Query.parse(page.q)
    if not query.empty:
        keep = {e.pk for e in portal_search.improvement_orders(country, query)}
        items = [o for o in items if str(o.pk) in keep]
    start, end = _window(page)
    return {
        "count": len(items),
        "updated_at": public.register_last_changed("improvement_orders", portal=country),
        "licence": _register_licence(),
        "items": items[start:end],
    }


@router.get(
    "/{country}/improvement-orders/{order_id}",
    response={200: ImprovementOrderPublicOut, **NOT_FOUND},
)
def improvement_order(request: HttpRequest, country: str, order_id: UUID) -> Any:
    _portal(country)
    order = _registers().published_improvement_orders(portal=country).filter(pk=order_id).first()
    if order is None:
        raise HttpError(404, _("No such improvement order."))
    return order


class VerifyIn(Schema):
    q: str


@router.get("/{country}/verify", response={200: PublicVerifyOut, **NOT_FOUND})
def verify(request: HttpRequest, country: str, params: QueryParams[VerifyIn]) -> dict[str, Any]:
    """Is an organization of this exact name or number approved, revoked, under an
    improvement order or registered? `found` is false when it is on no published register."""
    _portal(country)
    entries = portal_search.verify(country, params.q) or []
    return {
        "query": params.q[: portal_search.QUERY_MAX],
        "found": bool(entries),
        "entries": [
            {
                "register_key": e.register,
                "name": e.name,
                "other_names": e.other_names,
                "number": e.number,
                "status": e.status,
                "status_date": e.status_date,
                "reason": e.reason,
                "good": e.good,
                "verdict": e.verdict,
                "url": request.build_absolute_uri(e.url),
            }
            for e in entries
        ],
    }
