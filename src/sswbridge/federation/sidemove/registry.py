"""What never moves with a side: rows that belong to the node that holds them (its queue, its
counters, its peers and envelopes, its audit chain, Django's own tables).

An app whose model is node-local declares it from its AppConfig.ready():

    from sswbridge.federation.sidemove import registry
    registry.local("myapp.mymodel")

A framework-scoped record is shared with the other side when marked for both sides or public;
an app whose records reach the other side otherwise (a communication sent to it, whatever its
marking) says which, with a filter of the rows the other side holds too:

    registry.shared("exchange.communication", lambda: Q(status="sent"))

Every other model moves by the rules of `collect.py`, read from its fields: no domain app is
imported here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

LOCAL: set[str] = {
    "admin.logentry",
    "auth.group",
    "auth.permission",
    "contenttypes.contenttype",
    "sessions.session",
    "core.job",
    "api.idempotencykey",
    "security.ratecounter",
    "audit.auditchainhead",
    "audit.auditentry",  # carried apart, as signed history (`collect.audit_entries`)
}

# Every model of these apps is node-local (the federation's own state, the imports it took).
LOCAL_APPS: set[str] = {"federation"}


def local(label: str) -> None:
    """Declare a model (`app_label.modelname`) node-local: it never moves with a side."""
    LOCAL.add(label.lower())


SHARED: dict[str, Callable[[], Q]] = {}


def shared(label: str, rows: Callable[[], Q]) -> None:
    """Declare which rows of a framework-scoped model the other side holds too, whatever
    their marking (from the owning app's ready())."""
    SHARED[label.lower()] = rows


def shared_rows(label: str) -> Q | None:
    rows = SHARED.get(label)
    return rows() if rows is not None else None


def is_local(label: str) -> bool:
    return label in LOCAL or label.split(".", 1)[0] in LOCAL_APPS
