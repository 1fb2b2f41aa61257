"""What each side has published on its portal, and when: who published what (6.1, 6.2, 7.2,
7.5). A notice that arrives is published automatically or waits for a registrar's
confirmation, as the framework's setting for the receiving side says."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sswbridge.core.visibility import reader_agency


class Register(models.TextChoices):
    SENDING_ORGANIZATIONS = "sending_organizations", _("Sending organizations")
    IMPROVEMENT_ORDERS = "improvement_orders", _("Improvement orders")


class PublicationStatus(models.TextChoices):
    PENDING = "pending", _("To publish")
    PUBLISHED = "published", _("Published")


class PublicationSettings(models.Model):
    """One side's publication rule in one framework."""

    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    side = models.ForeignKey(
        "frameworks.Side", verbose_name=_("side"), on_delete=models.CASCADE, related_name="+"
    )
    auto_publish_on_receipt = models.BooleanField(
        _("publish automatically on receipt"),
        default=False,
        help_text=_("Otherwise a registrar confirms each publication."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        db_table = "registry_publicationsettings"
        verbose_name = _("publication setting")
        verbose_name_plural = _("publication settings")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "side"], name="one_publication_setting_per_side"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} {self.side_id}: {self.auto_publish_on_receipt}"


class PublicationQuerySet(models.QuerySet["Publication"]):
    def published_for(self, portal: str | None) -> PublicationQuerySet:
        """What `portal` has published (on any portal when None): the one start of every
        public read of the registers, with no sign-in."""
        published = self.filter(status=PublicationStatus.PUBLISHED)
        return published if portal is None else published.filter(portal=portal)

    def visible_to(self, user: Any) -> PublicationQuerySet:
        """Published items reach both sides of the framework; one waiting for confirmation
        stays with the side whose portal it is for."""
        agency = reader_agency(user)
        if agency is None:
            return self.none()
        own_portal = agency.side.code.lower()
        return self.filter(framework__in=user.visible_frameworks()).filter(
            Q(status=PublicationStatus.PUBLISHED) | Q(portal=own_portal)
        )


class Publication(models.Model):
    """One item on one portal: a step of a sending organization's history, or an order."""

    id = models.BigAutoField(primary_key=True)
    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    portal = models.CharField(_("portal"), max_length=8, db_index=True)
    register = models.CharField(_("register"), max_length=32, choices=Register.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PENDING,
    )
    sending_organization = models.ForeignKey(
        "sending.SendingOrganization",
        verbose_name=_("sending organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    status_change = models.ForeignKey(
        "sending.StatusChange",
        verbose_name=_("status change"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    improvement_order = models.ForeignKey(
        "orders.ImprovementOrder",
        verbose_name=_("improvement order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    communication = models.ForeignKey(
        "exchange.Communication",
        verbose_name=_("notice received"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when published automatically on receipt."),
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        db_table = "registry_publication"
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["portal", "register", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "status_change"],
                condition=Q(status_change__isnull=False),
                name="status_change_published_once_per_portal",
            ),
            models.UniqueConstraint(
                fields=["portal", "improvement_order"],
                condition=Q(improvement_order__isnull=False),
                name="order_published_once_per_portal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.portal} {self.register} #{self.pk} ({self.status})"

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED
