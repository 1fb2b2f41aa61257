"""Search across a portal's published registers, and the "verify an organization" answer.

Names are compared by their search keys (any script: Cyrillic and its Latin spellings, kana
and kanji as written, full- and half-width forms); numbers without spaces or dashes. Only
what the portal has published is searched: sending organizations and improvement orders
through `publication.public`, support organizations through `support.public`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from sswbridge.publication.names import number_key, search_key
from sswbridge.support import public as support_public
from sswbridge.support.models import SupportOrganization
from sswbridge.support.values import CellError, registration_number

MAX_RESULTS = 50
QUERY_MAX = 200


class Status:
    APPROVED = "approved"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    IMPROVEMENT_ORDER = "improvement_order"
    REGISTERED = "registered"
    DELISTED = "delisted"


# Whether each status answers "yes, in good standing" to the verify box.
GOOD = {Status.APPROVED: True, Status.REGISTERED: True}


@dataclass
class Entry:
    register: str
    name: str
    url: str
    status: str
    number: str = ""
    other_names: list[str] = field(default_factory=list)
    status_date: dt.date | None = None
    reason: str = ""
    exact: bool = False
    pk: str = ""

    @property
    def good(self) -> bool:
        return GOOD.get(self.status, False)

    @property
    def register_label(self) -> str:
        return {
            "sending_organizations": _("Approved sending organizations"),
            "improvement_orders": _("Improvement orders"),
            "support_organizations": _("Registered support organizations"),
        }[self.register]

    @property
    def verdict(self) -> str:
        """The verify box's answer for this organization, in the current language."""
        date = self.status_date.isoformat() if self.status_date else "—"
        texts = {
            Status.APPROVED: _("Yes: an approved sending organization (since %(date)s)."),
            Status.SUSPENDED: _("No: its approval is suspended (since %(date)s)."),
            Status.REVOKED: _("No: its approval was revoked on %(date)s."),
            Status.EXPIRED: _("No: its approval expired on %(date)s."),
            Status.IMPROVEMENT_ORDER: _(
                "Under an improvement order of %(date)s (accepting organization)."
            ),
            Status.REGISTERED: _("Yes: a registered support organization (registered %(date)s)."),
            Status.DELISTED: _(
                "No: no longer a registered support organization (left the list on %(date)s)."
            ),
        }  # fmt: skip
        return texts[self.status] % {"date": date}


@dataclass
class Query:
    text: str
    key: str
    number: str
    support_number: str

    @classmethod
    def parse(cls, text: str) -> Query:
        text = " ".join((text or "").replace("\x00", "").split())[:QUERY_MAX]
        try:
            support_number = registration_number(text)
        except CellError:
            support_number = ""
        return cls(text, search_key(text), number_key(text), support_number)

    @property
    def empty(self) -> bool:
        return not self.key and not self.number


def _name_match(query: Query, names: Iterable[str]) -> tuple[bool, bool]:
    """(matches, exactly)."""
    keys = [search_key(n) for n in names if n]
    exact = bool(query.key) and query.key in keys
    return exact or (len(query.key) >= 2 and any(query.key in k for k in keys)), exact


def _number_match(query: Query, numbers: Iterable[str]) -> tuple[bool, bool]:
    keys = [number_key(n) for n in numbers if n]
    exact = bool(query.number) and query.number in keys
    return exact or (len(query.number) >= 4 and any(query.number in k for k in keys)), exact


def registers_public() -> Any:
    try:
        from sswbridge.publication import public
    except ImportError:  # the registers of sending organizations are not installed
        return None
    return public


def sending_organizations(portal: str, query: Query) -> list[Entry]:
    public = registers_public()
    if public is None:
        return []
    # The match reads names and numbers only (no framework, SSW fields or status), then the
    # published status of the few that match.
    matched = []
    for org in public.published_sending_organization_names(portal=portal):
        names = (org["name_ky"], org["name_ru"], org["name_en"])
        by_name, name_exact = _name_match(query, names)
        numbers = (org["registration_number"], org["tax_number"])
        by_number, number_exact = _number_match(query, numbers)
        if by_name or by_number:
            matched.append((org, name_exact or number_exact))
    matched = matched[:MAX_RESULTS]
    statuses = public.published_statuses(
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
                register="sending_organizations",
                name=org["name_en"],
                other_names=[n for n in (org["name_ky"], org["name_ru"]) if n],
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


def improvement_orders(portal: str, query: Query) -> list[Entry]:
    public = registers_public()
    if public is None or not query.key:
        return []
    found = []
    for order in public.published_improvement_order_names(portal=portal):
        names = (order["organization_name"], order["organization_name_en"])
        matches, exact = _name_match(query, names)
        if not matches:
            continue
        url = reverse(
            "publication:improvement_order", kwargs={"country": portal, "pk": order["pk"]}
        )
        found.append(
            Entry(
                register="improvement_orders",
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


def support_entry(portal: str, org: SupportOrganization, *, exact: bool = False) -> Entry:
    url = reverse(
        "publication:support_organization",
        kwargs={"country": portal, "number": org.registration_number},
    )
    listed = org.listed
    return Entry(
        register="support_organizations",
        name=org.name,
        number=org.registration_number,
        url=url,
        status=Status.REGISTERED if listed else Status.DELISTED,
        status_date=org.registration_date if listed else _date(org.delisted_at),
        exact=exact,
    )


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def support_organizations(portal: str, query: Query, *, with_delisted: bool = False) -> list[Entry]:
    items = (
        support_public.all_published(portal=portal)
        if with_delisted
        else support_public.published_support_organizations(portal=portal)
    )
    if query.support_number:
        exact = list(items.filter(registration_number=query.support_number)[:1])
        if exact:
            return [support_entry(portal, exact[0], exact=True)]
    if len(query.key) < 2:
        return []
    found = items.filter(name_key__contains=query.key).order_by("registration_number")
    return [
        support_entry(portal, org, exact=org.name_key == query.key) for org in found[:MAX_RESULTS]
    ]


def _found(results: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
    return {register: entries for register, entries in results.items() if entries}


def search(portal: str, text: str) -> dict[str, list[Entry]]:
    """Matches by register (only registers with matches)."""
    query = Query.parse(text)
    if query.empty:
        return {}
    return _found(
        {
            "sending_organizations": sending_organizations(portal, query),
            "improvement_orders": improvement_orders(portal, query),
            "support_organizations": support_organizations(portal, query),
        }
    )


def _exact(portal: str, query: Query, sending: list[Entry], orders: list[Entry]) -> list[Entry]:
    support = support_organizations(portal, query, with_delisted=True)
    return [entry for entry in (*sending, *orders, *support) if entry.exact]


def verify(portal: str, text: str) -> list[Entry] | None:
    """The organizations exactly of this name or number, with their status; [] when there
    is none; None for an empty question."""
    query = Query.parse(text)
    if query.empty:
        return None
    return _exact(
        portal, query, sending_organizations(portal, query), improvement_orders(portal, query)
    )


def verify_with_similar(
    portal: str, text: str
) -> tuple[list[Entry] | None, dict[str, list[Entry]]]:
    """`verify`'s answer and, when it is [], what `search` finds for the same text (the
    verify page's "similar"): the sending organizations and improvement orders are read
    once for both."""
    query = Query.parse(text)
    if query.empty:
        return None, {}
    sending = sending_organizations(portal, query)
    orders = improvement_orders(portal, query)
    answers = _exact(portal, query, sending, orders)
    if answers:
        return answers, {}
    similar = {
        "sending_organizations": sending,
        "improvement_orders": orders,
        "support_organizations": support_organizations(portal, query),
    }
    return answers, _found(similar)
