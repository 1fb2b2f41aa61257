"""Reads of the lifecycle, always through `visible_to`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from sswbridge.frameworks.models import Framework, FrameworkStatus
from sswbridge.lifecycle.models import (
    Amendment,
    AmendmentConsent,
    FrameworkReview,
    MemorandumText,
    NoticeStatus,
    TerminationNotice,
)
from sswbridge.lifecycle.termination import add_calendar_months, days_left

REVIEW_AFTER_MONTHS = 24  # clause 9: the System is reviewed two years after commencement


def framework_for(user: Any, code: str) -> Framework | None:
    found: Framework | None = (
        Framework.objects.visible_to(user).select_related("partner_side").filter(code=code).first()
    )
    return found


def reviews_for(user: Any, framework: Framework) -> QuerySet[FrameworkReview]:
    return FrameworkReview.objects.visible_to(user).filter(framework=framework)


def _consents() -> Prefetch[Any]:
    return Prefetch(
        "consents",
        queryset=AmendmentConsent.objects.select_related("side", "communication", "given_by"),
    )


def amendments_for(user: Any, framework: Framework | None = None) -> QuerySet[Amendment]:
    qs = (
        Amendment.objects.visible_to(user)
        .select_related("framework", "proposal", "originator_side", "proposed_by")
        .prefetch_related(_consents())
    )
    return qs.filter(framework=framework) if framework is not None else qs


def texts_for(user: Any, framework: Framework | None = None) -> QuerySet[MemorandumText]:
    qs = (
        MemorandumText.objects.visible_to(user)
        .select_related("framework", "amendment", "amendment__proposal")
        .prefetch_related(
            Prefetch(
                "amendment__consents",
                queryset=AmendmentConsent.objects.select_related("side", "communication"),
            )
        )
    )
    return qs.filter(framework=framework) if framework is not None else qs


def text_in_force(user: Any, framework: Framework) -> MemorandumText | None:
    found: MemorandumText | None = texts_for(user, framework).order_by("-number").first()
    return found


def notices_for(user: Any, framework: Framework | None = None) -> QuerySet[TerminationNotice]:
    qs = TerminationNotice.objects.visible_to(user).select_related(
        "framework", "communication", "originator_side", "withdrawal_request", "withdrawal_consent"
    )
    return qs.filter(framework=framework) if framework is not None else qs


@dataclass(frozen=True)
class Countdown:
    """Where the framework stands on clause 10, as the framework page shows it."""

    status: str
    commencement: dt.date | None
    termination_date: dt.date | None
    days_left: int | None
    review_due: dt.date | None
    awaiting_receipt: bool = False

    @property
    def terminated(self) -> bool:
        return self.status == FrameworkStatus.TERMINATED


def countdown(user: Any, framework: Framework, today: dt.date | None = None) -> Countdown:
    """The framework's countdown: days until its termination date, if a notice runs that the
    user may see."""
    today = today or timezone.localdate()
    notice = (
        TerminationNotice.objects.visible_to(user)
        .filter(framework=framework, status__in=[NoticeStatus.PENDING, NoticeStatus.EFFECTIVE])
        .order_by("-created_at")
        .first()
    )
    ends = notice.termination_date if notice else None
    start = framework.commencement
    return Countdown(
        status=framework.status,
        commencement=start,
        termination_date=ends,
        days_left=days_left(ends, today) if ends else None,
        review_due=add_calendar_months(start, REVIEW_AFTER_MONTHS) if start else None,
        awaiting_receipt=notice is not None and notice.awaiting_receipt,
    )
