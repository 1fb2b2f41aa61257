"""Public pages of the sending-organization and improvement-order registers, per portal.

No sign-in. They read only through `publication.public`, which returns what the portal has
published. Each list downloads as CSV, XLSX or JSON (`?format=`) and answers conditional
requests (ETag, Last-Modified, 304). A download is the whole published list (a search
narrows the page, not the file), built once per change of the register and then served from
its stored file (`download_cache`); its permanent links start with PUBLIC_URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication import download_cache
from sswbridge.publication.caching import Stamp, conditional, stamp_of
from sswbridge.publication.downloads import FORMATS, render_download
from sswbridge.publication.names import number_key, search_key
from sswbridge.publication.portals import portal_page
from sswbridge.publication.public import (
    published_improvement_orders,
    published_sending_organizations,
    register_last_changed,
    register_state,
    sending_organization_history,
)
from sswbridge.sending.models import SendingOrganization, SendingOrganizationStatus

LICENCE = gettext_lazy(
    "Public information under the Memorandum of Cooperation; free to reuse with attribution "
    "(Creative Commons Attribution 4.0)."
)


def _last_changed(register: str) -> Callable[..., Stamp]:
    def last_modified(request: HttpRequest, country: str, **kwargs: Any) -> Stamp:
        return register_state(register, portal=country)

    return last_modified


def _context(request: HttpRequest, country: str, **values: Any) -> dict[str, Any]:
    portal = request.portal  # type: ignore[attr-defined]
    return {"portal": portal, "side": portal.side, "country": country, **values}


def _matches(query: str, names: Iterable[str], numbers: Iterable[str]) -> bool:
    key, number = search_key(query), number_key(query)
    return any(key and key in search_key(n) for n in names if n) or any(
        number and number in number_key(n) for n in numbers if n
    )


def _search_organizations(
    items: QuerySet[SendingOrganization], query: str
) -> list[SendingOrganization]:
    found = list(items)
    if not query.strip():
        return found
    return [
        o
        for o in found
        if _matches(query, (o.name_ky, o.name_ru, o.name_en), (o.registration_number, o.tax_number))
    ]


def _organization_row(country: str, o: Any) -> dict[str, Any]:
    url = reverse("publication:sending_organization", kwargs={"country": country, "pk": o.pk})
    return {
        "name_ky": o.name_ky,
        "name_ru": o.name_ru,
        "name_en": o.name_en,
        "legal_form": str(o.get_legal_form_display()),
        "registration_number": o.registration_number,
        "address": o.address,
        "phone": o.phone,
        "email": o.email,
        "website": o.website,
        "ssw_fields": "; ".join(f.name_en for f in o.ssw_fields.all()),
        "status": o.published_status,
        "status_label": str(SendingOrganizationStatus(o.published_status).label),
        "status_date": o.published_status_date.isoformat() if o.published_status_date else "",
        "reason": o.published_reason if o.published_status != "approved" else "",
        "published_at": o.published_at.isoformat() if o.published_at else "",
        "url": settings.PUBLIC_URL + url,
    }


def _organization_columns() -> list[tuple[str, str]]:
    return [
        ("name_ky", _("Name (Kyrgyz)")),
        ("name_ru", _("Name (Russian)")),
        ("name_en", _("Name (English)")),
        ("legal_form", _("Legal form")),
        ("registration_number", _("State registration number")),
        ("address", _("Address")),
        ("phone", _("Phone")),
        ("email", _("E-mail")),
        ("website", _("Web site")),
        ("ssw_fields", _("Intended SSW fields")),
        ("status", _("Status (code)")),
        ("status_label", _("Status")),
        ("status_date", _("Status since")),
        ("reason", _("Reason")),
        ("published_at", _("Published")),
        ("url", _("Permanent page")),
    ]


def build_organizations_download(country: str, fmt: str, stamp: Stamp) -> HttpResponse:
    """The whole published register of sending organizations as a file."""
    return render_download(
        (_organization_row(country, o) for o in published_sending_organizations(portal=country)),
        _organization_columns(),
        fmt,
        title=_("Approved sending organizations"),
        licence=LICENCE,
        updated_at=stamp[0],
    )


download_cache.register(
    "sending_organizations",
    download_cache.Download(
        state=lambda portal: register_state("sending_organizations", portal=portal),
        rows=lambda portal: published_sending_organizations(portal=portal).count(),
        build=build_organizations_download,
    ),
)


@portal_page
@conditional(_last_changed("sending_organizations"))
def sending_organizations(request: HttpRequest, country: str) -> HttpResponse:
    fmt = request.GET.get("format", "")
    stamp = stamp_of(request)
    if fmt in FORMATS:
        return download_cache.serve(
            request, register="sending_organizations", portal=country, fmt=fmt, stamp=stamp
        )
    updated_at = (
        stamp[0] if stamp else register_last_changed("sending_organizations", portal=country)
    )
    items = _search_organizations(
        published_sending_organizations(portal=country), request.GET.get("q", "")[:200]
    )
    context = _context(
        request,
        country,
        items=items,
        q=request.GET.get("q", ""),
        updated_at=updated_at,
        licence=LICENCE,
        formats=FORMATS,
    )
    return render(request, "publication/sending_organizations.html", context)


@portal_page
@conditional(_last_changed("sending_organizations"))
def sending_organization(request: HttpRequest, country: str, pk: UUID) -> HttpResponse:
    item = published_sending_organizations(portal=country).filter(pk=pk).first()
    if item is None:
        raise Http404
    history = sending_organization_history(item, portal=country)
    context = _context(request, country, item=item, history=history)
    return render(request, "publication/sending_organization.html", context)


def _order_row(country: str, o: Any) -> dict[str, Any]:
    url = reverse("publication:improvement_order", kwargs={"country": country, "pk": o.pk})
    return {
        "order_date": o.order_date.isoformat(),
        "organization_name": o.organization_name,
        "organization_name_en": o.organization_name_en,
        "address": o.address,
        "representative": o.representative,
        "legal_basis": o.legal_basis,
        "measures": o.measures,
        "improvement_deadline": (
            o.improvement_deadline.isoformat() if o.improvement_deadline else ""
        ),
        "outcome": o.outcome,
        "notified_at": o.notified_at.isoformat() if o.notified_at else "",
        "published_at": o.published_at.isoformat() if o.published_at else "",
        "url": settings.PUBLIC_URL + url,
    }


def _order_columns() -> list[tuple[str, str]]:
    return [
        ("order_date", _("Date of the order")),
        ("organization_name", _("Accepting organization")),
        ("organization_name_en", _("Accepting organization (English)")),
        ("address", _("Address")),
        ("representative", _("Representative")),
        ("legal_basis", _("Legal basis")),
        ("measures", _("Measures ordered")),
        ("improvement_deadline", _("Deadline for improvement")),
        ("outcome", _("Outcome")),
        ("notified_at", _("Notified by Japan")),
        ("published_at", _("Published")),
        ("url", _("Permanent page")),
    ]


def _search_orders(items: QuerySet[ImprovementOrder], query: str) -> list[ImprovementOrder]:
    found = list(items)
    if not query.strip():
        return found
    return [o for o in found if _matches(query, (o.organization_name, o.organization_name_en), ())]


def build_orders_download(country: str, fmt: str, stamp: Stamp) -> HttpResponse:
    """The whole published register of improvement orders as a file."""
    return render_download(
        (_order_row(country, o) for o in published_improvement_orders(portal=country)),
        _order_columns(),
        fmt,
        title=_("Improvement orders to accepting organizations"),
        licence=LICENCE,
        updated_at=stamp[0],
    )


download_cache.register(
    "improvement_orders",
    download_cache.Download(
        state=lambda portal: register_state("improvement_orders", portal=portal),
        rows=lambda portal: published_improvement_orders(portal=portal).count(),
        build=build_orders_download,
    ),
)


@portal_page
@conditional(_last_changed("improvement_orders"))
def improvement_orders(request: HttpRequest, country: str) -> HttpResponse:
    fmt = request.GET.get("format", "")
    stamp = stamp_of(request)
    if fmt in FORMATS:
        return download_cache.serve(
            request, register="improvement_orders", portal=country, fmt=fmt, stamp=stamp
        )
    updated_at = stamp[0] if stamp else register_last_changed("improvement_orders", portal=country)
    items = _search_orders(
        published_improvement_orders(portal=country), request.GET.get("q", "")[:200]
    )
    context = _context(
        request,
        country,
        items=items,
        q=request.GET.get("q", ""),
        updated_at=updated_at,
        licence=LICENCE,
        formats=FORMATS,
    )
    return render(request, "publication/improvement_orders.html", context)


@portal_page
@conditional(_last_changed("improvement_orders"))
def improvement_order(request: HttpRequest, country: str, pk: UUID) -> HttpResponse:
    item = published_improvement_orders(portal=country).filter(pk=pk).first()
    if item is None:
        raise Http404
    context = _context(request, country, item=item)
    return render(request, "publication/improvement_order.html", context)
