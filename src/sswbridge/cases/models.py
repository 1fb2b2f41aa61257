"""Cases: the thread of work on one subject, with its communications, tasks, notes,
evidence files and decision. A case is internal work of the side that opened it unless it is
marked for both sides; its tasks, notes and evidence are visible exactly when it is."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sswbridge.core.models import FrameworkScopedModel, Marking, TimeStampedModel


class SubjectType(models.TextChoices):
    INTERMEDIARY = "intermediary", _("Intermediary")
    SENDING_ORGANIZATION = "sending_organization", _("Sending organization")
    EXAM_FRAUD = "exam_fraud", _("Exam fraud")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "Open")
    UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
    AWAITING_OTHER_SIDE = "awaiting_other_side", _("Awaiting the other side")
    CLOSED = "closed", _("Closed")


# The only path a case moves along; a move goes forward on it (reopening aside).
STATUS_PATH: tuple[str, ...] = (
    CaseStatus.OPEN,
    CaseStatus.UNDER_INVESTIGATION,
    CaseStatus.AWAITING_OTHER_SIDE,
    CaseStatus.CLOSED,
)


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")
    NOT_SUBSTANTIATED = "not_substantiated", _("Not substantiated")
    REFERRED = "referred", _("Referred to another authority")
    NO_ACTION = "no_action", _("No action needed")


class Case(FrameworkScopedModel):
    """One subject under work. `reference` (e.g. JP-KG-2026-0001) is unique per framework."""

    reference = models.CharField(_("reference"), max_length=40, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    subject_type = models.CharField(_("subject"), max_length=32, choices=SubjectType.choices)
    intermediary = models.ForeignKey(
        "intermediaries.Intermediary",
        verbose_name=_("intermediary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    sending_organization = models.ForeignKey(
        "sending.SendingOrganization",
        verbose_name=_("sending organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(
        _("status"), max_length=32, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "reference"], name="case_reference_unique_per_framework"
            ),
            models.CheckConstraint(condition=~Q(marking=Marking.PUBLIC), name="case_never_public"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseCommunication(TimeStampedModel):
    """A communication linked to a case; a communication belongs to at most one case."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="links"
    )
    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("communication"),
        on_delete=models.PROTECT,
        related_name="case_link",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("communication of a case")
        verbose_name_plural = _("communications of cases")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} ↔ {self.communication_id}"


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task status", "Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Task(TimeStampedModel):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self) -> bool:
        return (
            self.status == TaskStatus.OPEN
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class Note(TimeStampedModel):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]


def evidence_path(instance: Evidence, filename: str) -> str:
    """MEDIA_ROOT/cases/<case id>/<evidence id><extension>: never the uploader's file name."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"cases/{instance.case_id}/{instance.pk}{suffix}"


class Evidence(TimeStampedModel):
    """A file kept for a case, with its SHA-256; its type was checked by content."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class EventKind(models.TextChoices):
    OPENED = "opened", _("Case opened")
    STATUS_CHANGED = "status_changed", _("Status changed")
    CLOSED = "closed", _("Case closed")
    REOPENED = "reopened", _("Case reopened")
    COMMUNICATION_LINKED = "communication_linked", _("Communication linked")


class CaseEvent(models.Model):
    """A change of a case's state, written by the services; the timeline reads them."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField(
        _("from status"), max_length=32, choices=CaseStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=32, choices=CaseStatus.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    communication = models.ForeignKey(
        "exchange.Communication",
        verbose_name=_("communication"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
