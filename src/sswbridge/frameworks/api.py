from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from sswbridge.frameworks import services, sides
from sswbridge.frameworks.models import Framework, Side, SideClosure, SSWField
from sswbridge.frameworks.schemas import (
    FrameworkOut,
    SideCalendarOut,
    SideCalendarPatch,
    SideClosureIn,
    SideClosureOut,
    SSWFieldIn,
    SSWFieldOut,
    SSWFieldPatch,
)

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


def _side(request: HttpRequest, code: str) -> Side:
    user = request.auth  # type: ignore[attr-defined]
    return get_object_or_404(sides.visible_sides(user), code=code)


def _calendar_call(fn: Any, **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except DjangoValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from exc


@router.get(
    "/sides/{code}/calendar", response=SideCalendarOut, operation_id="frameworks_get_side_calendar"
)
def get_side_calendar(request: HttpRequest, code: str) -> Any:
    """A side's time zone, weekend days and closures (answer periods skip them, and the
    country's public holidays)."""
    return _side(request, code)


@router.patch(
    "/sides/{code}/calendar",
    response=SideCalendarOut,
    operation_id="frameworks_update_side_calendar",
)
def update_side_calendar(request: HttpRequest, code: str, payload: SideCalendarPatch) -> Any:
    """The side's administrators set its time zone and weekend days."""
    side = _side(request, code)
    return _calendar_call(
        sides.set_calendar,
        actor=request.auth,  # type: ignore[attr-defined]
        side=side,
        time_zone=payload.time_zone,
        weekend_days=payload.weekend_days,
    )


@router.post(
    "/sides/{code}/closures",
    response={201: SideClosureOut},
    operation_id="frameworks_create_side_closure",
)
def create_side_closure(request: HttpRequest, code: str, payload: SideClosureIn) -> Any:
    """The side's administrators declare a closure (yearly, or one-off)."""
    side = _side(request, code)
    closure = _calendar_call(
        sides.add_closure,
        actor=request.auth,  # type: ignore[attr-defined]
        side=side,
        **payload.dict(),
    )
    return Status(201, closure)


@router.delete(
    "/sides/{code}/closures/{closure_id}",
    response={204: None},
    operation_id="frameworks_delete_side_closure",
)
def delete_side_closure(request: HttpRequest, code: str, closure_id: int) -> Any:
    side = _side(request, code)
    closure = get_object_or_404(SideClosure, pk=closure_id, side=side)
    _calendar_call(sides.remove_closure, actor=request.auth, closure=closure)  # type: ignore[attr-defined]
    return Status(204, None)


@router.get("/{code}", response=FrameworkOut, operation_id="frameworks_get_framework")
def get_framework(request: HttpRequest, code: str) -> Any:
    return get_object_or_404(
        Framework.objects.visible_to(request.auth).select_related("partner_side"),  # type: ignore[attr-defined]
        code=code,
    )
