"""Control characters are refused at the edge, before any view or database sees them.

`ControlCharacterMiddleware` runs before the sessions, so nothing has read the request yet:

- **path**: a control character anywhere in it (`/portal/kg/support-organizations/a%00b/`)
  answers 404, as a page that does not exist;
- **query**: a parameter whose name holds any control character, or whose value holds one
  other than tab, line feed or carriage return, answers 400;
- **form fields** (URL-encoded and multipart; uploaded files are content, not text, and are
  checked by the importers that read them) and **JSON bodies** (every key and string, at any
  depth), the same, 400;
- **cookies** holding a control character are ignored, as if not sent (a session cookie
  `"\\000…"` would otherwise reach the session table).

Which characters: `security/controls.py`. HTML answers are translated pages; the API answers
the house error shape `{"code": "invalid_characters", "message": …, "field": …}` (404:
`{"code": "not_found", …}`). A body the request's own limits refuse (too large, too many
fields, malformed) is answered as the view would have answered it: the API through its
exception handlers, HTML through Django's 400.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from sswbridge.security.controls import control_character, describe

API_PREFIX = "/api/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
_BODY_ERRORS = (RequestDataTooBig, SuspiciousOperation, MultiPartParserError)

# How the API answers an exception, in its own shape (a 413 for a body too large, ...): the
# API registers it from its AppConfig.ready() (`answer_api_errors_with`), so that this
# middleware, which runs before any route, does not import the API aggregator.
_api_answer: Callable[[HttpRequest, Exception], HttpResponse] | None = None


def answer_api_errors_with(answer: Callable[[HttpRequest, Exception], HttpResponse]) -> None:
    global _api_answer
    _api_answer = answer


def _shown(name: str) -> str:
    """A parameter's name as a message may show it: control characters escaped."""
    return json.dumps(name, ensure_ascii=False)[1:-1]


def _first(pairs: Iterator[tuple[str, str]]) -> tuple[str, str] | None:
    """(name, character) of the first name or value with a character not allowed."""
    for name, value in pairs:
        bad = control_character(name, line_breaks=False) or control_character(value)
        if bad:
            return name, bad
    return None


def _params(lists: Any) -> Iterator[tuple[str, str]]:
    for name, values in lists:
        for value in values:
            yield name, str(value)


def _json_strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(path of the field, string) for every key and string of a JSON document."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            yield path, ""  # the key itself, checked as a name
            yield from _json_strings(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_strings(item, f"{where}.{index}" if where else str(index))


def _json_problem(request: HttpRequest) -> tuple[str, str] | None:
    try:
        document = json.loads(request.body)
    except (ValueError, RecursionError):
        return None  # not JSON: the API's own validation answers
    return _first(_json_strings(document))


def _body_problem(request: HttpRequest) -> tuple[str, str, str] | None:
    """(kind, field, character) for the first field of the body that is refused."""
    if request.method not in BODY_METHODS:
        return None
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        found = _json_problem(request)
        return ("json", *found) if found else None
    if request.method == "POST" and content_type in FORM_TYPES:
        found = _first(_params(request.POST.lists()))
        return ("form", *found) if found else None
    return None


def _drop_bad_cookies(request: HttpRequest) -> None:
    for name, value in list(request.COOKIES.items()):
        if control_character(name, line_breaks=False) or control_character(
            value, line_breaks=False
        ):
            del request.COOKIES[name]


def _message(kind: str, field: str, character: str) -> str:
    values = {"name": _shown(field), "character": describe(character)}
    if kind == "query":
        text = _(
            "The query parameter “%(name)s” holds a control character (%(character)s), "
            "which is not allowed."
        )
    elif kind == "json":
        text = _(
            "The field “%(name)s” of the JSON body holds a control character (%(character)s), "
            "which is not allowed."
        )
    else:
        text = _(
            "The form field “%(name)s” holds a control character (%(character)s), "
            "which is not allowed."
        )
    return text % values


class ControlCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _drop_bad_cookies(request)
        api = request.path.startswith(API_PREFIX)
        if control_character(request.path, line_breaks=False):
            return self._not_found(request, api=api)
        found = _first(_params(request.GET.lists()))
        problem = ("query", *found) if found else None
        if problem is None:
            try:
                problem = _body_problem(request)
            except _BODY_ERRORS as exc:
                if not api or _api_answer is None:
                    raise  # Django answers 400, as the view would have
                return _api_answer(request, exc)
        if problem is not None:
            return self._refused(request, *problem, api=api)
        return self.get_response(request)

    def _not_found(self, request: HttpRequest, *, api: bool) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request)):
            if api:
                message = _("No such page.")
                return JsonResponse({"code": "not_found", "message": message}, status=404)
            return self._page(request, "404.html", {}, status=404)

    def _refused(
        self, request: HttpRequest, kind: str, field: str, character: str, *, api: bool
    ) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request)):
            message = _message(kind, field, character)
            if api:
                body = {"code": "invalid_characters", "message": message, "field": _shown(field)}
                return JsonResponse(body, status=400)
            context = {"message": message}
            return self._page(request, "security/invalid_characters.html", context, status=400)

    def _page(
        self, request: HttpRequest, template: str, context: dict[str, Any], *, status: int
    ) -> HttpResponse:
        """A page of the site, answered before sign-in is known: shown as to a visitor."""
        if not hasattr(request, "user"):
            request.user = AnonymousUser()
        return render(request, template, context, status=status)
