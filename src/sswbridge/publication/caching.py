"""HTTP caching of the public pages and downloads.

`@conditional(last_modified)` gives a view an ETag and a Last-Modified header computed from
when the register last changed (without rendering anything), answers 304 Not Modified to a
conditional GET whose If-None-Match or If-Modified-Since still holds, and sets
Cache-Control. `last_modified(request, *args, **kwargs)` returns a datetime or None (nothing
published yet), or a pair (that time, the register's version) when a time alone could miss
a change: the ETag then follows the version.

The ETag also covers the language, the signed-in user (the page header differs) and the
version of the software, so a translated or signed-in page never passes for another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

import sswbridge

PUBLIC_MAX_AGE = 60
View = Callable[..., HttpResponse]
Stamp = tuple[dt.datetime | None, str]
LastModified = Callable[..., dt.datetime | Stamp | None]

_VERSION = getattr(sswbridge, "__version__", "") or "dev"


def etag_for(request: HttpRequest, last_modified: dt.datetime | None, version: str = "") -> str:
    user = getattr(request, "user", None)
    who = str(user.pk) if user is not None and user.is_authenticated else "-"
    stamp = last_modified.isoformat() if last_modified else "none"
    parts = "|".join(
        [
            _VERSION,
            stamp,
            version,
            translation.get_language() or "",
            who,
            request.get_full_path(),
        ]
    )
    return '"' + hashlib.sha256(parts.encode()).hexdigest()[:32] + '"'


def _not_modified(request: HttpRequest, etag: str, last_modified: dt.datetime | None) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = parse_etags(if_none_match)
        bare = etag.removeprefix("W/")
        return "*" in tags or any(tag.removeprefix("W/") == bare for tag in tags)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and last_modified is not None:
        return int(last_modified.timestamp()) <= since
    return False


def _headers(
    request: HttpRequest, response: HttpResponse, etag: str, last_modified: dt.datetime | None
) -> HttpResponse:
    # A compressed body is another representation of the same content: a weak ETag.
    response.headers["ETag"] = "W/" + etag if response.has_header("Content-Encoding") else etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        response.headers["Cache-Control"] = "private, max-age=0, must-revalidate"
    else:
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def stamp_of(request: HttpRequest) -> Stamp | None:
    """What `@conditional` found for this request (time and version), so the view need not
    ask the database again; None outside such a view."""
    found: Stamp | None = getattr(request, "_publication_stamp", None)
    return found


def conditional(last_modified_fn: LastModified) -> Callable[[View], View]:
    """Decorate a public view: ETag + Last-Modified + Cache-Control, 304 when unchanged.
    The view finds what was computed with `stamp_of(request)`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            found = last_modified_fn(request, *args, **kwargs)
            last_modified, version = found if isinstance(found, tuple) else (found, "")
            request._publication_stamp = (last_modified, version)  # type: ignore[attr-defined]
            etag = etag_for(request, last_modified, version)
            if _not_modified(request, etag, last_modified):
                return _headers(request, HttpResponseNotModified(), etag, last_modified)
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            return _headers(request, response, etag, last_modified)

        return wrapper

    return decorate
