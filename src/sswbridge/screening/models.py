"""Screening's rows: the change log, the hits of automatic screening, uploaded batches.

The change log keeps every process's screening index fresh.

A register change (a save or a delete, caught by a signal, or a bulk change announced by a
service) appends a row in the same transaction as the change: it commits or rolls back
with it. Each process that holds an index reads the rows it has not applied before its
next search and re-reads only the records named (`live.sync`). Derived data, not a
record of the memorandum: no audit entry.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel

WHOLE_SOURCE = "*"


class ScreeningChange(models.Model):
    id = models.BigAutoField(primary_key=True)
    source = models.CharField(_("source"), max_length=32)
    object_id = models.CharField(_("record"), max_length=64)  # WHOLE_SOURCE: all of it
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("screening index change")
        verbose_name_plural = _("screening index changes")

    def __str__(self) -> str:
        return f"{self.source}:{self.object_id}"


class HitStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    MATCH = "match", _("Match")
    NOT_MATCH = "not_match", _("Not a match")


class ScreeningHit(FrameworkScopedModel):
    """A candidate found when a record was screened on saving (issue 5, point 3).

    One row per pair of records (subject, candidate), in either direction: once decided, the
    pair never alerts again (a "not a match" is a known false positive); a "match" links the
    two records. Its marking is the narrower of the two records', so that whoever sees the
    hit may see both records."""

    subject_source = models.CharField(_("screened register"), max_length=32)
    subject_id = models.CharField(_("screened record"), max_length=64)
    subject_name = models.CharField(_("name screened"), max_length=300)
    communication = models.ForeignKey(
        "exchange.Communication",
        verbose_name=_("share that named it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    candidate_source = models.CharField(_("candidate register"), max_length=32)
    candidate_id = models.CharField(_("candidate record"), max_length=64)
    candidate_name = models.CharField(_("candidate name"), max_length=300)
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=HitStatus.choices, default=HitStatus.OPEN
    )
    reason = models.TextField(_("reason"), blank=True)
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
        verbose_name = _("screening hit")
        verbose_name_plural = _("screening hits")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_source", "subject_id", "candidate_source", "candidate_id"],
                name="screening_hit_one_per_pair",
            )
        ]
        indexes = [
            models.Index(fields=["subject_source", "subject_id"]),
            models.Index(fields=["candidate_source", "candidate_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} ~ {self.candidate_name} ({self.score:.2f})"

    @property
    def subject_key(self) -> str:
        return f"{self.subject_source}:{self.subject_id}"

    @property
    def candidate_key(self) -> str:
        return f"{self.candidate_source}:{self.candidate_id}"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScreeningBatch(models.Model):
    """A batch of names uploaded for screening, run as a background job. A user's own work,
    seen only by that user; the queries, the optional watch list and the results are kept as
    CSV text."""

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    queries_csv = models.TextField(_("queries"))
    watchlist_name = models.CharField(_("watch list file name"), max_length=255, blank=True)
    watchlist_csv = models.TextField(_("watch list"), blank=True)
    threshold = models.FloatField(_("threshold"))
    limit = models.PositiveIntegerField(_("candidates per name"))
    status = models.CharField(
        _("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    queries_total = models.PositiveIntegerField(_("names"), default=0)
    queries_done = models.PositiveIntegerField(_("names screened"), default=0)
    results_csv = models.TextField(_("results"), blank=True)
    results_count = models.PositiveIntegerField(_("candidates found"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("screening batch")
        verbose_name_plural = _("screening batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def finished(self) -> bool:
        return self.status in (BatchStatus.DONE, BatchStatus.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.queries_total:
            return None
        return min(100, self.queries_done * 100 // self.queries_total)
