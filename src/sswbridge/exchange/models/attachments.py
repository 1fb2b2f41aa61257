"""Attachments of communications, and who downloaded each."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, Marking, ScopedQuerySet
from sswbridge.core.visibility import reader_agency
from sswbridge.exchange.models.communications import Communication, CommunicationStatus


def attachment_path(instance: Attachment, filename: str) -> str:
    """MEDIA_ROOT/exchange/<communication id>/<uuid>: never the uploaded name."""
    return f"exchange/{instance.communication_id}/{uuid.uuid4().hex}"


class AttachmentQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> AttachmentQuerySet:
        """Visible when its communication is, and its own marking reaches the user too."""
        visible = Communication.objects.visible_to(user)
        agency = reader_agency(user)
        if agency is None or visible.query.is_empty():
            return self.none()
        own_side = Q(communication__originator_side_id=agency.side_id) & (
            Q(marking=Marking.AGENCY, communication__originator_agency_id=agency.pk)
            | Q(marking__in=[Marking.SIDE, Marking.BOTH])
        )
        received = Q(
            communication__status=CommunicationStatus.SENT,
            communication__recipient_side_id=agency.side_id,
        ) & (Q(marking=Marking.BOTH) | Q(communication__recipient_agency_id=agency.pk))
        return self.filter(communication__in=visible.values("pk")).filter(own_side | received)


class Attachment(FrameworkScopedModel):
    """A file of a communication, stored with its SHA-256; fixed once the communication is
    sent. Its marking defaults to the communication's and may only narrow it."""

    communication = models.ForeignKey(
        Communication,
        verbose_name=_("communication"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type (detected)"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # None for a file that arrived from another node with its communication (federation).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withheld = models.BooleanField(
        _("withheld from the other side"),
        default=False,
        help_text=_("Stored, but the other side sees only that a file is withheld."),
    )

    objects = AttachmentQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "original_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="attachment_never_public"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class AttachmentDownload(models.Model):
    """One download of an attachment (the audit trail records it too)."""

    attachment = models.ForeignKey(
        Attachment,
        verbose_name=_("attachment"),
        on_delete=models.PROTECT,
        related_name="downloads",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("downloaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment download")
        verbose_name_plural = _("attachment downloads")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.attachment_id} {self.at:%Y-%m-%d %H:%M}"
