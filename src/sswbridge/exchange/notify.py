"""Telling the recipient contact point: on delivery, before an answer is due, once overdue.

Each event reaches the officers of the recipient contact point by e-mail (a `send_mail`
job, so mail leaves through SMTP after the transaction commits) and in the app (a
`Notification`), as each officer chose for the communication's kind. Reminders are taken by
the periodic `exchange.reminders` job; a `ReminderSent` row per step makes each one happen
exactly once, however often the sweep runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core import archive, jobs
from sswbridge.core.zones import zoned
from sswbridge.exchange.deadlines import add_business_days
from sswbridge.exchange.kinds import KINDS
from sswbridge.exchange.models import (
    Communication,
    CommunicationStatus,
    Notification,
    NotificationEvent,
    NotificationPreference,
    ReminderSent,
)

SWEEP_JOB = "exchange.reminders"


def contact_point_officers(communication: Communication) -> QuerySet[User]:
    return (
        User.objects.filter(
            agency_id=communication.recipient_agency_id, role=Role.CONTACT_POINT, is_active=True
        )
        .select_related("agency__side")
        .order_by("username")
    )


def preferences_of(user: User) -> dict[str, tuple[bool, bool]]:
    """(by e-mail, in the app) for every kind; no row means both."""
    chosen = {p.kind: (p.email, p.in_app) for p in NotificationPreference.objects.filter(user=user)}
    return {key: chosen.get(key, (True, True)) for key in KINDS}


def detail_url(communication: Communication) -> str:
    return str(settings.PUBLIC_URL) + reverse("exchange:detail", args=[communication.pk])


def _mail(communication: Communication, event: str, language: str, zone: str) -> dict[str, str]:
    """Subject and body in the recipient's language, times in the recipient's zone; the link
    leads to the details, which stay behind the sign-in (the mail carries neither subject nor
    text)."""
    c = communication
    with translation.override(language), timezone.override(zone):
        label = str(NotificationEvent(event).label)
        lines = [
            label,
            "",
            _("Kind: %(kind)s") % {"kind": c.kind_label},
            _("Framework: %(framework)s") % {"framework": c.framework.code},
            _("From: %(side)s") % {"side": c.originator_side.code},
        ]
        if c.sent_at:
            lines.append(_("Sent: %(time)s") % {"time": zoned(c.sent_at)})
        if c.due_date:
            lines.append(_("Answer due: %(date)s") % {"date": c.due_date.isoformat()})
        lines += ["", _("Open it in SSW Bridge: %(url)s") % {"url": detail_url(c)}]
        subject = _("[SSW Bridge] %(event)s: %(kind)s") % {"event": label, "kind": c.kind_label}
    return {"subject": subject, "body": "\n".join(lines)}


def notify(
    *,
    communication: Communication,
    event: str,
    users: Iterable[User] | None = None,
    text: str | None = None,
    mail_key: str = "",
) -> list[User]:
    """Notify the recipient contact point's officers (or `users`); call inside the event's
    transaction. `text` replaces the subject in the app (a retraction must not repeat it)."""
    officers = list(contact_point_officers(communication) if users is None else users)
    chosen = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(user__in=officers, kind=communication.kind)
    }
    mail_to: dict[tuple[str, str], list[str]] = {}
    for user in officers:
        pref = chosen.get(user.pk)
        if pref is None or pref.in_app:
            Notification.objects.create(
                user=user,
                communication=communication,
                event=event,
                text=(communication.subject if text is None else text)[:500],
            )
        if (pref is None or pref.email) and user.email:
            mail_to.setdefault((user.mail_language, user.zone_name), []).append(user.email)
    for (language, zone), addresses in sorted(mail_to.items()):
        jobs.enqueue(
            "send_mail",
            {"to": addresses, **_mail(communication, event, language, zone)},
            unique_key=f"exchange.mail:{communication.pk}:{event}{mail_key}:{language}:{zone}",
        )
    return officers


def delivered(*, communication: Communication) -> None:
    """A communication reached the recipient's inbox (a correction: a corrected version)."""
    corrected = communication.supersedes_id is not None
    event = NotificationEvent.CORRECTED if corrected else NotificationEvent.DELIVERED
    notify(communication=communication, event=event)
    if communication.due_date is not None:
        schedule_sweep()


def remind(*, communication: Communication, step: str) -> bool:
    """Take one reminder step; False when it was already taken."""
    with transaction.atomic():
        _row, created = ReminderSent.objects.get_or_create(communication=communication, step=step)
        if not created:
            return False
        notify(communication=communication, event=step)
        audit.record(
            actor=None,
            action=AuditAction.OTHER,
            obj=communication,
            changes={"reminder": step},
        )
    return True


def awaiting_answer() -> QuerySet[Communication]:
    return Communication.objects.filter(
        status=CommunicationStatus.SENT,
        due_date__isnull=False,
        answered_at__isnull=True,
        superseded=False,
    ).exclude(framework__status=archive.TERMINATED)  # an archive sends no reminders


def sweep(today: dt.date | None = None) -> int:
    """Remind for everything due within the reminder period or overdue; how many reminded."""
    today = today or timezone.localdate()
    horizon = add_business_days(today, int(settings.REMINDER_DAYS_BEFORE))
    due: Iterable[Communication] = (
        awaiting_answer()
        .filter(due_date__lte=horizon)
        .select_related("framework", "originator_side")
        .order_by("due_date", "pk")
    )
    count = 0
    for c in due:
        assert c.due_date is not None
        step = NotificationEvent.OVERDUE if c.due_date < today else NotificationEvent.DUE_SOON
        count += remind(communication=c, step=step)
    return count


def next_slot(now: dt.datetime | None = None) -> dt.datetime:
    """The start of the next full hour."""
    now = now or timezone.now()
    return now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)


def schedule_sweep(now: dt.datetime | None = None) -> None:
    """Make sure a sweep is queued for the next full hour (one job per hour at most)."""
    slot = next_slot(now)
    jobs.enqueue(SWEEP_JOB, {}, run_after=slot, unique_key=f"{SWEEP_JOB}:{slot:%Y-%m-%dT%H}")


def notifications_for(user: User | AnonymousUser | None) -> QuerySet[Notification]:
    """The user's own notifications about communications they may still see (none for an
    anonymous request, or one without a user)."""
    if not isinstance(user, User):
        return Notification.objects.none()
    visible = Communication.objects.visible_to(user).values("pk")
    return (
        Notification.objects.filter(user=user, communication__in=visible)
        .select_related("communication")
        .order_by("-created_at", "-pk")
    )


def unread_count(user: User | AnonymousUser | None) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def mark_read(*, actor: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the actor's own notifications read (all of them when no ids are given)."""
    with transaction.atomic():
        unread = notifications_for(actor).filter(read_at__isnull=True)
        if notification_ids is not None:
            unread = unread.filter(pk__in=list(notification_ids))
        count = Notification.objects.filter(
            pk__in=list(unread.values_list("pk", flat=True))
        ).update(read_at=timezone.now())
        if count:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type="exchange.notification",
                object_id=str(actor.pk),
                changes={"read": count},
            )
    return count


def set_preferences(*, actor: User, choices: Mapping[str, tuple[bool, bool]]) -> None:
    """Choose, per kind, mail and in-app notifications; both on needs no row."""
    unknown = sorted(set(choices) - set(KINDS))
    if unknown:
        raise ValidationError(
            {"kind": [_("No such kind: %(kinds)s") % {"kinds": ", ".join(unknown)}]}
        )
    with transaction.atomic():
        before = preferences_of(actor)
        for kind, (email, in_app) in choices.items():
            if email and in_app:
                NotificationPreference.objects.filter(user=actor, kind=kind).delete()
            else:
                NotificationPreference.objects.update_or_create(
                    user=actor, kind=kind, defaults={"email": email, "in_app": in_app}
                )
        changes = audit.diff(before, preferences_of(actor))
        if changes:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type="exchange.notificationpreference",
                object_id=str(actor.pk),
                changes=changes,
            )
