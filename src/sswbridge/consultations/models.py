"""Clause 4.2: consultations, their agenda, minutes approved by both sides and the action
items (corrective measures) followed until done. Disputes (clause 10) are agenda items too.

A consultation is framework-scoped; its participants, agenda, minutes and action items are
visible exactly when it is."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, Marking, TimeStampedModel


class ConsultationKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Subject(models.TextChoices):
    """The main subjects of the consultations (clause 4.2 a)–f))."""

    POLICIES = "a", _("a) Implementation and changes of the policies concerning the System")
    INTERMEDIARIES = "b", _("b) Appropriateness of intermediary organizations")
    CORRECTIVE_MEASURES = (
        "c",
        _(
            "c) Corrective measures for examinations and improper accepting, supporting or "
            "sending organizations"
        ),
    )
    EXAMS = "d", _("d) Proper implementation of skill exams and Japanese-language tests")
    RESIDENCE = "e", _("e) Residence management of specified skilled workers in Japan")
    OTHER = "f", _("f) Proper operation of the System and related systems")


class Consultation(FrameworkScopedModel):
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=ConsultationKind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.PLANNED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,  # empty when it arrived from the other side's node with its minutes
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="consultation_never_public"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d} {self.title}"


class Participant(TimeStampedModel):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("side"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=300)
    position = models.CharField(_("position"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["side__kind", "created_at"]

    def __str__(self) -> str:
        return self.name


class AgendaItem(TimeStampedModel):
    """One item of the agenda, tagged with the subjects of clause 4.2, or a dispute over the
    interpretation or implementation of the memorandum (clause 10)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    subjects = models.JSONField(_("subjects (clause 4.2)"), default=list, blank=True)
    is_dispute = models.BooleanField(_("dispute (clause 10)"), default=False)
    outcome = models.TextField(_("outcome"), blank=True)
    raised_by_side = models.ForeignKey(
        "frameworks.Side",
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("cases"), blank=True, related_name="+"
    )
    intermediaries = models.ManyToManyField(
        "intermediaries.Intermediary",
        verbose_name=_("intermediaries"),
        blank=True,
        related_name="+",
    )
    sending_organizations = models.ManyToManyField(
        "sending.SendingOrganization",
        verbose_name=_("sending organizations"),
        blank=True,
        related_name="+",
    )
    communications = models.ManyToManyField(
        "exchange.Communication", verbose_name=_("communications"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="one_agenda_item_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def subject_labels(self) -> list[str]:
        labels = dict(Subject.choices)
        return [str(labels.get(code, code)) for code in self.subjects]


class MinutesVersion(TimeStampedModel):
    """A version of the minutes. One side drafts; each new version asks both sides again."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="minutes_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    side = models.ForeignKey(
        "frameworks.Side",
        verbose_name=_("drafted by side"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,  # empty when drafted on the other side's node
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("version of the minutes")
        verbose_name_plural = _("versions of the minutes")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="one_minutes_version_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} v{self.number}"


class MinutesApproval(TimeStampedModel):
    """One side's approval of one version of the minutes, with the act signed by the key of
    the node hosting that side (`signed`, federation/acts.py)."""

    minutes = models.ForeignKey(
        MinutesVersion,
        verbose_name=_("minutes"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("side"), on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,  # empty when approved on the other side's node
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed = models.JSONField(_("signed act"), default=dict, blank=True)

    class Meta:
        verbose_name = _("approval of the minutes")
        verbose_name_plural = _("approvals of the minutes")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "side"], name="one_approval_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.minutes_id} {self.side_id}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItem(TimeStampedModel):
    """A corrective measure agreed at a consultation, owned by one side and agency."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("owning side"), on_delete=models.PROTECT, related_name="+"
    )
    owner_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("owning agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    progress_note = models.TextField(_("progress"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last updated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()
