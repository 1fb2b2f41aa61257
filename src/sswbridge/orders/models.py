"""Improvement orders Japan makes to accepting organizations (clauses 6.3 and 7.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel


class ImprovementOrder(FrameworkScopedModel):
    """An order to an accepting organization in Japan, as Japan makes it public (公示)."""

    order_date = models.DateField(_("date of the order"))
    organization_name = models.CharField(_("accepting organization"), max_length=300)
    organization_name_en = models.CharField(
        _("accepting organization (English)"), max_length=300, blank=True
    )
    address = models.CharField(_("address"), max_length=500)
    representative = models.CharField(_("representative"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    measures = models.TextField(_("measures ordered"))
    improvement_deadline = models.DateField(_("deadline for improvement"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the copy of an order recorded on another node."),
    )
    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("notice to the other side"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="improvement_order",
    )

    class Meta:
        db_table = "registry_improvementorder"  # its table before the registry's split
        verbose_name = _("improvement order")
        verbose_name_plural = _("improvement orders")
        ordering = ["-order_date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.order_date:%Y-%m-%d} {self.organization_name}"
