"""Reads of publications for signed-in users (the registrars' queue and the registers'
pages); the portals read through `public.py`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sswbridge.publication.models import Publication


def publications_for(user: Any) -> QuerySet[Publication]:
    return Publication.objects.visible_to(user).select_related(
        "framework",
        "sending_organization",
        "status_change",
        "improvement_order",
        "communication",
        "published_by",
    )


def publications_of(user: Any, **about: Any) -> QuerySet[Publication]:
    """Publications of one organization or order (`sending_organization=` or
    `improvement_order=`)."""
    return publications_for(user).filter(**about).order_by("created_at", "id")
