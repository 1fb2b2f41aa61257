"""Reminders for action items, as durable jobs of `core.jobs`.

When an action item is added, two jobs are queued: one `SSWBRIDGE_REMINDER_DAYS_BEFORE`
calendar days before it is due, one on the day after. Each mails the officers of the owning
agency if the item is still open when it runs, and leaves an audit entry. The unique key
makes each reminder happen once per item and due date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core import archive, jobs

REMINDER_JOB = "consultations.action_reminder"
DUE_SOON = "due_soon"
OVERDUE = "overdue"


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))


def schedule(item: Any) -> None:
    """Queue the item's reminders; call inside the transaction that adds the item."""
    before = item.due_date - dt.timedelta(days=int(settings.REMINDER_DAYS_BEFORE))
    for step, day in ((DUE_SOON, before), (OVERDUE, item.due_date + dt.timedelta(days=1))):
        jobs.enqueue(
            REMINDER_JOB,
            {"item": str(item.pk), "step": step},
            run_after=_start_of(day),
            unique_key=f"{REMINDER_JOB}:{item.pk}:{step}:{item.due_date.isoformat()}",
        )


def recipients(item: Any) -> list[str]:
    """The officers and contact-point officers of the owning agency."""
    users = User.objects.filter(
        agency_id=item.owner_agency_id, role__in=["contact_point", "officer"], is_active=True
    ).exclude(email="")
    return sorted(users.values_list("email", flat=True))


def remind(*, item_id: str, step: str) -> bool:
    """Mail the owning agency about an open item; False when there was nothing to do."""
    from sswbridge.consultations.models import ActionItem

    item = ActionItem.objects.select_related("consultation__framework").filter(pk=item_id).first()
    if item is None or not item.is_open:
        return False
    framework = item.consultation.framework
    if archive.is_archived(framework):
        return False
    to = recipients(item)
    with transaction.atomic():
        if to:
            jobs.enqueue("send_mail", {"to": to, **_mail(item, step)})
        audit.record(
            actor=None,
            action=AuditAction.OTHER,
            obj=item,
            framework=framework,
            changes={"reminder": step, "to": len(to)},
        )
    return True


def _mail(item: Any, step: str) -> dict[str, str]:
    """In the memorandum's language; the link leads behind the sign-in."""
    url = str(settings.PUBLIC_URL) + reverse("consultations:detail", args=[item.consultation_id])
    with translation.override(settings.LANGUAGE_CODE):
        if step == OVERDUE:
            subject = _("[SSW Bridge] An action item is overdue")
        else:
            subject = _("[SSW Bridge] An action item is due soon")
        lines = [
            _("Action item: %(title)s") % {"title": item.title},
            _("Due: %(date)s") % {"date": item.due_date.isoformat()},
            "",
            _("Open it in SSW Bridge: %(url)s") % {"url": url},
        ]
    return {"subject": subject, "body": "\n".join(lines)}


@jobs.handler(REMINDER_JOB)
def reminder_job(payload: dict[str, Any]) -> None:
    remind(item_id=str(payload["item"]), step=str(payload["step"]))
