"""What follows from the lifecycle's acts, wherever they were given (on this node, or on the
other side's node and received here): an amendment consented by both sides comes into force,
and a notice of termination, once received, schedules the framework's end."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core import jobs
from sswbridge.core.models import Marking
from sswbridge.lifecycle.models import Amendment, AmendmentStatus, MemorandumText, TerminationNotice

TERMINATE_JOB = "lifecycle.terminate"
TEXT_FIELDS = ("number", "in_force_from", "amendment_id")


def _record(actor: User | None, action: str, obj: Any, before: Any, after: Any) -> None:
    audit.record(actor=actor, action=action, obj=obj, changes=audit.diff(before, after))


def bring_into_force(actor: User | None, amendment: Amendment, on: dt.date) -> MemorandumText:
    """Both sides consented: the amendment's text is the next version, in force from `on`
    (the day of the later consent). The caller holds the framework's guard."""
    framework = amendment.framework
    last = MemorandumText.objects.filter(framework=framework).aggregate(n=Max("number"))["n"]
    version = MemorandumText.objects.create(
        framework=framework,
        originator_side=amendment.originator_side,
        originator_agency=amendment.originator_agency,
        marking=Marking.BOTH,
        number=(last or 0) + 1,
        text=amendment.new_text,
        in_force_from=on,
        amendment=amendment,
        recorded_by=actor,
    )
    _record(actor, AuditAction.CREATE, version, None, audit.snapshot(version, TEXT_FIELDS))
    before = {"status": amendment.status, "in_force_from": None}
    amendment.status, amendment.in_force_from = AmendmentStatus.IN_FORCE, on
    amendment.version += 1
    amendment.save()
    _record(actor, AuditAction.UPDATE, amendment, before, audit.snapshot(amendment, before))
    return version


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def schedule_termination(notice: TerminationNotice) -> None:
    """The notice was received: the `lifecycle.terminate` job runs on its termination date."""
    assert notice.termination_date is not None
    jobs.enqueue(
        TERMINATE_JOB,
        {},
        run_after=_start_of(notice.termination_date),
        unique_key=f"{TERMINATE_JOB}:{notice.pk}",
    )
