"""Reads of the support-organization register for staff, through `visible_to`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sswbridge.publication.search import Query
from sswbridge.support.models import SupportChange, SupportImport, SupportOrganization
from sswbridge.support.public import support_number


def imports_for(user: Any) -> QuerySet[SupportImport]:
    return (
        SupportImport.objects.visible_to(user)
        .select_related("framework", "imported_by", "communication")
        .order_by("-created_at")
    )


def organizations_for(user: Any, *, q: str = "") -> QuerySet[SupportOrganization]:
    items = SupportOrganization.objects.visible_to(user).select_related("framework")
    query = Query.parse(q)
    number = support_number(query.text)
    if number:
        items = items.filter(registration_number=number)
    elif query.key:
        items = items.filter(name_key__contains=query.key)
    return items.order_by("framework__code", "registration_number")


def changes_of(record: SupportImport) -> QuerySet[SupportChange]:
    return SupportChange.objects.filter(support_import=record).order_by(
        "change_type", "registration_number", "field"
    )
