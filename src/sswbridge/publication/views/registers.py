"""The public pages of each register on a portal, whichever app owns it: publication gives
them their URL (urls.py), their portal and language (`portal_page`) and their conditional
answers (`conditional`: ETag and Last-Modified from the section's state); the register's
section (`sections`) renders them. A register that is not installed answers 404."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from sswbridge.publication import sections
from sswbridge.publication.caching import Stamp, View, conditional
from sswbridge.publication.portals import portal_page


def _section(key: str) -> sections.Section:
    found = sections.get(key)
    if found is None or found.state is None:
        raise Http404
    return found


def _state(key: str) -> Any:
    def last_modified(request: HttpRequest, country: str, **kwargs: Any) -> Stamp:
        state = _section(key).state
        assert state is not None
        return state(country)

    return last_modified


def list_page(key: str) -> View:
    """The register's list: searchable, downloadable (`?format=`)."""

    @portal_page
    @conditional(_state(key))
    def page(request: HttpRequest, country: str) -> HttpResponse:
        render = _section(key).list_page
        if render is None:
            raise Http404
        return render(request, country)

    page.__name__ = page.__qualname__ = key
    return page


def item_page(key: str) -> View:
    """The permanent page of one record of the register."""

    @portal_page
    @conditional(_state(key))
    def page(request: HttpRequest, country: str, **kwargs: Any) -> HttpResponse:
        render = _section(key).item_page
        if render is None:
            raise Http404
        return render(request, country, **kwargs)

    page.__name__ = page.__qualname__ = key.removesuffix("s")
    return page
