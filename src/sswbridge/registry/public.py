"""What the portals show of the registers (6.1, 6.2, 7.2, 7.5): only what each portal has
published, with no sign-in. The public pages, downloads, search and the public API read
through these functions and nothing else.

A portal is named by its side's code in lower case: "jp" for Japan, "kg" for the Kyrgyz
Republic. A sending organization shows the status of the latest step of its history that
this portal has published: a revocation stays visible with its date and reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from sswbridge.registry.models import (
    ImprovementOrder,
    Publication,
    PublicationStatus,
    Register,
    SendingOrganization,
    SendingOrganizationStatus,
    StatusChange,
)

REGISTERS = (Register.SENDING_ORGANIZATIONS, Register.IMPROVEMENT_ORDERS)
# Only these steps carry their reason to the public (an approval's reasons stay internal).
PUBLIC_REASONS = (
    SendingOrganizationStatus.SUSPENDED,
    SendingOrganizationStatus.REVOKED,
    SendingOrganizationStatus.EXPIRED,
)


def _published(portal: str, register: str) -> QuerySet[Publication]:
    return Publication.objects.filter(
        portal=portal, register=register, status=PublicationStatus.PUBLISHED
    )


def _published_changes(portal: str | None) -> QuerySet[StatusChange]:
    published = Publication.objects.filter(status=PublicationStatus.PUBLISHED)
    if portal is not None:
        published = published.filter(portal=portal)
    return StatusChange.objects.filter(pk__in=published.values("status_change_id"))


def published_sending_organizations(*, portal: str) -> QuerySet[SendingOrganization]:
    """Organizations this portal has published, revoked ones included, each annotated with
    `published_status`, `published_status_date`, `published_reason` and `published_at`."""
    latest = _published_changes(portal).filter(organization=OuterRef("pk")).order_by("-at", "-id")
    first = (
        _published(portal, Register.SENDING_ORGANIZATIONS)
        .filter(sending_organization=OuterRef("pk"))
        .order_by("published_at")
    )
    found: QuerySet[SendingOrganization] = (
        SendingOrganization.objects.filter(
            pk__in=_published(portal, Register.SENDING_ORGANIZATIONS).values(
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
        .prefetch_related("ssw_fields")
        .order_by("name_en", "pk")
    )
    return found


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


def published_improvement_orders(*, portal: str) -> QuerySet[ImprovementOrder]:
    """Orders this portal has published, annotated with `published_at` and, for a notice
    received from the other side, `notified_at` (when it was delivered)."""
    published = _published(portal, Register.IMPROVEMENT_ORDERS)
    mine = published.filter(improvement_order=OuterRef("pk")).order_by("published_at")
    found_orders: QuerySet[ImprovementOrder] = (
        ImprovementOrder.objects.filter(pk__in=published.values("improvement_order_id"))
        .annotate(
            published_at=Subquery(mine.values("published_at")[:1]),
            notified_at=Subquery(mine.values("communication__delivered_at")[:1]),
        )
        .select_related("framework")
        .order_by("-order_date", "-created_at")
    )
    return found_orders


def _state(register: str, portal: str) -> tuple[dt.datetime | None, str]:
    """(when the register last changed, its version): see `register_version`."""
    if register not in REGISTERS:
        raise ValueError(f"unknown register {register!r}")
    published = _published(portal, register)
    shown = published.aggregate(n=Count("pk"), last=Max("pk"), at=Max("published_at"))
    if register == Register.SENDING_ORGANIZATIONS:
        items: QuerySet[Any] = SendingOrganization.objects.filter(
            pk__in=published.values("sending_organization_id")
        )
    else:
        items = ImprovementOrder.objects.filter(pk__in=published.values("improvement_order_id"))
    records = items.aggregate(n=Count("pk"), at=Max("updated_at"))
    present = [t for t in (shown["at"], records["at"]) if t is not None]
    version = "|".join(
        str(v) for v in (shown["n"], shown["last"], shown["at"], records["n"], records["at"])
    )
    return (max(present) if present else None), version


def register_last_changed(register: str, *, portal: str) -> dt.datetime | None:
    """When what the portal shows of the register last changed (for Last-Modified)."""
    return _state(register, portal)[0]


def register_version(register: str, *, portal: str) -> str:
    """A marker that changes whenever what the portal shows of the register changes: a new
    publication (an approval, a revocation, an order) and any change of a published record
    (an edit, an erasure by retention) all change it. Besides the latest times it counts
    the publications and records, so a change committed with an earlier time than the
    latest one still gives a new marker. Public downloads are stored under it."""
    return _state(register, portal)[1]


def register_state(register: str, *, portal: str) -> tuple[dt.datetime | None, str]:
    """(`register_last_changed`, `register_version`) in one pass."""
    return _state(register, portal)
