"""Clause 3: disclosure to a third party only with the other side's written consent.

A `DisclosureRequest` names the third party, the purpose and the items (`DisclosureItem`:
a communication or a case received from the other side, with the fields and files asked
for). It travels as a `disclosure_request` communication to the originator's contact point,
whose `disclosure_answer` grants it (the written consent: conditions, until when) or refuses
it. Each export made under a consent is a `Disclosure`, the ledger's line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, Marking, ScopedQuerySet, TimeStampedModel
from sswbridge.core.visibility import filter_visible, reader_agency


class ThirdPartyType(models.TextChoices):
    PROSECUTOR = "prosecutor", _("Prosecutor")
    COURT = "court", _("Court")
    MINISTRY = "ministry", _("Ministry or agency outside the framework")
    FOREIGN_STATE = "foreign_state", _("Another country")
    OTHER = "other", _("Other")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the originator's decision")
    GRANTED = "granted", _("Granted: written consent given")
    REFUSED = "refused", _("Refused")


class ItemKind(models.TextChoices):
    COMMUNICATION = "communication", _("Communication")
    CASE = "case", _("Case")


class DisclosureRequestQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> DisclosureRequestQuerySet:
        """The requesting side (by the marking, as every record) and the side whose
        information it is (which decides)."""
        agency = reader_agency(user)
        own = filter_visible(self, user)
        if agency is None or own.query.is_empty():
            return self.none()
        owner = self.filter(framework__in=user.visible_frameworks(), owner_side_id=agency.side_id)
        return self.filter(Q(pk__in=own.values("pk")) | Q(pk__in=owner.values("pk")))


class DisclosureRequest(FrameworkScopedModel):
    """A request to pass the other side's information to a third party; once granted, the
    written consent. The originator fields name the requesting side; `owner_side` is the
    side whose information it is."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    owner_side = models.ForeignKey(
        "frameworks.Side",
        verbose_name=_("side whose information it is"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    third_party_type = models.CharField(
        _("third party"), max_length=32, choices=ThirdPartyType.choices
    )
    third_party_name = models.CharField(_("name of the third party"), max_length=300)
    purpose = models.TextField(_("purpose"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,  # empty on the deciding side's node, when the request came from a peer
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    communication = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("request communication"),
        on_delete=models.PROTECT,
        related_name="disclosure_request",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answer = models.OneToOneField(
        "exchange.Communication",
        verbose_name=_("answer communication"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_answer",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    expires_on = models.DateField(_("consent valid until"), null=True, blank=True)
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    consent_reference = models.CharField(_("consent reference"), max_length=32, blank=True)
    signed_decision = models.JSONField(_("signed decision"), default=dict, blank=True)

    objects = DisclosureRequestQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("disclosure request")
        verbose_name_plural = _("disclosure requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.PUBLIC), name="disclosure_request_never_public"
            ),
            models.UniqueConstraint(
                fields=["consent_reference"],
                condition=~Q(consent_reference=""),
                name="one_consent_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def third_party(self) -> str:
        return f"{self.get_third_party_type_display()}: {self.third_party_name}"

    def consent_in_force(self, today: dt.date | None = None) -> bool:
        """Granted and not past its expiry date (the last day it is valid)."""
        today = today or timezone.localdate()
        return bool(
            self.status == RequestStatus.GRANTED
            and self.expires_on is not None
            and today <= self.expires_on
        )


class DisclosureItem(TimeStampedModel):
    """One item of a request: what, and which of its fields and files."""

    request = models.ForeignKey(
        DisclosureRequest,
        verbose_name=_("disclosure request"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    kind = models.CharField(_("kind of item"), max_length=16, choices=ItemKind.choices)
    communication = models.ForeignKey(
        "exchange.Communication",
        verbose_name=_("communication"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fields = models.JSONField(_("fields"), default=list, blank=True)
    files = models.JSONField(_("attachments or evidence files"), default=list, blank=True)
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def target(self) -> Any:
        return self.communication if self.kind == ItemKind.COMMUNICATION else self.case


class DisclosureQuerySet(models.QuerySet["Disclosure"]):
    def visible_to(self, user: Any) -> DisclosureQuerySet:
        if reader_agency(user) is None:
            return self.none()
        requests = DisclosureRequest.objects.visible_to(user)
        return self.filter(request__in=requests.values("pk"))


def package_path(instance: Disclosure, filename: str) -> str:
    return f"disclosure/{instance.request_id}/{instance.pk}.zip"


class Disclosure(TimeStampedModel):
    """One export package made under a consent: the disclosure ledger's line."""

    request = models.ForeignKey(
        DisclosureRequest,
        verbose_name=_("disclosure request"),
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient = models.CharField(_("recipient"), max_length=400)
    consent_reference = models.CharField(_("consent reference"), max_length=32)
    contents = models.JSONField(_("what was disclosed"), default=list)
    manifest = models.JSONField(_("manifest"), default=dict)
    package = models.FileField(_("package"), upload_to=package_path, max_length=300)
    package_name = models.CharField(_("package file name"), max_length=200)
    package_sha256 = models.CharField(_("SHA-256 of the package"), max_length=64)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.consent_reference} {self.recipient}"
