"""Sending organizations (clause 7.1, 7.2, 7.4): the application, its examination against
the framework's approving standards, the decision, and every change of status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, TimeStampedModel
from sswbridge.core.scripts import Script


class SendingOrganizationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REFUSE = "refuse", _("Refuse")


class SendingOrganization(FrameworkScopedModel):
    """An organization of the partner country that applies to send workers, and its status.

    `name_en` is the name it is listed under; its names in the partner's languages and scripts
    (any number, as an intermediary's) are `names`. The legal form is a code of the framework's
    `legal_forms`."""

    name_en = models.CharField(_("name (English)"), max_length=300)
    legal_form = models.CharField(_("legal form"), max_length=16, blank=True)
    registration_number = models.CharField(_("state registration number"), max_length=64)
    tax_number = models.CharField(_("tax number"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    representatives = models.TextField(_("representatives (one a line)"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("web site"), blank=True)
    permit_number = models.CharField(
        _("permit for employment abroad (number)"), max_length=64, blank=True
    )
    permit_valid_from = models.DateField(_("permit valid from"), null=True, blank=True)
    permit_valid_until = models.DateField(_("permit valid until"), null=True, blank=True)
    ssw_fields = models.ManyToManyField(
        "frameworks.SSWField",
        verbose_name=_("intended SSW fields"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SendingOrganizationStatus.choices,
        default=SendingOrganizationStatus.APPLIED,
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        db_table = "registry_sendingorganization"  # its table before the registry's split
        verbose_name = _("sending organization")
        verbose_name_plural = _("sending organizations")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en

    def representative_list(self) -> list[str]:
        return [line.strip() for line in self.representatives.splitlines() if line.strip()]

    def name_in(self, language: str) -> str:
        """The first name in `language` (a BCP 47 tag or its primary subtag), or ""."""
        primary = language.split("-")[0].lower()
        for name in self.names.all():
            if name.language.lower() == language.lower() or (
                name.language.split("-")[0].lower() == primary
            ):
                return name.value
        return ""

    def all_names(self) -> list[str]:
        """The English name, then every other name (for search and screening)."""
        return [self.name_en, *(n.value for n in self.names.all() if n.value != self.name_en)]

    @property
    def name_ky(self) -> str:
        """Deprecated (one release): the first Kyrgyz name."""
        return self.name_in("ky")

    @property
    def name_ru(self) -> str:
        """Deprecated (one release): the first Russian name."""
        return self.name_in("ru")

    def legal_form_label(self) -> str:
        return self.framework.legal_form_label(self.legal_form) if self.legal_form else ""


class SendingOrganizationName(TimeStampedModel):
    """One name of a sending organization, in one language and script."""

    organization = models.ForeignKey(
        SendingOrganization,
        verbose_name=_("sending organization"),
        on_delete=models.CASCADE,
        related_name="names",
    )
    value = models.CharField(_("name"), max_length=300)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices)
    language = models.CharField(_("language (BCP 47)"), max_length=16, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sending organization name")
        verbose_name_plural = _("sending organization names")
        ordering = ["sort_order", "created_at"]

    def __str__(self) -> str:
        return self.value


class ExaminationCriterion(TimeStampedModel):
    """One approving standard of a framework's checklist (clause 7.1), kept by registrars."""

    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    code = models.SlugField(_("code"), max_length=64)
    text = models.CharField(_("criterion"), max_length=500)
    guidance = models.TextField(_("what to check"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        db_table = "registry_examinationcriterion"  # its table before the registry's split
        verbose_name = _("examination criterion")
        verbose_name_plural = _("examination criteria")
        ordering = ["framework", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_code_once")
        ]

    def __str__(self) -> str:
        return self.text


class ExaminationResult(TimeStampedModel):
    """A criterion examined for one application: met or not, the evidence, the examiner."""

    organization = models.ForeignKey(
        SendingOrganization,
        verbose_name=_("sending organization"),
        on_delete=models.CASCADE,
        related_name="examination",
    )
    criterion = models.ForeignKey(
        ExaminationCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    met = models.BooleanField(_("met"))
    evidence = models.TextField(_("evidence"), blank=True)
    examiner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examiner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    examined_at = models.DateTimeField(_("examined at"), default=timezone.now)

    class Meta:
        db_table = "registry_examinationresult"  # its table before the registry's split
        verbose_name = _("examination result")
        verbose_name_plural = _("examination results")
        ordering = ["criterion__sort_order", "criterion__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "criterion"], name="criterion_examined_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.criterion_id}: {self.met}"


class StatusChange(models.Model):
    """One step of a sending organization's history; the notice to Japan that carried it."""

    id = models.BigAutoField(primary_key=True)
    organization = models.ForeignKey(
        SendingOrganization,
        verbose_name=_("sending organization"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from status"), max_length=16, choices=SendingOrganizationStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=16, choices=SendingOrganizationStatus.choices
    )
    effective_date = models.DateField(_("effective date"), default=timezone.localdate)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("recorded at"), default=timezone.now)
    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("notice to the other side"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_change",
    )

    class Meta:
        db_table = "registry_statuschange"  # its table before the registry's split
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.from_status} → {self.to_status}"
