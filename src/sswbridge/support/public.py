"""What the portals publish of the register of registered support organizations.

A partner's portal publishes the list Japan shared with that partner; Japan's portal
publishes Japan's list as last imported (for whichever framework). Only organizations of a
published import are public, and only while they are on the list.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, QuerySet

from sswbridge.support.models import SupportImport, SupportOrganization, published_frameworks


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
