"""Clauses 9 and 10: the framework review, revisions by written consent of both sides, the
versioned text of the memorandum, and notices of termination."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, Marking, TimeStampedModel


def _never_public(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=~Q(marking=Marking.PUBLIC), name=name)


class ReviewStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")


class FrameworkReview(FrameworkScopedModel):
    """A review of the framework (clause 9), with its date and outcome."""

    review_date = models.DateField(_("date of the review"))
    title = models.CharField(_("title"), max_length=300)
    outcome = models.TextField(_("outcome"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("framework review")
        verbose_name_plural = _("framework reviews")
        ordering = ["-review_date", "-created_at"]
        constraints = [_never_public("review_never_public")]

    def __str__(self) -> str:
        return f"{self.review_date} {self.title}"


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, awaiting written consent")
    IN_FORCE = "in_force", _("In force")


class Amendment(FrameworkScopedModel):
    """A revision of the memorandum, proposed as a communication carrying the new text. It is
    in force only when both sides have consented in writing (clause 9)."""

    proposal = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        related_name="amendment",
    )
    clauses = models.CharField(_("clauses concerned"), max_length=300, blank=True)
    new_text = models.TextField(_("proposed text"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.PROPOSED,
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,  # empty when proposed on the other side's node
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["-created_at"]
        constraints = [_never_public("amendment_never_public")]

    def __str__(self) -> str:
        return self.proposal.subject


class AmendmentConsent(TimeStampedModel):
    """One side's written consent to an amendment: the communication that carries it, and the
    act signed by the key of the node hosting that side (`signed`, federation/acts.py): the
    two consents' signatures are clause 9's "written consent of both"."""

    amendment = models.ForeignKey(
        Amendment, verbose_name=_("amendment"), on_delete=models.PROTECT, related_name="consents"
    )
    side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("side"), on_delete=models.PROTECT, related_name="+"
    )
    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("written consent"),
        on_delete=models.PROTECT,
        related_name="amendment_consent",
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,  # empty when given on the other side's node
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed = models.JSONField(_("signed act"), default=dict, blank=True)

    class Meta:
        verbose_name = _("consent to an amendment")
        verbose_name_plural = _("consents to amendments")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "side"], name="one_consent_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.amendment_id} {self.side_id}"


class MemorandumText(FrameworkScopedModel):
    """One version of the memorandum's text. Version 1 is the text as signed; each later one
    was made by an amendment, whose consents it shows."""

    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    in_force_from = models.DateField(_("in force from"))
    amendment = models.OneToOneField(
        Amendment,
        verbose_name=_("amendment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="text_version",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,  # empty when the other side's consent, arriving, brought it into force
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("text of the memorandum")
        verbose_name_plural = _("texts of the memorandum")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="one_text_per_number"),
            _never_public("memorandum_text_never_public"),
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} v{self.number}"


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Running")
    WITHDRAWN = "withdrawn", _("Withdrawn with the other side's consent")
    EFFECTIVE = "effective", _("Effective: the framework is terminated")


class TerminationNotice(FrameworkScopedModel):
    """A notice of the intention to terminate (clause 10). The framework ends six calendar
    months after the other side received it (`received_on`, from the delivery receipt). Sent
    to a side another node hosts, it awaits that node's signed receipt (`receipt`): until then
    `received_on` and `termination_date` are empty."""

    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("notice"),
        on_delete=models.PROTECT,
        related_name="termination_notice",
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    termination_date = models.DateField(_("termination date"), null=True, blank=True)
    receipt = models.JSONField(_("signed receipt"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    withdrawal_request = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("request to withdraw"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_consent = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("consent to withdraw"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,  # empty when given on the other side's node
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notice of termination")
        verbose_name_plural = _("notices of termination")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework"],
                condition=Q(status="pending"),
                name="one_running_notice_per_framework",
            ),
            _never_public("termination_notice_never_public"),
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} → {self.termination_date}"

    @property
    def is_pending(self) -> bool:
        return self.status == NoticeStatus.PENDING

    @property
    def awaiting_receipt(self) -> bool:
        """Sent to another node, whose signed receipt has not come back yet."""
        return self.received_on is None
