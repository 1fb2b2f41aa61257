"""A request whose view meets a transient database conflict is run again; a client whom no
attempt could serve gets 503 with `Retry-After`, never 500 (core/transactions.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from sswbridge.core import transactions

API_PREFIX = "/api/"


def busy_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON with the code `busy` under /api/, a translated page else."""
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        message = _("The service is busy; please try again in a moment.")
        response = JsonResponse({"code": "busy", "message": message, "errors": None}, status=503)
    else:
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(transactions.RETRY_AFTER_SECONDS)
    return response


class TransientConflictRetryMiddleware:
    """Calls the view itself (last in MIDDLEWARE, so CSRF and the other view middleware have
    run), through `transactions.retrying`: a view that met a deadlock, a serialization
    failure or a locked database before it committed anything runs again, a few times."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse:
        try:
            return transactions.retrying(lambda: view(request, *args, **kwargs), label=request.path)
        except Exception as exc:
            if transactions.is_transient(exc):
                return busy_response(request)
            raise


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The 500 handler: a transient conflict that escaped elsewhere (another middleware, a
    request inside a transaction) answers 503 with Retry-After instead."""
    if transactions.is_transient(sys.exc_info()[1]):
        return busy_response(request)
    return defaults.server_error(request, template_name)
