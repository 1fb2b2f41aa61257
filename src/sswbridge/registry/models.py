"""Registers kept by the sides: intermediaries reported and sending organizations.

The exchange and registers issues grow these; the foundation keeps names in every
script they come in, tagged with script and language.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, TimeStampedModel


class Script(models.TextChoices):
    CYRILLIC = "Cyrl", _("Cyrillic")
    LATIN = "Latn", _("Latin")
    JAPANESE = "Jpan", _("Japanese (kanji and kana)")
    OTHER = "Zyyy", _("Other")


class PartyKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    CORPORATION = "corporation", _("Corporation")


class Intermediary(FrameworkScopedModel):
    """An intermediary organization or person reported under clause 4.1, in either country."""

    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("intermediary")
        verbose_name_plural = _("intermediaries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        first = self.names.first()
        return first.value if first else str(self.pk)


class IntermediaryName(TimeStampedModel):
    intermediary = models.ForeignKey(
        Intermediary, verbose_name=_("intermediary"), on_delete=models.CASCADE, related_name="names"
    )
    value = models.CharField(_("name"), max_length=300)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices)
    language = models.CharField(_("language (BCP 47)"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("intermediary name")
        verbose_name_plural = _("intermediary names")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.value


class SendingOrganizationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class SendingOrganization(FrameworkScopedModel):
    """An organization of the partner country that sends workers (clause 7)."""

    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    registration_number = models.CharField(_("state registration number"), max_length=64)
    tax_number = models.CharField(_("tax number"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SendingOrganizationStatus.choices,
        default=SendingOrganizationStatus.APPLIED,
    )

    class Meta:
        verbose_name = _("sending organization")
        verbose_name_plural = _("sending organizations")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en
