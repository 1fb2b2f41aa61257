from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from sswbridge.frameworks import services
from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.frameworks.schemas import FrameworkOut, SSWFieldIn, SSWFieldOut, SSWFieldPatch

router = Router(tags=["frameworks"])


@router.get("", response=list[FrameworkOut], operation_id="frameworks_list_frameworks")
def list_frameworks(request: HttpRequest) -> Any:
    return list(Framework.objects.visible_to(request.auth).select_related("partner_side"))  # type: ignore[attr-defined]


@router.get("/fields", response=list[SSWFieldOut], operation_id="frameworks_list_fields")
def list_fields(request: HttpRequest) -> Any:
    return list(SSWField.objects.all())


def _require_registrar(request: HttpRequest) -> None:
    if not services.may_edit_fields(request.auth):  # type: ignore[attr-defined]
        raise HttpError(
            403, "Only Japan's registrars and administrators may change the SSW fields."
        )


def _save(request: HttpRequest, field: SSWField | None, data: dict[str, Any]) -> SSWField:
    try:
        return services.save_ssw_field(actor=request.auth, field=field, data=data)  # type: ignore[attr-defined]
    except DjangoValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from exc


@router.post("/fields", response={201: SSWFieldOut}, operation_id="frameworks_create_field")
def create_field(request: HttpRequest, payload: SSWFieldIn) -> Any:
    _require_registrar(request)
    return Status(201, _save(request, None, payload.dict()))


@router.get("/fields/{code}", response=SSWFieldOut, operation_id="frameworks_get_field")
def get_field(request: HttpRequest, code: str) -> Any:
    """One SSW field (its ETag guards an update, docs/api.md)."""
    return get_object_or_404(SSWField, code=code)


@router.patch("/fields/{code}", response=SSWFieldOut, operation_id="frameworks_update_field")
def update_field(request: HttpRequest, code: str, payload: SSWFieldPatch) -> Any:
    _require_registrar(request)
    field = get_object_or_404(SSWField, code=code)
    return _save(request, field, payload.dict(exclude_unset=True))


@router.get("/{code}", response=FrameworkOut, operation_id="frameworks_get_framework")
def get_framework(request: HttpRequest, code: str) -> Any:
    return get_object_or_404(
        Framework.objects.visible_to(request.auth).select_related("partner_side"),  # type: ignore[attr-defined]
        code=code,
    )
