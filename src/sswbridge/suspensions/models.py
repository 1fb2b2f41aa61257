"""Clause 8: Japan's temporary suspension of acceptance in an SSW field, the affected workers
from the partner country (and, for SSW (ii) only, their spouses and children), and requests
for the partner's help with their return, tracked to completion.

Models that hold data about people say so with `personal_data = True`, so that the rules on
personal data (confidentiality, retention, export) can find every one of them:
`[m for m in apps.get_models() if getattr(m, "personal_data", False)]`."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, Marking, TimeStampedModel


class Suspension(FrameworkScopedModel):
    """A temporary suspension of acceptance in one field; public (both portals show it)."""

    field = models.ForeignKey(
        "frameworks.SSWField", verbose_name=_("SSW field"), on_delete=models.PROTECT
    )
    starts_on = models.DateField(_("suspended from"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"))
    scope = models.TextField(_("scope"))
    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("notice to the partner"),
        on_delete=models.PROTECT,
        related_name="suspension",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suspension of acceptance")
        verbose_name_plural = _("suspensions of acceptance")
        ordering = ["-starts_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.field} — {self.starts_on}"

    def is_in_effect(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.lifted_on is None or self.lifted_on > today)


class ResidenceStatus(models.TextChoices):
    SSW_I = "ssw_i", _("Specified Skilled Worker (i)")
    SSW_II = "ssw_ii", _("Specified Skilled Worker (ii)")


class ResidenceSituation(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under review")
    MAY_REMAIN = "may_remain", _("Permitted to remain")
    MAY_NOT_REMAIN = "may_not_remain", _("Not permitted to remain")


class AffectedPerson(FrameworkScopedModel):
    """A worker from the partner country affected by a suspension. Personal data."""

    personal_data: ClassVar[bool] = True

    suspension = models.ForeignKey(
        Suspension,
        verbose_name=_("suspension"),
        on_delete=models.PROTECT,
        related_name="persons",
    )
    name = models.CharField(_("name"), max_length=300)
    status_of_residence = models.CharField(
        _("status of residence"), max_length=16, choices=ResidenceStatus.choices
    )
    employer = models.CharField(_("employer"), max_length=300)
    residence_situation = models.CharField(
        _("residence situation"),
        max_length=16,
        choices=ResidenceSituation.choices,
        default=ResidenceSituation.UNDER_REVIEW,
    )
    situation_note = models.TextField(_("notes on the situation"), blank=True)
    # What an embassy needs to act on (issue 16): blank on persons recorded before.
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    residence_card_number = models.CharField(_("residence card number"), max_length=12, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    field = models.ForeignKey(
        "frameworks.SSWField",
        verbose_name=_("SSW field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("affected person")
        verbose_name_plural = _("affected persons")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="affected_person_never_public"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ssw_ii(self) -> bool:
        return self.status_of_residence == ResidenceStatus.SSW_II


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")


class Dependant(TimeStampedModel):
    """A spouse or child of an SSW (ii) worker (clause 8). Personal data."""

    personal_data: ClassVar[bool] = True

    person = models.ForeignKey(
        AffectedPerson,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="dependants",
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    name = models.CharField(_("name"), max_length=300)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)

    class Meta:
        verbose_name = _("dependant")
        verbose_name_plural = _("dependants")
        ordering = ["relation", "name"]

    def __str__(self) -> str:
        return self.name


class ReturnStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    RECEIVED = "received", _("Received by the partner")
    PASSPORT_ISSUED = "passport_issued", _("Passport issued")
    DEPARTED = "departed", _("Departed")
    CLOSED = "closed", _("Closed")


# The only path a request moves along, each step with its date field.
RETURN_STEPS: tuple[tuple[str, str], ...] = (
    (ReturnStatus.RECEIVED, "received_on"),
    (ReturnStatus.PASSPORT_ISSUED, "passport_issued_on"),
    (ReturnStatus.DEPARTED, "departed_on"),
    (ReturnStatus.CLOSED, "closed_on"),
)


class ReturnAssistanceRequest(FrameworkScopedModel):
    """Japan's request for the partner's help with a return, e.g. a temporary passport
    issued through the partner's embassy in Japan. Personal data."""

    personal_data: ClassVar[bool] = True

    person = models.ForeignKey(
        AffectedPerson,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="return_requests",
    )
    dependants = models.ManyToManyField(
        Dependant, verbose_name=_("dependants returning too"), blank=True, related_name="+"
    )
    assistance = models.TextField(_("assistance requested"))
    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("request to the partner"),
        on_delete=models.PROTECT,
        related_name="return_request",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReturnStatus.choices, default=ReturnStatus.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    passport_issued_on = models.DateField(_("passport issued on"), null=True, blank=True)
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("return-assistance request")
        verbose_name_plural = _("return-assistance requests")
        ordering = ["requested_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="return_request_never_public"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != ReturnStatus.CLOSED

    def age_days(self, today: dt.date | None = None) -> int:
        """Days since the request was made (for the dashboard of open requests)."""
        return ((today or timezone.localdate()) - self.requested_on).days

    def next_step(self) -> tuple[str, str] | None:
        order = [ReturnStatus.REQUESTED, *(step for step, _f in RETURN_STEPS)]
        index = order.index(ReturnStatus(self.status))
        return RETURN_STEPS[index] if index < len(RETURN_STEPS) else None


class TravelDocumentKind(models.TextChoices):
    TEMPORARY = "temporary_travel_document", _("Temporary travel document")


class TravelDocumentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Issued")
    DEPARTED = "departed", _("Departed")
    CANCELLED = "cancelled", _("Cancelled")


# From each status, the steps that may follow, each with its date field.
TRAVEL_STEPS: dict[str, dict[str, str]] = {
    TravelDocumentStatus.REQUESTED: {
        TravelDocumentStatus.ISSUED: "issued_on",
        TravelDocumentStatus.CANCELLED: "cancelled_on",
    },
    TravelDocumentStatus.ISSUED: {
        TravelDocumentStatus.DEPARTED: "departed_on",
        TravelDocumentStatus.CANCELLED: "cancelled_on",
    },
}


class TravelDocument(FrameworkScopedModel):
    """A temporary travel document the partner's embassy issues to an affected person, from
    request to issue to departure (or cancelled). The partner's side keeps it. Personal data."""

    personal_data: ClassVar[bool] = True

    person = models.ForeignKey(
        AffectedPerson,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="travel_documents",
    )
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=TravelDocumentKind.choices,
        default=TravelDocumentKind.TEMPORARY,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TravelDocumentStatus.choices,
        default=TravelDocumentStatus.REQUESTED,
    )
    issuing_mission = models.CharField(_("issuing mission"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=20, blank=True)
    requested_on = models.DateField(_("requested on"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("travel document")
        verbose_name_plural = _("travel documents")
        ordering = ["requested_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="travel_document_never_public"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def next_steps(self) -> dict[str, str]:
        return TRAVEL_STEPS.get(self.status, {})
