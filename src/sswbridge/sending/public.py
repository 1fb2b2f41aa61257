"""What the portals show of the register of sending organizations (6.1, 6.2, 7.2): only what
each portal has published, with no sign-in. Its public pages, downloads, search and public
API routes read through the functions here, and `register()` (from the app's ready()) gives
them to publication as the section "sending_organizations" (`publication.sections`).

A sending organization shows the status of the latest step of its history that this portal
has published: a revocation stays visible with its date and reason.
"""

from __future__ import annotations

import datetime as dt
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

from sswbridge.publication import download_cache, sections, warmup
from sswbridge.publication.api.pages import NOT_FOUND, PublicPageIn, portal_or_404, window
from sswbridge.publication.caching import Stamp, stamp_of
from sswbridge.publication.downloads import FORMATS, LICENCE, render_download
from sswbridge.publication.models import Publication, Register
from sswbridge.publication.names import matches
from sswbridge.publication.portals import page_context
from sswbridge.publication.public import published, register_last_changed, register_state
from sswbridge.publication.schemas import (
    PublicSendingOrganizationPageOut,
    SendingOrganizationPublicDetailOut,
)
from sswbridge.publication.search import (
    MAX_RESULTS,
    Entry,
    Query,
    Status,
    name_match,
    number_match,
)
from sswbridge.sending.models import (
    SendingOrganization,
    SendingOrganizationName,
    SendingOrganizationStatus,
    StatusChange,
)

KEY = str(Register.SENDING_ORGANIZATIONS)
# Only these steps carry their reason to the public (an approval's reasons stay internal).
PUBLIC_REASONS = (
    SendingOrganizationStatus.SUSPENDED,
    SendingOrganizationStatus.REVOKED,
    SendingOrganizationStatus.EXPIRED,
)


# --- reads ---------------------------------------------------------------------------------


def _published_changes(portal: str | None) -> QuerySet[StatusChange]:
    publications = Publication.objects.published_for(portal)
    return StatusChange.objects.filter(pk__in=publications.values("status_change_id"))


def published_sending_organizations(*, portal: str) -> QuerySet[SendingOrganization]:
    """Organizations this portal has published, revoked ones included, each annotated with
    `published_status`, `published_status_date`, `published_reason` and `published_at`."""
    latest = _published_changes(portal).filter(organization=OuterRef("pk")).order_by("-at", "-id")
    first = (
        published(portal, Register.SENDING_ORGANIZATIONS)
        .filter(sending_organization=OuterRef("pk"))
        .order_by("published_at")
    )
    found: QuerySet[SendingOrganization] = (
        SendingOrganization.objects.filter(
            pk__in=published(portal, Register.SENDING_ORGANIZATIONS).values(
                "sending_organization_id"
            )
        )
        .annotate(
            published_status=Subquery(latest.values("to_status")[:1]),
            published_status_date=Subquery(latest.values("effective_date")[:1]),
            published_reason=Subquery(latest.values("reason")[:1]),
            published_at=Subquery(first.values("published_at")[:1]),
        )
        .select_related("framework", "framework__partner_side")
        .prefetch_related("ssw_fields", "names")
        .order_by("name_en", "pk")
    )
    return found


def published_sending_organization_names(*, portal: str) -> list[dict[str, Any]]:
    """What search matches of the organizations this portal has published (their names in
    every language and their numbers, as dicts), in the order of
    `published_sending_organizations`: a lean read, with their status left to
    `published_statuses` for the few that match."""
    ids = published(portal, Register.SENDING_ORGANIZATIONS).values("sending_organization_id")
    found = list(
        SendingOrganization.objects.filter(pk__in=ids)
        .order_by("name_en", "pk")
        .values("pk", "name_en", "registration_number", "tax_number")
    )
    names: dict[Any, list[str]] = {}
    for organization, value in SendingOrganizationName.objects.filter(
        organization__in=ids
    ).values_list("organization_id", "value"):
        names.setdefault(organization, []).append(value)
    for org in found:
        org["other_names"] = [n for n in names.get(org["pk"], []) if n != org["name_en"]]
    return found


def published_statuses(
    *, portal: str, organizations: list[Any]
) -> dict[Any, tuple[str, dt.date | None, str]]:
    """{organization's pk: (status, date, reason)} of the latest step this portal published
    for each of `organizations` (those with none are left out): what
    `published_sending_organizations` annotates, read for these organizations only."""
    if not organizations:
        return {}
    changes = (
        _published_changes(portal)
        .filter(organization__in=organizations)
        .order_by("organization", "-at", "-id")
        .values_list("organization_id", "to_status", "effective_date", "reason")
    )
    latest: dict[Any, tuple[str, dt.date | None, str]] = {}
    for organization, status, date, reason in changes:
        latest.setdefault(organization, (status, date, reason))
    return latest


def sending_organization_history(
    org: SendingOrganization, *, portal: str | None = None
) -> list[dict[str, Any]]:
    """[{"date", "status", "status_label", "reason"}], oldest first: the published steps (on
    `portal`, or on any portal when None)."""
    rows = []
    for change in _published_changes(portal).filter(organization=org).order_by("at", "id"):
        status = SendingOrganizationStatus(change.to_status)
        rows.append(
            {
                "date": change.effective_date,
                "status": status.value,
                "status_label": str(status.label),
                "reason": change.reason if status in PUBLIC_REASONS else "",
            }
        )
    return rows


# --- pages and downloads -------------------------------------------------------------------


def _search_organizations(
    items: QuerySet[SendingOrganization], query: str
) -> list[SendingOrganization]:
    found = list(items)
    if not query.strip():
        return found
    return [
        o for o in found if matches(query, o.all_names(), (o.registration_number, o.tax_number))
    ]


def _organization_row(country: str, o: Any) -> dict[str, Any]:
    url = reverse("publication:sending_organization", kwargs={"country": country, "pk": o.pk})
    return {
        "name_en": o.name_en,
        "names": "; ".join(f"{n.language}: {n.value}" for n in o.names.all()),
        "name_ky": o.name_ky,
        "name_ru": o.name_ru,
        "legal_form": o.legal_form_label(),
        "registration_number": o.registration_number,
        "address": o.address,
        "phone": o.phone,
        "email": o.email,
        "website": o.website,
        "ssw_fields": "; ".join(f.name for f in o.ssw_fields.all()),
        "status": o.published_status,
        "status_label": str(SendingOrganizationStatus(o.published_status).label),
        "status_date": o.published_status_date.isoformat() if o.published_status_date else "",
        "reason": o.published_reason if o.published_status != "approved" else "",
        "published_at": o.published_at.isoformat() if o.published_at else "",
        "url": settings.PUBLIC_URL + url,
    }


def _organization_columns() -> list[tuple[str, str]]:
    return [
        ("name_en", _("Name (English)")),
        ("names", _("Names in other languages")),
        ("name_ky", _("Name (Kyrgyz), deprecated")),
        ("name_ru", _("Name (Russian), deprecated")),
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


def list_page(request: HttpRequest, country: str) -> HttpResponse:
    """The portal's list (publication's view gives it the portal and conditional answers)."""
    fmt = request.GET.get("format", "")
    stamp = stamp_of(request)
    if fmt in FORMATS:
        return download_cache.serve(request, register=KEY, portal=country, fmt=fmt, stamp=stamp)
    updated_at = stamp[0] if stamp else register_last_changed(KEY, portal=country)
    items = _search_organizations(
        published_sending_organizations(portal=country), request.GET.get("q", "")[:200]
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
    return render(request, "publication/sending_organizations.html", context)


def item_page(request: HttpRequest, country: str, pk: UUID) -> HttpResponse:
    item = published_sending_organizations(portal=country).filter(pk=pk).first()
    if item is None:
        raise Http404
    history = sending_organization_history(item, portal=country)
    context = page_context(request, country, item=item, history=history)
    return render(request, "publication/sending_organization.html", context)


# --- search --------------------------------------------------------------------------------


def search(portal: str, query: Query) -> list[Entry]:
    # The match reads names and numbers only (no framework, SSW fields or status), then the
    # published status of the few that match.
    matched = []
    for org in published_sending_organization_names(portal=portal):
        names = (org["name_en"], *org["other_names"])
        by_name, name_exact = name_match(query, names)
        numbers = (org["registration_number"], org["tax_number"])
        by_number, number_exact = number_match(query, numbers)
        if by_name or by_number:
            matched.append((org, name_exact or number_exact))
    matched = matched[:MAX_RESULTS]
    statuses = published_statuses(
        portal=portal, organizations=[org["pk"] for org, _exact in matched]
    )
    found = []
    for org, exact in matched:
        url = reverse(
            "publication:sending_organization", kwargs={"country": portal, "pk": org["pk"]}
        )
        status, status_date, reason = statuses.get(org["pk"], (None, None, ""))
        status = status or Status.APPROVED
        found.append(
            Entry(
                register=KEY,
                name=org["name_en"],
                other_names=list(org["other_names"]),
                number=org["registration_number"],
                url=url,
                status=status,
                status_date=status_date,
                reason=reason if status != Status.APPROVED else "",
                exact=exact,
                pk=str(org["pk"]),
            )
        )
    return found


# --- public API ----------------------------------------------------------------------------

api = Router(auth=None)  # tagged "public" by the router it is mounted on


def _organization(org: Any) -> dict[str, Any]:
    status = org.published_status or "approved"
    return {
        "id": org.pk,
        "name_en": org.name_en,
        "names": [
            {"value": n.value, "script": n.script, "language": n.language} for n in org.names.all()
        ],
        "name_ky": org.name_ky,
        "name_ru": org.name_ru,
        "registration_number": org.registration_number,
        "address": org.address,
        "status": status,
        "status_date": org.published_status_date,
        "reason": (org.published_reason or "") if status != "approved" else "",
        "published_at": org.published_at,
    }


@api.get(
    "/{country}/sending-organizations",
    response={200: PublicSendingOrganizationPageOut, **NOT_FOUND},
    operation_id="public_list_sending_organizations",
)
def sending_organizations(
    request: HttpRequest, country: str, page: QueryParams[PublicPageIn]
) -> dict[str, Any]:
    portal_or_404(country)
    query = Query.parse(page.q)
    if query.empty:
        items = list(published_sending_organizations(portal=country))
    else:
        wanted = {e.pk for e in search(country, query)}
        items = [o for o in published_sending_organizations(portal=country) if str(o.pk) in wanted]
    start, end = window(page)
    return {
        "count": len(items),
        "updated_at": register_last_changed(KEY, portal=country),
        "licence": str(LICENCE),
        "items": [_organization(o) for o in items[start:end]],
    }


@api.get(
    "/{country}/sending-organizations/{organization_id}",
    response={200: SendingOrganizationPublicDetailOut, **NOT_FOUND},
    operation_id="public_get_sending_organization",
)
def sending_organization(request: HttpRequest, country: str, organization_id: UUID) -> Any:
    portal_or_404(country)
    org = published_sending_organizations(portal=country).filter(pk=organization_id).first()
    if org is None:
        raise HttpError(404, _("No such sending organization."))
    history = sending_organization_history(org, portal=country)
    return {**_organization(org), "history": history}


# --- registration --------------------------------------------------------------------------


def _organization_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    warmup.record_changed(KEY, instance.pk)


def register() -> None:
    """Called once from the app's ready(): the section, its download and its warm-up."""
    sections.register_section(
        sections.Section(
            key=KEY,
            label=gettext_lazy("Approved sending organizations"),
            order=10,
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
            rows=lambda portal: published_sending_organizations(portal=portal).count(),
            build=build_organizations_download,
        ),
    )
    for signal in (post_save, post_delete):
        signal.connect(_organization_changed, sender=SendingOrganization, dispatch_uid="warm-org")
