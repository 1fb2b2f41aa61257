"""A request of the other side for content the originator withheld, and its decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RELEASED = "released", _("Released")
    REFUSED = "refused", _("Refused")


class ReleaseRequest(models.Model):
    """The recipient side asks for one withheld field (`field`) or attachment
    (`attachment`); the originating side's contact point releases or refuses it."""

    communication = models.ForeignKey(
        "exchange.Communication",
        verbose_name=_("communication"),
        on_delete=models.PROTECT,
        related_name="release_requests",
    )
    field = models.CharField(_("field"), max_length=64, blank=True)
    attachment = models.ForeignKey(
        "exchange.Attachment",
        verbose_name=_("attachment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="release_requests",
    )
    reason = models.CharField(_("why it is needed"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        help_text=_("Empty when the request came from the other node (issue 14)."),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=2000, blank=True)

    class Meta:
        app_label = "exchange"
        verbose_name = _("request for withheld content")
        verbose_name_plural = _("requests for withheld content")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(field="") & Q(attachment__isnull=False))
                | (~Q(field="") & Q(attachment__isnull=True)),
                name="release_request_one_target",
            ),
            models.UniqueConstraint(
                fields=["communication", "field"],
                condition=Q(status="pending", attachment__isnull=True),
                name="one_pending_field_release_request",
            ),
            models.UniqueConstraint(
                fields=["attachment"],
                condition=Q(status="pending"),
                name="one_pending_attachment_release_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.communication_id} {self.field or self.attachment_id}"
