"""What the portals show, as the registers register it (issue 13): publication imports no
register app. Each register app fills this registry from its AppConfig.ready(), as the
exchange's kinds and hooks are filled, with one `Section` per public register: its pages
(publication's urls and views wrap them with the portal, conditional requests and ETags),
its state and size for the portal's home, its search and verify answers, and its routes of
the public API. A register that is not installed has no section, and its pages answer 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from django.http import HttpResponse
    from ninja import Router

    from sswbridge.publication.search import Entry, Query

Stamp = tuple[dt.datetime | None, str]


@dataclass(frozen=True)
class Section:
    """One public register (or, with only `last_changed`, what else the portal's home dates).

    `key` names it in URLs' names, search results and downloads ("sending_organizations");
    `label` heads its search results, which `order` places among the others.
    `state(portal)` is (last change, version), the pages' Last-Modified and ETag;
    `last_changed` and `records` are the portal home's figures. `list_page(request,
    country)` and `item_page(request, country, key)` render its pages. `search(portal,
    query)` lists its matches; `exact(portal, query)` the candidates of the verify box when
    they are not the search's (their exact ones); `number(text)` reads a query as this
    register's own number ("" when it is not one). `api` holds its routes under
    /api/v1/public."""

    key: str
    label: StrOrPromise = ""
    order: int = 100
    state: Callable[[str], Stamp] | None = None
    last_changed: Callable[[str], dt.datetime | None] | None = None
    records: Callable[[str], int] | None = None
    list_page: Callable[..., HttpResponse] | None = None
    item_page: Callable[..., HttpResponse] | None = None
    search: Callable[[str, Query], list[Entry]] | None = None
    exact: Callable[[str, Query], list[Entry]] | None = None
    number: Callable[[str], str] | None = None
    api: Router | None = None


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Called from a register app's ready()."""
    _sections[section.key] = section


def get(key: str) -> Section | None:
    return _sections.get(key)


def all_sections() -> list[Section]:
    """The registered sections, in their `order`."""
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def searchable() -> list[Section]:
    return [s for s in all_sections() if s.search is not None]


def last_changed_of(section: Section, portal: str) -> Any:
    if section.last_changed is not None:
        return section.last_changed(portal)
    return section.state(portal)[0] if section.state is not None else None
