"""The wire shapes of the answer periods and the exchange's metrics."""

from __future__ import annotations

from ninja import Field, Schema


class AnswerPeriodOut(Schema):
    kind: str
    label: str
    business_days: int
    is_default: bool


class AnswerPeriodIn(Schema):
    business_days: int | None = Field(
        ..., ge=1, le=365, description="Business days; null returns to the default"
    )


class KindMetricsOut(Schema):
    side: str
    kind: str
    sent: int
    acknowledged: int
    answered: int
    ack_median_seconds: float | None
    ack_p90_seconds: float | None
    answer_median_seconds: float | None
    answer_p90_seconds: float | None
    overdue: int
