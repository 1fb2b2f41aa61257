"""What the routes of the public API share, publication's and those each register adds
(`sections.Section.api`): the page of a list, the portal named in the path, 404."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from sswbridge.core.api import ErrorOut
from sswbridge.publication.portals import Portal, get_portal

NOT_FOUND: dict[int | str, Any] = {404: ErrorOut}
MAX_LIMIT = 1000


class PublicPageIn(Schema):
    q: str = ""
    limit: int = 100
    offset: int = 0


def portal_or_404(country: str) -> Portal:
    portal = get_portal(country)
    if portal is None:
        raise HttpError(404, _("No such portal."))
    return portal


def window(page: PublicPageIn) -> tuple[int, int]:
    """(start, end) of the page asked for, its limit at most MAX_LIMIT."""
    limit = min(max(page.limit, 1), MAX_LIMIT)
    offset = max(page.offset, 0)
    return offset, offset + limit
