"""Base models shared by every domain app: identity, framework, originator, marking."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from sswbridge.accounts.models import User


class Marking(models.TextChoices):
    """How far a record may travel."""

    AGENCY = "agency", _("Within the originating agency")
    SIDE = "side", _("Within the originating side")
    BOTH = "both", _("Both sides of the framework")
    PUBLIC = "public", _("Public")


class TimeStampedModel(models.Model):
    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class ScopedQuerySet(models.QuerySet[Any]):
    """Querysets of framework-scoped records; `visible_to` is the one permission filter."""

    def visible_to(self, user: User | Any) -> ScopedQuerySet:
        from sswbridge.core.visibility import filter_visible

        return filter_visible(self, user)


class FrameworkScopedModel(TimeStampedModel):
    """A record that belongs to one framework and knows who created it and how far it travels."""

    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    originator_side = models.ForeignKey(
        "frameworks.Side",
        verbose_name=_("originating side"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    originator_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("originating agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    marking = models.CharField(
        _("marking"), max_length=16, choices=Marking.choices, default=Marking.BOTH
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A unit of background work; a row survives a restart of the worker or the server."""

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    run_after = models.DateTimeField(_("run after"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("maximum attempts"), default=5)
    last_error = models.TextField(_("last error"), blank=True)
    unique_key = models.CharField(
        _("unique key"), max_length=200, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["status", "run_after"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
