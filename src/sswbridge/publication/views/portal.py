"""The portal of each country: home, site-wide search and the "verify an organization" box.

No sign-in; everything shown comes from what the portal has published, as each register's
section tells it (`sections`). Pages answer conditional requests from the registers' last
change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sswbridge.publication import search as portal_search
from sswbridge.publication import sections
from sswbridge.publication.caching import conditional
from sswbridge.publication.portals import all_portals, portal_page
from sswbridge.publication.public import REGISTERS, registers_state


def _registers_of(request: HttpRequest, country: str) -> dict[str, Any]:
    """The state of the registers published through a `Publication`
    (`publication.public.registers_state`, all in one query) that are installed here, read
    once per request: for the ETag, then for the page's times and counts."""
    found: dict[str, Any] | None = getattr(request, "_registers_state", None)
    if found is None:
        installed = {s.key for s in sections.all_sections()}
        states = registers_state(portal=country) if installed & set(REGISTERS) else {}
        found = {key: state for key, state in states.items() if key in installed}
        request._registers_state = found  # type: ignore[attr-defined]
    return found


def _times_of(request: HttpRequest, country: str) -> dict[str, dt.datetime | None]:
    """When each published register of the portal (and its suspensions) last changed, read
    once per request (for the ETag and again for the page)."""
    found: dict[str, dt.datetime | None] | None = getattr(request, "_register_times", None)
    if found is None:
        states = _registers_of(request, country)
        found = {
            s.key: (
                states[s.key].last_changed
                if s.key in states
                else sections.last_changed_of(s, country)
            )
            for s in sections.all_sections()
        }
        request._register_times = found  # type: ignore[attr-defined]
    return found


def portal_last_changed(request: HttpRequest, country: str, **kwargs: Any) -> dt.datetime | None:
    present = [t for t in _times_of(request, country).values() if t is not None]
    return max(present) if present else None


def _counts(request: HttpRequest, country: str) -> dict[str, int | None]:
    states = _registers_of(request, country)
    counts: dict[str, int | None] = {}
    for section in sections.all_sections():
        if section.key in states:
            counts[section.key] = states[section.key].records
        elif section.records is not None:
            counts[section.key] = section.records(country)
    return counts


@portal_page
@conditional(portal_last_changed)
def portal(request: HttpRequest, country: str) -> HttpResponse:
    """The portal's home: its registers, their size and last change, search and verify."""
    times = _times_of(request, country)
    context = {
        "portal": request.portal,  # type: ignore[attr-defined]
        "country": country,
        "counts": _counts(request, country),
        "times": times,
    }
    return render(request, "publication/portal.html", context)


@portal_page
@conditional(portal_last_changed)
def portal_search_view(request: HttpRequest, country: str) -> HttpResponse:
    q = request.GET.get("q", "")[: portal_search.QUERY_MAX]
    results = portal_search.search(country, q) if q.strip() else {}
    context = {
        "portal": request.portal,  # type: ignore[attr-defined]
        "country": country,
        "q": q,
        "results": results,
        "searched": bool(q.strip()),
    }
    return render(request, "publication/search.html", context)


@portal_page
@conditional(portal_last_changed)
def verify(request: HttpRequest, country: str) -> HttpResponse:
    q = request.GET.get("q", "")[: portal_search.QUERY_MAX]
    answers, similar = portal_search.verify_with_similar(country, q)
    context = {
        "portal": request.portal,  # type: ignore[attr-defined]
        "country": country,
        "q": q,
        "answers": answers,
        "similar": similar,
    }
    return render(request, "publication/verify.html", context)


def portals(request: HttpRequest) -> HttpResponse:
    """Every portal, for the landing page and the portals' own navigation."""
    return render(request, "publication/portals.html", {"portals": all_portals()})
