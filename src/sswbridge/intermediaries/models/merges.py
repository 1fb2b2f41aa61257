"""Entity resolution of intermediaries: merges of duplicate records and pairs found not to
be duplicates."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.intermediaries.models.intermediaries import Intermediary


class IntermediaryMerge(models.Model):
    """`source` merged into `target`: who, when, why, and exactly which rows moved.

    `moved` is the snapshot written at the merge: {"names": [ids], "identifiers": [ids],
    "links_out": [ids], "links_in": [ids], "kept": {...}, "mentions": [ids], "cases": [ids]}.
    An undo moves back exactly the rows listed, so what was added to the target later stays.
    The record keeps both events: `undone_at` is set, never cleared.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target = models.ForeignKey(
        Intermediary,
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        related_name="merges_in",
    )
    source = models.ForeignKey(
        Intermediary,
        verbose_name=_("merged record"),
        on_delete=models.PROTECT,
        related_name="merges_out",
    )
    reason = models.TextField(_("reason"))
    score = models.FloatField(_("score"), null=True, blank=True)
    moved = models.JSONField(_("what moved"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undo_reason = models.TextField(_("reason for the undo"), blank=True)
    restored = models.JSONField(_("what moved back"), default=dict, blank=True)

    class Meta:
        db_table = "registry_intermediarymerge"  # its table before the registry's split
        verbose_name = _("merge of intermediaries")
        verbose_name_plural = _("merges of intermediaries")
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class DuplicateDismissal(models.Model):
    """Two intermediaries an officer found not to be the same: never suggested again.

    The pair is stored in a fixed order (`first` has the smaller id as text)."""

    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    first = models.ForeignKey(
        Intermediary, verbose_name=_("intermediary"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        Intermediary,
        verbose_name=_("other intermediary"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), default=timezone.now)

    class Meta:
        db_table = "registry_duplicatedismissal"  # its table before the registry's split
        verbose_name = _("pair found not to be duplicates")
        verbose_name_plural = _("pairs found not to be duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_dismissal_once")
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"
