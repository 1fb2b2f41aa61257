"""The change log that keeps every process's screening index fresh.

A register change (a save or a delete, caught by a signal, or a bulk change announced by a
service) appends a row in the same transaction as the change: it commits or rolls back
with it. Each process that holds an index reads the rows it has not applied before its
next search and re-reads only the records named (`live.sync`). Derived data, not a
record of the memorandum: no audit entry.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
