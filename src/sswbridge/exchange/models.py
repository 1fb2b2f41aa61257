"""Communications between the two sides of a framework, with their receipts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, Marking, ScopedQuerySet
from sswbridge.exchange.kinds import KINDS, CommunicationKind


class CommunicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class CommunicationQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> CommunicationQuerySet:
        """The one read filter for communications.

        On the originating side the marking decides as for every record (agency or side; a
        draft never leaves it). A sent communication also reaches its recipient: the whole
        recipient side when marked for both sides, otherwise only the recipient contact
        point's agency. Nothing in the exchange is public.
        """
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        agency = getattr(user, "agency", None)
        if agency is None:
            return self.none()
        own_side = Q(originator_side_id=agency.side_id) & (
            Q(marking=Marking.AGENCY, originator_agency_id=agency.pk)
            | Q(marking__in=[Marking.SIDE, Marking.BOTH])
        )
        received = Q(status=CommunicationStatus.SENT, recipient_side_id=agency.side_id) & (
            Q(marking=Marking.BOTH) | Q(recipient_agency_id=agency.pk)
        )
        return self.filter(framework__in=user.visible_frameworks()).filter(own_side | received)


class Communication(FrameworkScopedModel):
    """Anything one side sends the other under a framework (clause 2).

    The UUID `id` is its global identity. Once sent, its content is fixed and its
    `content_hash` covers the canonical envelope (see `envelope.py`); a correction is a new
    version that `supersedes` it. Only the receipt times change after sending.
    """

    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_side = models.ForeignKey(
        "frameworks.Side",
        verbose_name=_("recipient side"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("recipient contact point"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    in_reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    due_date = models.DateField(_("answer due"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommunicationStatus.choices,
        default=CommunicationStatus.DRAFT,
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    first_opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    first_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first opened by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, blank=True)

    # Narrows the base manager to the communication-aware `visible_to`.
    objects = CommunicationQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communications")
        ordering = ["-sent_at", "-created_at"]
        indexes = [
            models.Index(fields=["recipient_side", "status", "-sent_at"]),
            models.Index(fields=["originator_side", "status", "-sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="communication_never_public"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def kind_spec(self) -> CommunicationKind | None:
        return KINDS.get(self.kind)

    @property
    def kind_label(self) -> str:
        spec = self.kind_spec
        return str(spec.label) if spec else self.kind

    @property
    def is_sent(self) -> bool:
        return self.status == CommunicationStatus.SENT

    @property
    def awaits_answer(self) -> bool:
        return self.is_sent and self.due_date is not None and self.answered_at is None

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.awaits_answer and self.due_date is not None and self.due_date < today

    def payload_display(self) -> list[tuple[str, str]]:
        """(label, value) for each payload field, choices shown by their labels."""
        spec = self.kind_spec
        if spec is None:
            return [(key, str(value)) for key, value in self.payload.items()]
        rows = []
        for field in spec.fields:
            if field.name not in self.payload:
                continue
            value = self.payload[field.name]
            labels = dict(field.choices)
            if isinstance(value, list):
                shown = "; ".join(str(labels.get(v, v)) for v in value)
            else:
                shown = str(labels.get(value, value))
            rows.append((str(field.label), shown))
        return rows
