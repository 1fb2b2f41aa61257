"""The read log: who of the other side viewed or downloaded which shared item, and when.

Append-only: a row is written once (`services.log_read`) and never changed or deleted by
the application. It is its own table, not the audit chain: one insert per read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role
from sswbridge.core.visibility import reader_agency


class ObjectType(models.TextChoices):
    COMMUNICATION = "communication", _("Communication")
    ATTACHMENT = "attachment", _("Attachment")
    CASE = "case", _("Case")
    EVIDENCE = "evidence", _("Evidence file")


class ReadAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    DOWNLOAD = "download", _("Downloaded")


class Channel(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")


# Who of the originating side sees the reads of its items: its agency's staff, and the
# side's auditors and administrators.
AGENCY_READERS = (Role.CONTACT_POINT, Role.OFFICER, Role.REGISTRAR)
SIDE_READERS = (Role.AUDITOR, Role.ADMINISTRATOR)


class ReadEventQuerySet(models.QuerySet["ReadEvent"]):
    def visible_to(self, user: Any) -> ReadEventQuerySet:
        """The originator's side: staff of the item's originating agency, auditors and
        administrators of its side; only frameworks the user may see."""
        agency = reader_agency(user)
        if agency is None:
            return self.none()
        if user.role in SIDE_READERS:
            mine = Q(originator_side_id=agency.side_id)
        elif user.role in AGENCY_READERS:
            mine = Q(originator_agency_id=agency.pk)
        else:
            return self.none()
        return self.filter(mine, framework__in=user.visible_frameworks())


class ReadEvent(models.Model):
    at = models.DateTimeField(_("read at"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("reader's agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    originator_side = models.ForeignKey(
        "frameworks.Side",
        verbose_name=_("originating side"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    originator_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("originating agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.CharField(_("item"), max_length=16, choices=ObjectType.choices)
    object_id = models.UUIDField(_("item id"))
    parent_id = models.UUIDField(
        _("communication or case"),
        null=True,
        blank=True,
        help_text=_("For an attachment its communication, for an evidence file its case."),
    )
    action = models.CharField(_("action"), max_length=16, choices=ReadAction.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)

    objects = ReadEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("read")
        verbose_name_plural = _("reads")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["object_id", "-at"], name="read_of_item"),
            models.Index(fields=["parent_id", "-at"], name="read_under_item"),
            models.Index(fields=["originator_agency", "-at"], name="read_by_originator"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("The read log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("The read log is append-only.")
