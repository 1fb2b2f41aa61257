"""What the portals show of the register of improvement orders (6.3, 7.5): only what each
portal has published, with no sign-in. Its public pages, downloads, search and public API
routes read through the functions here, and `register()` (from the app's ready()) gives
them to publication as the section "improvement_orders" (`publication.sections`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query as QueryParams
from ninja import Router
from ninja.errors import HttpError

from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication import download_cache, sections, warmup
from sswbridge.publication.api.pages import NOT_FOUND, PublicPageIn, portal_or_404, window
from sswbridge.publication.caching import Stamp, stamp_of
from sswbridge.publication.downloads import FORMATS, LICENCE, render_download
from sswbridge.publication.models import Register
from sswbridge.publication.names import matches
from sswbridge.publication.portals import page_context
from sswbridge.publication.public import published, register_last_changed, register_state
from sswbridge.publication.schemas import ImprovementOrderPageOut, ImprovementOrderPublicOut
from sswbridge.publication.search import MAX_RESULTS, Entry, Query, Status, name_match

KEY = str(Register.IMPROVEMENT_ORDERS)


# --- reads ---------------------------------------------------------------------------------


def published_improvement_orders(*, portal: str) -> QuerySet[ImprovementOrder]:
    """Orders this portal has published, annotated with `published_at` and, for a notice
    received from the other side, `notified_at` (when it was delivered)."""
    publications = published(portal, Register.IMPROVEMENT_ORDERS)
    mine = publications.filter(improvement_order=OuterRef("pk")).order_by("published_at")
    found_orders: QuerySet[ImprovementOrder] = (
        ImprovementOrder.objects.filter(pk__in=publications.values("improvement_order_id"))
        .annotate(
            published_at=Subquery(mine.values("published_at")[:1]),
            notified_at=Subquery(mine.values("communication__delivered_at")[:1]),
        )
        .select_related("framework")
        .order_by("-order_date", "-created_at")
    )
    return found_orders


def published_improvement_order_names(*, portal: str) -> QuerySet[Any]:
    """What search matches and shows of the orders this portal has published (as dicts), in
    the order of `published_improvement_orders`, without its annotations and join."""
    found: QuerySet[Any] = (
        ImprovementOrder.objects.filter(
            pk__in=published(portal, Register.IMPROVEMENT_ORDERS).values("improvement_order_id")
        )
        .order_by("-order_date", "-created_at")
        .values("pk", "organization_name", "organization_name_en", "order_date", "measures")
    )
    return found


# --- pages and downloads -------------------------------------------------------------------


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
    return [o for o in found if matches(query, (o.organization_name, o.organization_name_en), ())]


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


def list_page(request: HttpRequest, country: str) -> HttpResponse:
    """The portal's list (publication's view gives it the portal and conditional answers)."""
    fmt = request.GET.get("format", "")
    stamp = stamp_of(request)
    if fmt in FORMATS:
        return download_cache.serve(request, register=KEY, portal=country, fmt=fmt, stamp=stamp)
    updated_at = stamp[0] if stamp else register_last_changed(KEY, portal=country)
    items = _search_orders(
        published_improvement_orders(portal=country), request.GET.get("q", "")[:200]
    )
    context = page_context(
        request,
        country,
        items=items,
        q=request.GET.get("q", ""),
        updated_at=updated_at,
        licence=LICENCE,
        formats=FORMATS,
    )
    return render(request, "publication/improvement_orders.html", context)


def item_page(request: HttpRequest, country: str, pk: UUID) -> HttpResponse:
    item = published_improvement_orders(portal=country).filter(pk=pk).first()
    if item is None:
        raise Http404
    context = page_context(request, country, item=item)
    return render(request, "publication/improvement_order.html", context)


# --- search --------------------------------------------------------------------------------


def search(portal: str, query: Query) -> list[Entry]:
    if not query.key:
        return []
    found = []
    for order in published_improvement_order_names(portal=portal):
        names = (order["organization_name"], order["organization_name_en"])
        found_it, exact = name_match(query, names)
        if not found_it:
            continue
        url = reverse(
            "publication:improvement_order", kwargs={"country": portal, "pk": order["pk"]}
        )
        found.append(
            Entry(
                register=KEY,
                name=order["organization_name"],
                other_names=[order["organization_name_en"]]
                if order["organization_name_en"]
                else [],
                url=url,
                status=Status.IMPROVEMENT_ORDER,
                status_date=order["order_date"],
                reason=order["measures"],
                exact=exact,
                pk=str(order["pk"]),
            )
        )
        if len(found) == MAX_RESULTS:
            break
    return found


# --- public API ----------------------------------------------------------------------------

api = Router(auth=None)  # tagged "public" by the router it is mounted on


@api.get(
    "/{country}/improvement-orders",
    response={200: ImprovementOrderPageOut, **NOT_FOUND},
    operation_id="public_list_improvement_orders",
)
def improvement_orders(
    request: HttpRequest, country: str, page: QueryParams[PublicPageIn]
) -> dict[str, Any]:
    portal_or_404(country)
    items = list(published_improvement_orders(portal=country))
    query = Query.parse(page.q)
    if not query.empty:
        keep = {e.pk for e in search(country, query)}
        items = [o for o in items if str(o.pk) in keep]
    start, end = window(page)
    return {
        "count": len(items),
        "updated_at": register_last_changed(KEY, portal=country),
        "licence": str(LICENCE),
        "items": items[start:end],
    }


@api.get(
    "/{country}/improvement-orders/{order_id}",
    response={200: ImprovementOrderPublicOut, **NOT_FOUND},
    operation_id="public_get_improvement_order",
)
def improvement_order(request: HttpRequest, country: str, order_id: UUID) -> Any:
    portal_or_404(country)
    order = published_improvement_orders(portal=country).filter(pk=order_id).first()
    if order is None:
        raise HttpError(404, _("No such improvement order."))
    return order


# --- registration --------------------------------------------------------------------------


def _order_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    warmup.record_changed(KEY, instance.pk)


def register() -> None:
    """Called once from the app's ready(): the section, its download and its warm-up."""
    sections.register_section(
        sections.Section(
            key=KEY,
            label=gettext_lazy("Improvement orders"),
            order=20,
            state=lambda portal: register_state(KEY, portal=portal),
            list_page=list_page,
            item_page=item_page,
            search=search,
            api=api,
        )
    )
    download_cache.register(
        KEY,
        download_cache.Download(
            state=lambda portal: register_state(KEY, portal=portal),
            rows=lambda portal: published_improvement_orders(portal=portal).count(),
            build=build_orders_download,
        ),
    )
    for signal in (post_save, post_delete):
        signal.connect(_order_changed, sender=ImprovementOrder, dispatch_uid="warm-order")
