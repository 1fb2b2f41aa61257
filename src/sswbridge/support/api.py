"""The support-organization register under /api/v1/support: the organizations, the imports
with their change reports, and the upload of a new list (queued like the page's upload)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from sswbridge.core.api import ErrorOut
from sswbridge.frameworks.models import Framework
from sswbridge.support import selectors, services
from sswbridge.support.models import SupportImport
from sswbridge.support.schemas import (
    ListIn,
    SupportImportDetailOut,
    SupportImportOut,
    SupportOrganizationPageOut,
)

router = Router(tags=["support"])
ERRORS: dict[int | str, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
MAX_LIMIT = 1000


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _window(params: ListIn) -> tuple[int, int]:
    offset = max(params.offset, 0)
    return offset, offset + min(max(params.limit, 1), MAX_LIMIT)


@router.get(
    "/organizations", response=SupportOrganizationPageOut, operation_id="support_list_organizations"
)
def list_organizations(request: HttpRequest, params: Query[ListIn]) -> dict[str, Any]:
    items = selectors.organizations_for(_user(request), q=params.q[:200])
    start, end = _window(params)
    return {"count": items.count(), "items": list(items[start:end])}


@router.get("/imports", response=list[SupportImportOut], operation_id="support_list_imports")
def list_imports(request: HttpRequest) -> Any:
    return list(selectors.imports_for(_user(request))[:200])


def _get(request: HttpRequest, import_id: UUID) -> SupportImport:
    found = selectors.imports_for(_user(request)).filter(pk=import_id).first()
    if found is None:
        raise HttpError(404, _("No such import."))
    return found


@router.get(
    "/imports/{import_id}",
    response={200: SupportImportDetailOut, **ERRORS},
    operation_id="support_get_import",
)
def get_import(request: HttpRequest, import_id: UUID) -> Any:
    """An import with its change report (organizations added, removed; fields changed)."""
    return _get(request, import_id)


@router.post(
    "/imports", response={202: SupportImportOut, **ERRORS}, operation_id="support_upload_import"
)
def upload(request: HttpRequest, framework: Form[str], file: File[UploadedFile]) -> Any:
    """Upload Japan's list (multipart: `framework` code, `file`); the import runs in the
    background: poll GET /imports/{id} until its status is done, unchanged or failed."""
    actor = _user(request)
    code = framework.replace("\x00", "")  # PostgreSQL refuses NUL in a query (a 500)
    found = Framework.objects.visible_to(actor).filter(code=code).first()
    if found is None:
        raise HttpError(404, _("No such framework."))
    try:
        record = services.queue_upload(actor=actor, framework=found, upload=file)
    except services.NotPermitted as exc:
        return Status(403, {"code": "forbidden", "message": exc.message})
    except ValidationError as exc:
        return Status(400, {"code": "invalid_input", "message": " ".join(exc.messages)})
    return Status(202, record)
