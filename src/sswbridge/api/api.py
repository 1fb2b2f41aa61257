"""The JSON API under /api/v1: mounts each app's router; bearer tokens per user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sswbridge.accounts.tokenauth import TokenAuth
from sswbridge.api import concurrency, idempotency
from sswbridge.core.archive import FrameworkArchived


class SswBridgeApi(NinjaAPI):
    """The aggregator; its OpenAPI document also lists the `Idempotency-Key` header of the
    operations that take it (api/idempotency.py)."""

    idempotent_operations: set[str]
    conditional_reads: set[str]
    conditional_updates: set[str]

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for item in schema["paths"].values():
            for operation in item.values():
                operation_id = operation.get("operationId")
                parameters = operation.setdefault("parameters", [])
                if operation_id in self.idempotent_operations:
                    _add(parameters, idempotency.PARAMETER)
                if operation_id in self.conditional_reads:
                    _add(parameters, concurrency.IF_NONE_MATCH)
                    ok = operation.get("responses", {}).get("200")
                    if ok is not None:
                        ok.setdefault("headers", {}).update(concurrency.ETAG_HEADER)
                    operation["responses"].setdefault("304", {"description": "Not modified."})
                if operation_id in self.conditional_updates:
                    _add(parameters, concurrency.IF_MATCH)
                    operation["responses"].setdefault("412", concurrency.PRECONDITION_FAILED)
                if not parameters:
                    del operation["parameters"]
        return schema


def _add(parameters: list[dict[str, Any]], parameter: dict[str, Any]) -> None:
    if parameter not in parameters:
        parameters.append(parameter)


api = SswBridgeApi(
    title="SSW Bridge API",
    version="1",
    description="Information partnership under the Memoranda of Cooperation on SSW status.",
    auth=TokenAuth(),
    urls_namespace="api",
)


def _error(
    request: HttpRequest, status: int, code: str, message: str, **extra: object
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """Without a valid token: 401, but 404 on a path that names a record (a communication,
    an attachment, an intermediary, a case…), the same for a record that exists as for one
    that does not, so a caller without a token learns nothing of what is there."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.kwargs:
        message = _("No such record, or no valid API token was sent.")
        return _error(request, 404, "not_found", str(message))
    return _error(request, 401, "unauthenticated", str(_("A valid API token is required.")))


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, 422, "invalid_input", "The request is not valid.", errors=exc.errors)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(RequestDataTooBig)
def on_body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE (files aside): 413 in the API's own shape,
    not Django's HTML 400."""
    message = _("The request body is too large.")
    return _error(request, 413, "too_large", str(message))


@api.exception_handler(OperationalError)
def on_database_conflict(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    """Not answered here, even under DEBUG: a transient conflict goes on to the retry
    middleware (core/middleware.py), which runs the request again or answers 503."""
    raise exc


@api.exception_handler(FrameworkArchived)
def on_framework_archived(request: HttpRequest, exc: FrameworkArchived) -> HttpResponse:
    return _error(request, 409, exc.code, exc.message)


def _mount() -> None:
    from sswbridge.accounts.api import router as accounts_router
    from sswbridge.audit.api import router as audit_router
    from sswbridge.audit.feed_api import router as events_router
    from sswbridge.cases.api import intermediary_router as intermediary_cases_router
    from sswbridge.cases.api import router as cases_router
    from sswbridge.consultations.api import router as consultations_router
    from sswbridge.disclosure.api import router as disclosure_router
    from sswbridge.exchange.api import router as exchange_router
    from sswbridge.frameworks.api import router as frameworks_router
    from sswbridge.intermediaries.api import router as intermediaries_router
    from sswbridge.lifecycle.api import router as lifecycle_router
    from sswbridge.orders.api import router as orders_router
    from sswbridge.publication.api.public import router as public_router
    from sswbridge.publication.api.queue import router as publication_router
    from sswbridge.readlog.api import router as readlog_router
    from sswbridge.retention.api import router as retention_router
    from sswbridge.screening.api import router as screening_router
    from sswbridge.sending.api import router as sending_router
    from sswbridge.support.api import router as support_router
    from sswbridge.suspensions.api import router as suspensions_router
    from sswbridge.webhooks.api import router as webhooks_router

    api.add_router("/accounts", accounts_router)
    api.add_router("/frameworks", frameworks_router)
    api.add_router("/registry", orders_router)
    api.add_router("/registry", sending_router)
    api.add_router("/registry", publication_router)
    api.add_router("/registry", intermediaries_router)
    api.add_router("/registry", intermediary_cases_router)
    api.add_router("/audit", audit_router)
    api.add_router("/events", events_router)
    api.add_router("/exchange", exchange_router)
    api.add_router("/cases", cases_router)
    api.add_router("/consultations", consultations_router)
    api.add_router("/lifecycle", lifecycle_router)
    api.add_router("/disclosure", disclosure_router)
    api.add_router("/suspensions", suspensions_router)
    api.add_router("/support", support_router)
    api.add_router("/screening", screening_router)
    api.add_router("/public", public_router)
    api.add_router("/retention", retention_router)
    api.add_router("/reads", readlog_router)
    api.add_router("/webhooks", webhooks_router)


def _make_idempotent() -> None:
    """Every POST that creates (answers 201) takes an Idempotency-Key (api/idempotency.py)."""
    api.idempotent_operations = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if idempotency.applies_to(operation):
                    operation.run = idempotency.idempotent(operation.run)  # type: ignore[method-assign]
                    api.idempotent_operations.add(operation.operation_id or "")


def _make_conditional() -> None:
    """ETag and If-None-Match on the GETs, If-Match on the updates (api/concurrency.py)."""
    paths = [
        path_view.operations
        for router in api._get_bound_routers()
        for path_view in router.path_operations.values()
    ]
    api.conditional_reads, api.conditional_updates = concurrency.wire(paths)


_mount()
_make_idempotent()
_make_conditional()
