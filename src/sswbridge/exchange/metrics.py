"""How promptly each side acknowledges and answers: the dashboard's figures and its chart.

For each receiving side and kind, over the sent communications the user may see: the median
and 90th percentile of the time from sending to acknowledgement and from sending to answer,
and how many answers are overdue.

The counts are one grouped SQL query. The percentiles are SQL too on PostgreSQL
(`PERCENTILE_CONT ... WITHIN GROUP`); elsewhere (SQLite) they are computed here from the two
timestamps of only the rows that have them, both by linear interpolation between ranks.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, Q, QuerySet
from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.exchange.kinds import KINDS
from sswbridge.exchange.models import Communication, CommunicationStatus
from sswbridge.frameworks.models import Framework, Side

HOUR = 3600.0
# (field of KindMetrics, end timestamp, fraction)
PERCENTILES = (
    ("ack_median", "acknowledged_at", 0.5),
    ("ack_p90", "acknowledged_at", 0.9),
    ("answer_median", "answered_at", 0.5),
    ("answer_p90", "answered_at", 0.9),
)


def percentile(values: list[float], q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class SecondsBetween(Func):
    """Seconds from the second timestamp to the first (PostgreSQL)."""

    arg_joiner = " - "
    template = "EXTRACT(EPOCH FROM (%(expressions)s))::double precision"
    output_field = FloatField()


class PercentileCont(Aggregate):
    """PostgreSQL's continuous percentile: interpolates like `percentile()`."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, *, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=float(fraction), **extra)


@dataclass
class KindMetrics:
    side: Side
    kind: str
    sent: int = 0
    acknowledged: int = 0
    answered: int = 0
    overdue: int = 0
    ack_median: float | None = None
    ack_p90: float | None = None
    answer_median: float | None = None
    answer_p90: float | None = None

    @property
    def kind_label(self) -> str:
        spec = KINDS.get(self.kind)
        return str(spec.label) if spec else self.kind


def _sent(user: User, framework: Framework | None) -> QuerySet[Communication]:
    qs = Communication.objects.visible_to(user).filter(
        status=CommunicationStatus.SENT, superseded=False, sent_at__isnull=False
    )
    return qs.filter(framework=framework) if framework is not None else qs


def _reached(end: str) -> Q:
    return Q(**{f"{end}__isnull": False, f"{end}__gte": F("sent_at")})


def _percentiles_in_sql() -> dict[str, Any]:
    return {
        name: PercentileCont(SecondsBetween(F(end), F("sent_at")), fraction=q, filter=_reached(end))
        for name, end, q in PERCENTILES
    }


def _percentiles_in_python(qs: QuerySet[Communication], rows: dict[Any, KindMetrics]) -> None:
    """Only the rows that were acknowledged (answered), and only their two timestamps."""
    for end in ("acknowledged_at", "answered_at"):
        seconds: dict[tuple[int, str], list[float]] = defaultdict(list)
        values = qs.filter(_reached(end)).values_list("recipient_side_id", "kind", "sent_at", end)
        for side_id, kind, start, stop in values.iterator(chunk_size=5000):
            seconds[(side_id, kind)].append((stop - start).total_seconds())
        for name, field, q in PERCENTILES:
            if field != end:
                continue
            for key, items in seconds.items():
                if key in rows:
                    setattr(rows[key], name, percentile(items, q))


def metrics_for(user: User, framework: Framework | None = None) -> list[KindMetrics]:
    """One row per (receiving side, kind), from what the user may see."""
    qs = _sent(user, framework)
    today = timezone.localdate()
    aggregates: dict[str, Any] = {
        "sent": Count("pk"),
        "acknowledged": Count("acknowledged_at"),
        "answered": Count("answered_at"),
        "overdue": Count(
            "pk", filter=Q(due_date__isnull=False, due_date__lt=today, answered_at__isnull=True)
        ),
    }
    in_sql = connection.vendor == "postgresql"
    if in_sql:
        aggregates.update(_percentiles_in_sql())
    grouped = qs.values("recipient_side_id", "kind").annotate(**aggregates).order_by()
    found = list(grouped)
    sides = Side.objects.in_bulk({row["recipient_side_id"] for row in found})
    rows: dict[tuple[int, str], KindMetrics] = {}
    for row in found:
        key = (row.pop("recipient_side_id"), row["kind"])
        rows[key] = KindMetrics(side=sides[key[0]], **row)
    if rows and not in_sql:
        _percentiles_in_python(qs, rows)
    return sorted(rows.values(), key=lambda r: (r.side.code, r.kind))


# The chart: horizontal bars, server-rendered as inline SVG (no scripts).
CHART_WIDTH = 640
LABEL_WIDTH = 250
BAR_HEIGHT = 14
GROUP_GAP = 14


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    hours: float
    series: str


@dataclass(frozen=True)
class BarGroup:
    y: int
    label: str
    bars: list[Bar]


def chart(rows: list[KindMetrics]) -> dict[str, Any]:
    """Bars of the four times per row, in hours, scaled to the longest."""
    series = [
        ("ack_median", "ack-median"),
        ("ack_p90", "ack-p90"),
        ("answer_median", "answer-median"),
        ("answer_p90", "answer-p90"),
    ]
    longest = max([getattr(r, name) or 0.0 for r in rows for name, _css in series] + [1.0])
    room = CHART_WIDTH - LABEL_WIDTH - 70
    groups: list[BarGroup] = []
    y = 0
    for row in rows:
        bars = []
        for i, (name, css) in enumerate(series):
            value = getattr(row, name)
            if value is None:
                continue
            bars.append(
                Bar(
                    y=y + i * BAR_HEIGHT,
                    width=round(room * value / longest, 1),
                    hours=round(value / HOUR, 1),
                    series=css,
                )
            )
        groups.append(BarGroup(y=y, label=f"{row.side.code} · {row.kind_label}", bars=bars))
        y += len(series) * BAR_HEIGHT + GROUP_GAP
    return {
        "groups": groups,
        "width": CHART_WIDTH,
        "height": max(y, 1),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 2,
    }
