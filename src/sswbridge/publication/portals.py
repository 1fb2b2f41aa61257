"""The public portals: one per country, each in its own languages.

A portal is named by its side's code in lower case: "jp" is Japan's portal (Japanese and
English), a partner's portal is its code ("kg") and speaks the partner's language(s),
Russian and English (only those the interface has). A page of a portal is shown in the
visitor's language when the portal offers it, otherwise in English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from sswbridge.frameworks.models import Side, SideKind

# The national language(s) of a partner country, by ISO 3166-1 code.
NATIONAL_LANGUAGES: dict[str, tuple[str, ...]] = {
    "KG": ("ky",),
    "UZ": ("uz",),
    "KZ": ("kk",),
    "TJ": ("tg",),
    "MN": ("mn",),
    "VN": ("vi",),
    "PH": ("fil",),
    "ID": ("id",),
    "NP": ("ne",),
    "MM": ("my",),
    "KH": ("km",),
    "TH": ("th",),
    "LK": ("si", "ta"),
    "BD": ("bn",),
    "IN": ("hi",),
}
FALLBACK = "en"

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Portal:
    code: str
    side: Side
    languages: tuple[str, ...]

    @property
    def is_japan(self) -> bool:
        return self.side.kind == SideKind.JAPAN

    def language_for(self, requested: str | None) -> str:
        code = (requested or "").split("-")[0].lower()
        return code if code in self.languages else FALLBACK


def _interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def languages_of(side: Side) -> tuple[str, ...]:
    wanted = ["ja", "en"] if side.kind == SideKind.JAPAN else [
        *NATIONAL_LANGUAGES.get(side.country.upper(), ()), "ru", "en"
    ]  # fmt: skip
    offered = _interface_languages()
    return tuple(dict.fromkeys(code for code in wanted if code in offered))


def get_portal(code: str) -> Portal | None:
    """The portal named `code` ("jp", "kg"), or None."""
    if not code or code != code.lower() or len(code) > 8 or not code.isalnum():
        return None
    side = Side.objects.filter(code=code.upper()).first()
    if side is None:
        return None
    return Portal(code=code, side=side, languages=languages_of(side))


def all_portals() -> list[Portal]:
    sides = Side.objects.all()
    return [Portal(code=s.code.lower(), side=s, languages=languages_of(s)) for s in sides]


def portal_page(view: View) -> View:
    """A page of a portal: 404 for an unknown portal; rendered in the portal's language.

    The view receives the portal as `request.portal`."""

    @wraps(view)
    def wrapper(request: HttpRequest, country: str, *args: Any, **kwargs: Any) -> HttpResponse:
        portal = get_portal(country)
        if portal is None:
            raise Http404
        language = portal.language_for(translation.get_language())
        request.portal = portal  # type: ignore[attr-defined]
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, country, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        response.headers.setdefault("Content-Language", language)
        return response

    return wrapper


def page_context(request: HttpRequest, country: str, **values: Any) -> dict[str, Any]:
    """A register page's context: its portal, side and country, and `values`."""
    portal = request.portal  # type: ignore[attr-defined]
    return {"portal": portal, "side": portal.side, "country": country, **values}
