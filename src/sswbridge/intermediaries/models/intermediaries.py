"""The intermediaries register (clause 4.1): names in every script they come in, tagged with
script and language, identifiers, linked people and mentions in communications."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
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


class IntermediaryStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MERGED = "merged", _("Merged into another record")


class Intermediary(FrameworkScopedModel):
    """An intermediary organization or person reported under clause 4.1, in either country.

    A record found to be a duplicate is merged into another (`merges.py`): it stays, with
    status *merged* and `merged_into` naming the record that now holds its names.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=IntermediaryStatus.choices,
        default=IntermediaryStatus.ACTIVE,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )

    class Meta:
        db_table = "registry_intermediary"  # its table before the registry's split
        verbose_name = _("intermediary")
        verbose_name_plural = _("intermediaries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        names = list(self.names.all())  # uses the prefetched names when there are
        return names[0].value if names else str(self.pk)


class IntermediaryName(TimeStampedModel):
    intermediary = models.ForeignKey(
        Intermediary, verbose_name=_("intermediary"), on_delete=models.CASCADE, related_name="names"
    )
    value = models.CharField(_("name"), max_length=300)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices)
    language = models.CharField(_("language (BCP 47)"), max_length=16, blank=True)

    class Meta:
        db_table = "registry_intermediaryname"  # its table before the registry's split
        verbose_name = _("intermediary name")
        verbose_name_plural = _("intermediary names")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.value


class IdentifierType(models.TextChoices):
    REGISTRATION_NUMBER = "registration_number", _("Registration number")
    TAX_NUMBER = "tax_number", _("Tax number")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail address")
    WEBSITE = "website", _("Web site")
    ADDRESS = "address", _("Address")


class IntermediaryIdentifier(TimeStampedModel):
    """A number, address or contact of an intermediary; `normalized` is the value for matching."""

    intermediary = models.ForeignKey(
        Intermediary,
        verbose_name=_("intermediary"),
        on_delete=models.CASCADE,
        related_name="identifiers",
    )
    type = models.CharField(_("type"), max_length=32, choices=IdentifierType.choices)
    value = models.CharField(_("value"), max_length=500)
    normalized = models.CharField(_("value for matching"), max_length=500, db_index=True)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2, blank=True)

    class Meta:
        db_table = "registry_intermediaryidentifier"  # its table before the registry's split
        verbose_name = _("intermediary identifier")
        verbose_name_plural = _("intermediary identifiers")
        ordering = ["type", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["intermediary", "type", "normalized"],
                name="intermediary_identifier_once",
            )
        ]

    def __str__(self) -> str:
        return self.value


class LinkRelation(models.TextChoices):
    DIRECTOR = "director", _("Director")
    FOUNDER = "founder", _("Founder")
    REPRESENTATIVE = "representative", _("Representative")
    EMPLOYEE = "employee", _("Employee")
    OTHER = "other", _("Other")


class IntermediaryLink(TimeStampedModel):
    """A person linked to an intermediary, such as its director; both in the same framework."""

    from_intermediary = models.ForeignKey(
        Intermediary,
        verbose_name=_("intermediary"),
        on_delete=models.CASCADE,
        related_name="links_out",
    )
    to_intermediary = models.ForeignKey(
        Intermediary,
        verbose_name=_("linked person"),
        on_delete=models.CASCADE,
        related_name="links_in",
    )
    relation = models.CharField(_("relation"), max_length=32, choices=LinkRelation.choices)

    class Meta:
        db_table = "registry_intermediarylink"  # its table before the registry's split
        verbose_name = _("linked person")
        verbose_name_plural = _("linked people")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_intermediary", "to_intermediary", "relation"],
                name="intermediary_link_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_intermediary=models.F("to_intermediary")),
                name="intermediary_link_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_intermediary_id} → {self.to_intermediary_id} ({self.relation})"


class IntermediaryMention(models.Model):
    """A communication that names an intermediary (a share creates or links it)."""

    intermediary = models.ForeignKey(
        Intermediary,
        verbose_name=_("intermediary"),
        on_delete=models.PROTECT,
        related_name="mentions",
    )
    communication = models.ForeignKey(
        "exchange.Communication",
        verbose_name=_("communication"),
        on_delete=models.PROTECT,
        related_name="intermediary_mentions",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        db_table = "registry_intermediarymention"  # its table before the registry's split
        verbose_name = _("mention of an intermediary")
        verbose_name_plural = _("mentions of intermediaries")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["intermediary", "communication"], name="intermediary_mention_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.intermediary_id} in {self.communication_id}"
