"""Retention periods and erasures over JSON (administrators change periods; auditors read)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from sswbridge.frameworks.models import Framework
from sswbridge.retention import selectors, services
from sswbridge.retention.schemas import ErasureOut, PeriodIn, PeriodOut

router = Router(tags=["retention"])
RECENT = 200


def _reader(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not selectors.may_read(user):
        raise HttpError(403, _("Only administrators and auditors read the retention periods."))
    return user


@router.get("/periods", response=list[PeriodOut], operation_id="retention_list_periods")
def list_periods(request: HttpRequest) -> list[selectors.Period]:
    return selectors.periods_for(_reader(request))


@router.put("/periods", response=list[PeriodOut], operation_id="retention_set_period")
def set_period(request: HttpRequest, data: PeriodIn) -> list[selectors.Period]:
    user = _reader(request)
    framework = None
    if data.framework:
        framework = Framework.objects.visible_to(user).filter(code=data.framework).first()
        if framework is None:
            raise HttpError(404, _("No such framework."))
    try:
        services.set_policy(actor=user, kind=data.kind, days=data.days, framework=framework)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    return selectors.periods_for(user)


@router.get("/erasures", response=list[ErasureOut], operation_id="retention_list_erasures")
def list_erasures(request: HttpRequest) -> list[dict[str, Any]]:
    rows = selectors.erasures_for(_reader(request))[:RECENT]
    return [
        {
            "kind": e.kind,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "framework": e.framework.code,
            "fields": e.fields,
            "period_days": e.period_days,
            "reference_date": e.reference_date,
            "erased_at": e.erased_at,
        }
        for e in rows
    ]
