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
from sswbridge.core.visibility import reader_agency
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
        agency = reader_agency(user)
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


CURRENT = Q(status="sent", superseded=False)
VISIBILITY_COLUMNS = [
    "framework",
    "marking",
    "originator_side",
    "originator_agency",
    "recipient_agency",
    "status",
]


class Communication(FrameworkScopedModel):
    """Anything one side sends the other under a framework (clause 2).

    The UUID `id` is its global identity. Once sent, its content is fixed and its
    `content_hash` covers the canonical envelope (see `envelope.py`); a correction is a new
    version that `supersedes` it. Only the receipt times change after sending.
    """

    # None for a communication that arrived from another node (federation): the envelope it
    # came in names the sender there (`sender_display`).
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        null=True,
        blank=True,
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
    superseded = models.BooleanField(
        _("superseded by a correction"),
        default=False,
        help_text=_("Set when a corrected version is sent; lists show only current versions."),
    )
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, blank=True)
    withheld_fields = models.JSONField(
        _("fields withheld from the other side"),
        default=list,
        blank=True,
        help_text=_("Payload fields stored but never shown to the other side (redaction)."),
    )
    retracted_at = models.DateTimeField(_("retracted at"), null=True, blank=True)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retracted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    retraction_reason = models.CharField(_("reason for retraction"), max_length=1000, blank=True)

    # Narrows the base manager to the communication-aware `visible_to`.
    objects = CommunicationQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communications")
        ordering = ["-sent_at", "-created_at"]
        # The inbox and outbox: current sent versions of one side, newest first. Partial, so
        # a page is an index scan in order that stops at its last row; the columns that
        # `visible_to` tests are included, so counting a list reads only the index
        # (PostgreSQL; other databases ignore `include`).
        indexes = [
            models.Index(
                fields=["recipient_side", "-sent_at", "-created_at"],
                condition=CURRENT,
                include=VISIBILITY_COLUMNS,
                name="communication_inbox",
            ),
            models.Index(
                fields=["originator_side", "-sent_at", "-created_at"],
                condition=CURRENT,
                include=VISIBILITY_COLUMNS,
                name="communication_outbox",
            ),
            # The unread badge on every page, and the lists awaiting an answer (and overdue).
            models.Index(
                fields=["recipient_side"],
                condition=CURRENT & Q(first_opened_at__isnull=True),
                include=VISIBILITY_COLUMNS,
                name="communication_unread",
            ),
            models.Index(
                fields=["recipient_side", "-sent_at", "-created_at"],
                condition=CURRENT & Q(due_date__isnull=False, answered_at__isnull=True),
                include=[*VISIBILITY_COLUMNS, "kind", "due_date"],
                name="communication_awaiting_answer",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="communication_never_public"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def sender_display(self) -> str:
        user = self.sender_user
        if user is not None:
            return user.get_full_name() or user.username
        from sswbridge.exchange.federation import sender_name

        return sender_name(self)

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

    @property
    def is_retracted(self) -> bool:
        return self.retracted_at is not None

    def payload_display(self) -> list[tuple[str, str]]:
        """(label, value) for each payload field, choices shown by their labels.

        The whole payload, withheld fields included: for the originating side only. Pages
        and the API show a reader `redaction.view_for(user, communication)` instead."""
        return [(label, shown) for _name, label, shown in self.payload_rows()]

    def payload_rows(self) -> list[tuple[str, str, str]]:
        """(field name, label, value shown) for each payload field present."""
        spec = self.kind_spec
        if spec is None:
            return [(key, key, str(value)) for key, value in self.payload.items()]
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
            rows.append((field.name, str(field.label), shown))
        return rows
