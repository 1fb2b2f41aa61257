"""What the portals publish of the register of registered support organizations: the reads,
the public pages (the list, searchable, paginated, downloadable as CSV, XLSX or JSON, and
each organization's permanent page), its search and its public API routes. `register()`
(from the app's ready()) gives them to publication as the section "support_organizations"
(`publication.sections`).

A partner's portal publishes the list Japan shared with that partner; Japan's portal
publishes Japan's list as last imported (for whichever framework). Only organizations of a
published import are public, and only while they are on the list.

A download is the whole published list (a search narrows the page, not the file), built once
per import and then served from its stored file (`download_cache`); its permanent links
start with PUBLIC_URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Max, QuerySet
from django.db.models.signals import post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query as QueryParams
from ninja import Router
from ninja.errors import HttpError

from sswbridge.publication import download_cache, sections, warmup
from sswbridge.publication.api.pages import NOT_FOUND, PublicPageIn, portal_or_404, window
from sswbridge.publication.caching import Stamp, stamp_of
from sswbridge.publication.downloads import FORMATS, Columns, render_download
from sswbridge.publication.schemas import (
    PublicSupportOrganizationPageOut,
    SupportOrganizationPublicOut,
)
from sswbridge.publication.search import MAX_RESULTS, Entry, Query, Status
from sswbridge.support.columns import COLUMNS
from sswbridge.support.models import SupportImport, SupportOrganization, published_frameworks
from sswbridge.support.values import CellError, registration_number

KEY = "support_organizations"
PAGE_SIZE = 100
LICENCE = gettext_lazy(
    "Public information of the Immigration Services Agency of Japan, shared under the "
    "Memorandum of Cooperation; free to reuse with attribution (Creative Commons "
    "Attribution 4.0)."
)


def portal_frameworks(portal: str) -> list[int]:
    """The frameworks whose shared list a portal publishes."""
    return sorted({row["framework_id"] for row in published_frameworks(portal)})


def published_support_organizations(*, portal: str) -> QuerySet[SupportOrganization]:
    """Organizations on the published list (those that left it are not included)."""
    return all_published(portal=portal).filter(listed=True)


def all_published(*, portal: str) -> QuerySet[SupportOrganization]:
    """Also the organizations that left the list, so that a permanent page can say so."""
    return SupportOrganization.objects.published_for(portal).order_by("registration_number")


def support_last_changed(*, portal: str) -> dt.datetime | None:
    found: dt.datetime | None = SupportImport.objects.filter(
        framework__in=published_frameworks(portal), published_at__isnull=False
    ).aggregate(latest=Max("published_at"))["latest"]
    return found


def support_state(*, portal: str) -> tuple[dt.datetime | None, str]:
    """(`support_last_changed`, a version): the list changes only by a published import
    (which adds, changes or delists organizations), so the frameworks the portal shows, the
    number of their published imports and the latest one's time mark its state. Public
    downloads are stored under this version."""
    frameworks = portal_frameworks(portal)
    found = SupportImport.objects.filter(
        framework__in=frameworks, published_at__isnull=False
    ).aggregate(n=Count("pk"), latest=Max("published_at"))
    latest: dt.datetime | None = found["latest"]
    version = "|".join(str(v) for v in (sorted(frameworks), found["n"], latest))
    return latest, version


def support_number(text: str) -> str:
    """`text` as a support organization's registration number ("" when it is not one)."""
    try:
        return registration_number(text)
    except CellError:
        return ""


# --- pages and downloads -------------------------------------------------------------------


def _filtered(country: str, q: str) -> QuerySet[SupportOrganization]:
    items = published_support_organizations(portal=country)
    query = Query.parse(q)
    number = support_number(query.text)
    if number:
        return items.filter(registration_number=number)
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
        _rows(base, published_support_organizations(portal=country)),
        columns(),
        fmt,
        title=_("Registered support organizations"),
        licence=LICENCE,
        updated_at=stamp[0],
    )


def list_page(request: HttpRequest, country: str) -> HttpResponse:
    """The portal's list (publication's view gives it the portal and conditional answers)."""
    q = request.GET.get("q", "")[:200]
    fmt = request.GET.get("format", "")
    stamp = stamp_of(request)
    if fmt in FORMATS:
        return download_cache.serve(request, register=KEY, portal=country, fmt=fmt, stamp=stamp)
    updated_at = stamp[0] if stamp else support_last_changed(portal=country)
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
    items = all_published(portal=country)
    try:
        found = items.filter(pk=UUID(number)).first()
    except ValueError:
        found = items.filter(registration_number=number).first()
    if found is None:
        raise Http404
    return found


def item_page(request: HttpRequest, country: str, number: str) -> HttpResponse:
    """The permanent page of one organization (by registration number, or its id); an
    organization that left the list keeps its page, which says so."""
    org = _find(country, number)
    fields = [(c.label, getattr(org, c.key)) for c in COLUMNS]
    context = {
        "portal": request.portal,  # type: ignore[attr-defined]
        "country": country,
        "org": org,
        "fields": fields,
        "updated_at": support_last_changed(portal=country),
    }
    return render(request, "publication/support_organization.html", context)


# --- search --------------------------------------------------------------------------------


def support_entry(portal: str, org: SupportOrganization, *, exact: bool = False) -> Entry:
    url = reverse(
        "publication:support_organization",
        kwargs={"country": portal, "number": org.registration_number},
    )
    listed = org.listed
    return Entry(
        register=KEY,
        name=org.name,
        number=org.registration_number,
        url=url,
        status=Status.REGISTERED if listed else Status.DELISTED,
        status_date=org.registration_date if listed else _date(org.delisted_at),
        exact=exact,
    )


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def search(portal: str, query: Query, *, with_delisted: bool = False) -> list[Entry]:
    items = (
        all_published(portal=portal)
        if with_delisted
        else published_support_organizations(portal=portal)
    )
    number = query.number_of(KEY)
    if number:
        exact = list(items.filter(registration_number=number)[:1])
        if exact:
            return [support_entry(portal, exact[0], exact=True)]
    if len(query.key) < 2:
        return []
    found = items.filter(name_key__contains=query.key).order_by("registration_number")
    return [
        support_entry(portal, org, exact=org.name_key == query.key) for org in found[:MAX_RESULTS]
    ]


def verify_candidates(portal: str, query: Query) -> list[Entry]:
    """The verify box also answers for an organization that left the list."""
    return search(portal, query, with_delisted=True)


# --- public API ----------------------------------------------------------------------------

api = Router(auth=None)  # tagged "public" by the router it is mounted on


@api.get(
    "/{country}/support-organizations",
    response={200: PublicSupportOrganizationPageOut, **NOT_FOUND},
    operation_id="public_list_support_organizations",
)
def support_organizations(
    request: HttpRequest, country: str, page: QueryParams[PublicPageIn]
) -> dict[str, Any]:
    portal_or_404(country)
    items = _filtered(country, page.q[:200])
    start, end = window(page)
    return {
        "count": items.count(),
        "updated_at": support_last_changed(portal=country),
        "licence": str(LICENCE),
        "items": list(items[start:end]),
    }


@api.get(
    "/{country}/support-organizations/{number}",
    response={200: SupportOrganizationPublicOut, **NOT_FOUND},
    operation_id="public_get_support_organization",
)
def support_organization(request: HttpRequest, country: str, number: str) -> Any:
    portal_or_404(country)
    found = all_published(portal=country).filter(registration_number=number).first()
    if found is None:
        raise HttpError(404, _("No such registered support organization."))
    return found


# --- registration --------------------------------------------------------------------------


def _import_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.published_at is not None:
        warmup.changed(register=KEY)


def register() -> None:
    """Called once from the app's ready(): the section, its download and its warm-up."""
    sections.register_section(
        sections.Section(
            key=KEY,
            label=gettext_lazy("Registered support organizations"),
            order=30,
            state=lambda portal: support_state(portal=portal),
            last_changed=lambda portal: support_last_changed(portal=portal),
            records=lambda portal: published_support_organizations(portal=portal).count(),
            list_page=list_page,
            item_page=item_page,
            search=search,
            exact=verify_candidates,
            number=support_number,
            api=api,
        )
    )
    download_cache.register(
        KEY,
        download_cache.Download(
            state=lambda portal: support_state(portal=portal),
            rows=lambda portal: published_support_organizations(portal=portal).count(),
            build=build_download,
        ),
    )
    post_save.connect(_import_changed, sender=SupportImport, dispatch_uid="warm-support")
