"""Answer periods and the exchange's metrics under /api/v1/exchange."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from sswbridge.core.api import ErrorOut
from sswbridge.core.api import auth_user as _user
from sswbridge.core.api import error as _error
from sswbridge.exchange import metrics, periods
from sswbridge.exchange.api.common import clean
from sswbridge.exchange.schemas import AnswerPeriodIn, AnswerPeriodOut, KindMetricsOut
from sswbridge.frameworks.models import Framework

router = Router(tags=["exchange"])


def _framework(request: HttpRequest, code: str) -> Framework:
    found = Framework.objects.visible_to(_user(request)).filter(code=clean(code)).first()
    if found is None:
        raise HttpError(404, _("No such framework."))
    return found


def _period_out(period: periods.Period) -> dict[str, Any]:
    return {
        "kind": period.kind.key,
        "label": str(period.kind.label),
        "business_days": period.business_days,
        "is_default": period.is_default,
    }


@router.get(
    "/frameworks/{code}/answer-periods",
    response=list[AnswerPeriodOut],
    operation_id="exchange_get_answer_periods",
)
def get_answer_periods(request: HttpRequest, code: str) -> Any:
    """The framework's answer period, in business days, for every kind that needs an answer."""
    return [_period_out(p) for p in periods.periods_for(_framework(request, code))]


@router.get(
    "/frameworks/{code}/answer-periods/{kind}",
    response={200: AnswerPeriodOut, 404: ErrorOut},
    operation_id="exchange_get_answer_period",
)
def get_answer_period(request: HttpRequest, code: str, kind: str) -> Any:
    """One kind's answer period (its ETag guards an update, docs/api.md)."""
    for period in periods.periods_for(_framework(request, code)):
        if period.kind.key == kind:
            return _period_out(period)
    return Status(404, _error("not_found", _("No answer period for this kind.")))


@router.put(
    "/frameworks/{code}/answer-periods/{kind}",
    response={200: AnswerPeriodOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="exchange_set_answer_period",
)
def put_answer_period(request: HttpRequest, code: str, kind: str, payload: AnswerPeriodIn) -> Any:
    """Set a kind's answer period (contact points of the framework and administrators)."""
    framework = _framework(request, code)
    try:
        period = periods.set_answer_days(
            actor=_user(request),
            framework=framework,
            kind=clean(kind),
            business_days=payload.business_days,
        )
    except ValidationError as exc:
        return Status(
            400, _error("invalid_input", _("The request is not valid."), exc.message_dict)
        )
    except PermissionDenied as exc:
        return Status(403, _error("forbidden", str(exc)))
    return _period_out(period)


@router.get("/metrics", response=list[KindMetricsOut], operation_id="exchange_get_metrics")
def get_metrics(request: HttpRequest, framework: str = "") -> Any:
    """Per receiving side and kind: median and 90th-percentile seconds from sending to
    acknowledgement and to answer, and how many answers are overdue."""
    chosen = _framework(request, framework) if framework else None
    return [
        {
            "side": row.side.code,
            "kind": row.kind,
            "sent": row.sent,
            "acknowledged": row.acknowledged,
            "answered": row.answered,
            "ack_median_seconds": row.ack_median,
            "ack_p90_seconds": row.ack_p90,
            "answer_median_seconds": row.answer_median,
            "answer_p90_seconds": row.answer_p90,
            "overdue": row.overdue,
        }
        for row in metrics.metrics_for(_user(request), chosen)
    ]
