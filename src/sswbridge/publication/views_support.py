"""Public pages of the registered support organizations on a portal: the list (searchable,
paginated, downloadable as CSV, XLSX or JSON) and each organization's permanent page.

A download is the whole published list (a search narrows the page, not the file), built once
per import and then served from its stored file (`download_cache`); its permanent links
start with PUBLIC_URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sswbridge.publication import download_cache
from sswbridge.publication.caching import Stamp, conditional, stamp_of
from sswbridge.publication.downloads import FORMATS, Columns, render_download
from sswbridge.publication.portals import portal_page
from sswbridge.publication.search import Query
from sswbridge.support import public
from sswbridge.support.columns import COLUMNS
from sswbridge.support.models import SupportOrganization

PAGE_SIZE = 100
LICENCE = gettext_lazy(
    "Public information of the Immigration Services Agency of Japan, shared under the "
    "Memorandum of Cooperation; free to reuse with attribution (Creative Commons "
    "Attribution 4.0)."
)


def last_changed(request: HttpRequest, country: str, **kwargs: Any) -> Stamp:
    return public.support_state(portal=country)


def _filtered(country: str, q: str) -> QuerySet[SupportOrganization]:
    items = public.published_support_organizations(portal=country)
    query = Query.parse(q)
    if query.support_number:
        return items.filter(registration_number=query.support_number)
    if query.key:
        return items.filter(name_key__contains=query.key)
    return items


def columns() -> Columns:
    return [*((c.key, c.label) for c in COLUMNS), ("url", _("Permanent page"))]


def _rows(base: str, items: QuerySet[SupportOrganization]) -> Iterator[dict[str, Any]]:
    for org in items.iterator(chunk_size=2000):
        row: dict[str, Any] = {c.key: getattr(org, c.key) for c in COLUMNS}
        row["url"] = f"{base}{org.registration_number}/"
        yield row


def build_download(country: str, fmt: str, stamp: Stamp) -> HttpResponse:
    """The whole published list as a file, built from the database."""
    base = settings.PUBLIC_URL + reverse(
        "publication:support_organizations", kwargs={"country": country}
    )
    return render_download(
        _rows(base, public.published_support_organizations(portal=country)),
        columns(),
        fmt,
        title=_("Registered support organizations"),
        licence=LICENCE,
        updated_at=stamp[0],
    )


download_cache.register(
    "support_organizations",
    download_cache.Download(
        state=lambda portal: public.support_state(portal=portal),
        rows=lambda portal: public.published_support_organizations(portal=portal).count(),
        build=build_download,
    ),
)


@portal_page
@conditional(last_changed)
def support_organizations(request: HttpRequest, country: str) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    fmt = request.GET.get("format", "")
    stamp = stamp_of(request)
    if fmt in FORMATS:
        return download_cache.serve(
            request, register="support_organizations", portal=country, fmt=fmt, stamp=stamp
        )
    updated_at = stamp[0] if stamp else public.support_last_changed(portal=country)
    items = _filtered(country, q)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "portal": request.portal,  # type: ignore[attr-defined]
        "country": country,
        "page": page,
        "items": page.object_list,
        "q": q,
        "updated_at": updated_at,
        "licence": LICENCE,
        "formats": FORMATS,
    }
    return render(request, "publication/support_organizations.html", context)


def _find(country: str, number: str) -> SupportOrganization:
    items = public.all_published(portal=country)
    try:
        found = items.filter(pk=UUID(number)).first()
    except ValueError:
        found = items.filter(registration_number=number).first()
    if found is None:
        raise Http404
    return found


@portal_page
@conditional(last_changed)
def support_organization(request: HttpRequest, country: str, number: str) -> HttpResponse:
    """The permanent page of one organization (by registration number, or its id); an
    organization that left the list keeps its page, which says so."""
    org = _find(country, number)
    fields = [(c.label, getattr(org, c.key)) for c in COLUMNS]
    context = {
        "portal": request.portal,  # type: ignore[attr-defined]
        "country": country,
        "org": org,
        "fields": fields,
        "updated_at": public.support_last_changed(portal=country),
    }
    return render(request, "publication/support_organization.html", context)
