"""Retention periods of personal data, and the record of each erasure (without the data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sswbridge.retention.catalogue import RetentionKind


class RetentionPolicy(models.Model):
    """The period of one kind of record: for every framework (no framework) or for one."""

    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the period for every framework that sets none of its own."),
    )
    kind = models.CharField(_("kind of record"), max_length=40, choices=RetentionKind.choices)
    days = models.PositiveIntegerField(_("retention period (days)"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["kind", "framework__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(framework__isnull=True), name="retention_one_global"
            ),
            models.UniqueConstraint(fields=["framework", "kind"], name="retention_one_per_fw"),
            models.CheckConstraint(condition=Q(days__gte=1), name="retention_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.days}"


class Erasure(models.Model):
    """One record whose personal data was erased: what, when, under which period. It keeps
    the retention job from visiting the record again and holds no personal data."""

    kind = models.CharField(_("kind of record"), max_length=40, choices=RetentionKind.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    side_code = models.CharField(_("originating side"), max_length=8, db_index=True)
    fields = models.JSONField(_("fields and how"), default=dict)
    period_days = models.PositiveIntegerField(_("retention period (days)"))
    reference_date = models.DateField(_("period ran from"))
    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True)

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-erased_at"]
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="erasure_once"),
        ]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id}"
