"""What the portals have published of the registers that go through a `Publication` (6.1,
6.2, 7.2, 7.5): each portal's publications and each register's state on it. The registers'
own public reads (sending/public.py, orders/public.py) select their records through
`published`, and their pages, downloads, search and public API read through those.

A portal is named by its side's code in lower case: "jp" for Japan, "kg" for the Kyrgyz
Republic. A sending organization shows the status of the latest step of its history that
this portal has published: a revocation stays visible with its date and reason.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db.models import Count, Max, QuerySet

from sswbridge.publication.models import Publication, Register

REGISTERS = (Register.SENDING_ORGANIZATIONS, Register.IMPROVEMENT_ORDERS)


def published(portal: str | None, register: str) -> QuerySet[Publication]:
    """The portal's publications of the register (on any portal when None)."""
    return Publication.objects.published_for(portal).filter(register=register)


class RegisterState(NamedTuple):
    last_changed: dt.datetime | None
    version: str
    records: int  # how many records the portal shows


def registers_state(*, portal: str) -> dict[str, RegisterState]:
    """Each register's (last change, version) on the portal (see `register_version`), all
    read in one query: the portal's publications grouped by register, with the count and
    latest change of the records they publish (a publication names one record). The count
    is that of the records the register publishes on the portal."""
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
