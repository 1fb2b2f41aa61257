"""How promptly each side acknowledges and answers: the dashboard's figures and its chart.

For each receiving side and kind, over the sent communications the user may see: the median
and 90th percentile of the time from sending to acknowledgement and from sending to answer,
and how many answers are overdue. Computed in Python over the rows for now.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from sswbridge.exchange.kinds import KINDS
from sswbridge.exchange.models import Communication, CommunicationStatus
from sswbridge.frameworks.models import Framework, Side

HOUR = 3600.0


def percentile(values: list[float], q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class KindMetrics:
    side: Side
    kind: str
    sent: int = 0
    ack_seconds: list[float] = field(default_factory=list, repr=False)
    answer_seconds: list[float] = field(default_factory=list, repr=False)
    overdue: int = 0

    @property
    def kind_label(self) -> str:
        spec = KINDS.get(self.kind)
        return str(spec.label) if spec else self.kind

    @property
    def acknowledged(self) -> int:
        return len(self.ack_seconds)

    @property
    def answered(self) -> int:
        return len(self.answer_seconds)

    @property
    def ack_median(self) -> float | None:
        return percentile(self.ack_seconds, 0.5)

    @property
    def ack_p90(self) -> float | None:
        return percentile(self.ack_seconds, 0.9)

    @property
    def answer_median(self) -> float | None:
        return percentile(self.answer_seconds, 0.5)

    @property
    def answer_p90(self) -> float | None:
        return percentile(self.answer_seconds, 0.9)


def _seconds(start: dt.datetime, end: dt.datetime | None) -> float | None:
    return None if end is None else max((end - start).total_seconds(), 0.0)


def metrics_for(user: Any, framework: Framework | None = None) -> list[KindMetrics]:
    """One row per (receiving side, kind), from what the user may see."""
    qs = Communication.objects.visible_to(user).filter(
        status=CommunicationStatus.SENT, superseded_by__isnull=True, sent_at__isnull=False
    )
    if framework is not None:
        qs = qs.filter(framework=framework)
    today = timezone.localdate()
    rows: dict[tuple[int, str], KindMetrics] = {}
    sides: dict[int, Side] = {}
    values = qs.values_list(
        "recipient_side_id", "kind", "sent_at", "acknowledged_at", "answered_at", "due_date"
    )
    pending: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for side_id, kind, sent_at, acked, answered, due in values.iterator(chunk_size=2000):
        pending[(side_id, kind)].append((sent_at, acked, answered, due))
    if pending:
        sides = Side.objects.in_bulk({side_id for side_id, _kind in pending})
    for key, items in pending.items():
        row = rows[key] = KindMetrics(side=sides[key[0]], kind=key[1])
        for sent_at, acked, answered, due in items:
            row.sent += 1
            if (ack := _seconds(sent_at, acked)) is not None:
                row.ack_seconds.append(ack)
            if (ans := _seconds(sent_at, answered)) is not None:
                row.answer_seconds.append(ans)
            if due is not None and answered is None and due < today:
                row.overdue += 1
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
