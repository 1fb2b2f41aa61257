"""A framework's settings for one kind of communication."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkKindSetting(models.Model):
    """A framework's answer period for one kind, in business days ("promptly" as a number)."""

    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=64)
    answer_business_days = models.PositiveIntegerField(_("answer period (business days)"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer period of a kind")
        verbose_name_plural = _("answer periods of kinds")
        constraints = [
            models.UniqueConstraint(fields=["framework", "kind"], name="one_setting_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} {self.kind}: {self.answer_business_days}"
