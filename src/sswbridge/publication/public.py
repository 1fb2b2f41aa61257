"""What the portals show of the registers (6.1, 6.2, 7.2, 7.5): only what each portal has
published, with no sign-in. The public pages, downloads, search and the public API read
through these functions and nothing else.

A portal is named by its side's code in lower case: "jp" for Japan, "kg" for the Kyrgyz
Republic. A sending organization shows the status of the latest step of its history that
this portal has published: a revocation stays visible with its date and reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication.models import Publication, Register
from sswbridge.sending.models import SendingOrganization, SendingOrganizationStatus, StatusChange

REGISTERS = (Register.SENDING_ORGANIZATIONS, Register.IMPROVEMENT_ORDERS)
# Only these steps carry their reason to the public (an approval's reasons stay internal).
PUBLIC_REASONS = (
    SendingOrganizationStatus.SUSPENDED,
    SendingOrganizationStatus.REVOKED,
    SendingOrganizationStatus.EXPIRED,
)


def _published(portal: str, register: str) -> QuerySet[Publication]:
    return Publication.objects.published_for(portal).filter(register=register)


def _published_changes(portal: str | None) -> QuerySet[StatusChange]:
    published = Publication.objects.published_for(portal)
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


def published_sending_organization_names(*, portal: str) -> QuerySet[Any]:
    """What search matches of the organizations this portal has published (their names and
    numbers, as dicts), in the order of `published_sending_organizations`: a lean read, with
    their status left to `published_statuses` for the few that match."""
    found: QuerySet[Any] = (
        SendingOrganization.objects.filter(
            pk__in=_published(portal, Register.SENDING_ORGANIZATIONS).values(
                "sending_organization_id"
            )
        )
        .order_by("name_en", "pk")
        .values("pk", "name_ky", "name_ru", "name_en", "registration_number", "tax_number")
    )
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


def published_improvement_order_names(*, portal: str) -> QuerySet[Any]:
    """What search matches and shows of the orders this portal has published (as dicts), in
    the order of `published_improvement_orders`, without its annotations and join."""
    found: QuerySet[Any] = (
        ImprovementOrder.objects.filter(
            pk__in=_published(portal, Register.IMPROVEMENT_ORDERS).values("improvement_order_id")
        )
        .order_by("-order_date", "-created_at")
        .values("pk", "organization_name", "organization_name_en", "order_date", "measures")
    )
    return found


class RegisterState(NamedTuple):
    last_changed: dt.datetime | None
    version: str
    records: int  # how many records the portal shows


def registers_state(*, portal: str) -> dict[str, RegisterState]:
    """Each register's (last change, version) on the portal (see `register_version`), all
    read in one query: the portal's publications grouped by register, with the count and
    latest change of the records they publish (a publication names one record). The count
    is that of `published_sending_organizations` or `published_improvement_orders`."""
    rows = (
        Publication.objects.published_for(portal)
        .filter(register__in=REGISTERS)
        .order_by()
        .values("register")
        .annotate(
            n=Count("pk"),
            last=Max("pk"),
            at=Max("published_at"),
            organizations=Count("sending_organization", distinct=True),
            organizations_at=Max("sending_organization__updated_at"),
            orders=Count("improvement_order", distinct=True),
            orders_at=Max("improvement_order__updated_at"),
        )
    )
    found = {row["register"]: row for row in rows}
    states = {}
    for register in REGISTERS:
        row = found.get(register, {})
        records = "organizations" if register == Register.SENDING_ORGANIZATIONS else "orders"
        shown = (row.get("n", 0), row.get("last"), row.get("at"))
        changed = (row.get(records, 0), row.get(f"{records}_at"))
        present = [t for t in (shown[2], changed[1]) if t is not None]
        version = "|".join(str(v) for v in (*shown, *changed))
        states[str(register)] = RegisterState(
            (max(present) if present else None), version, changed[0]
        )
    return states


def _state(register: str, portal: str) -> tuple[dt.datetime | None, str]:
    """(when the register last changed, its version): see `register_version`."""
    if register not in REGISTERS:
        raise ValueError(f"unknown register {register!r}")
    state = registers_state(portal=portal)[register]
    return state.last_changed, state.version


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
