"""Investigations of approved sending organizations after Japan's notice of improper
activity (clause 7.3): the guidance and supervision given, and the report of results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, TimeStampedModel


class Investigation(FrameworkScopedModel):
    """The partner's investigation; its thread of work is a case about the organization."""

    organization = models.ForeignKey(
        "sending.SendingOrganization",
        verbose_name=_("sending organization"),
        on_delete=models.PROTECT,
        related_name="investigations",
    )
    notice = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("notice of improper activity"),
        on_delete=models.PROTECT,
        related_name="investigation",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investigations",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("report of results"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investigation_report",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    class Meta:
        db_table = "registry_investigation"  # its table before the registry's split
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organization} ({self.created_at:%Y-%m-%d})"

    @property
    def is_reported(self) -> bool:
        return self.report_id is not None


class ActionKind(models.TextChoices):
    FINDING = "finding", _("Finding")
    GUIDANCE = "guidance", _("Guidance given")
    SUPERVISION = "supervision", _("Supervision")


class InvestigationAction(TimeStampedModel):
    """A finding, or guidance or supervision given to the organization."""

    investigation = models.ForeignKey(
        Investigation,
        verbose_name=_("investigation"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ActionKind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what was done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        db_table = "registry_investigationaction"  # its table before the registry's split
        verbose_name = _("investigation action")
        verbose_name_plural = _("investigation actions")
        ordering = ["date", "created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.date:%Y-%m-%d}"
