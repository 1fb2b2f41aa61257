"""Notifications of the exchange's events, their preferences, and the reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.exchange.models.communications import Communication


class NotificationEvent(models.TextChoices):
    DELIVERED = "delivered", _("A communication arrived")
    DUE_SOON = "due_soon", _("An answer is due soon")
    OVERDUE = "overdue", _("An answer is overdue")
    CORRECTED = "corrected", _("A corrected version arrived")
    RETRACTED = "retracted", _("A communication was retracted")
    RELEASE_REQUESTED = "release_requested", _("The other side asks for withheld content")
    RELEASE_DECIDED = "release_decided", _("A request for withheld content was decided")


class ReminderSent(models.Model):
    """A reminder step taken for a communication; the unique pair makes it happen once."""

    communication = models.ForeignKey(
        Communication, verbose_name=_("communication"), on_delete=models.CASCADE, related_name="+"
    )
    step = models.CharField(_("step"), max_length=32, choices=NotificationEvent.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["communication", "step"], name="one_reminder_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.communication_id} {self.step}"


class Notification(models.Model):
    """A message to one user in the app (the bell in the navigation)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    communication = models.ForeignKey(
        Communication, verbose_name=_("communication"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=32, choices=NotificationEvent.choices)
    text = models.CharField(_("text"), max_length=500)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    """How a user wants to hear about one kind of communication (no row: mail and app)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=64)
    email = models.BooleanField(_("by e-mail"), default=True)
    in_app = models.BooleanField(_("in the app"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
