"""The public, read-only API under /api/v1/public: the portals, the verify box and the
published lists of each portal, without a token. Each register adds its own routes
(`sections.Section.api`, from its public module); they read only what the portal has
published."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query as QueryParams
from ninja import Router, Schema

from sswbridge.publication import search as portal_search
from sswbridge.publication import sections
from sswbridge.publication.api.pages import NOT_FOUND, portal_or_404
from sswbridge.publication.portals import all_portals
from sswbridge.publication.schemas import PortalOut, PublicVerifyOut

router = Router(tags=["public"], auth=None)


@router.get("/portals", response=list[PortalOut], operation_id="public_list_portals")
def list_portals(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"code": p.code, "name": str(p.side), "languages": list(p.languages)} for p in all_portals()
    ]


class VerifyIn(Schema):
    q: str


@router.get(
    "/{country}/verify",
    response={200: PublicVerifyOut, **NOT_FOUND},
    operation_id="public_verify_organization",
)
def verify(request: HttpRequest, country: str, params: QueryParams[VerifyIn]) -> dict[str, Any]:
    """Is an organization of this exact name or number approved, revoked, under an
    improvement order or registered? `found` is false when it is on no published register."""
    portal_or_404(country)
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


# The registers' routes, as their apps registered them in ready() (before this module is
# imported by the API's URLs).
for _section in sections.all_sections():
    if _section.api is not None:
        router.add_router("", _section.api)
