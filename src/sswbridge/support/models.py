"""Japan's register of registered support organizations (登録支援機関), as shared with a
partner (clauses 6 and 7): the organizations, each import of the published Excel list, and
what changed from one import to the next."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import FrameworkScopedModel, ScopedQuerySet
from sswbridge.frameworks.models import Framework

JAPAN_PORTAL = "jp"


def published_frameworks(portal: str) -> models.QuerySet[Any]:
    """The frameworks whose published list `portal` shows, as a subquery: a partner's portal
    the lists Japan shared with that partner, Japan's portal the list last imported."""
    published = SupportImport.objects.filter(published_at__isnull=False)
    if portal == JAPAN_PORTAL:
        return published.order_by("-published_at").values("framework_id")[:1]
    frameworks = Framework.objects.filter(partner_side__code__iexact=portal).values("pk")
    return published.filter(framework__in=frameworks).values("framework_id")


class SupportOrganizationQuerySet(ScopedQuerySet):
    def published_for(self, portal: str) -> SupportOrganizationQuerySet:
        """The organizations of the list `portal` publishes, those that left it included
        (a permanent page says so): the one start of every public read of the register."""
        return self.filter(framework__in=published_frameworks(portal))


class SupportOrganization(FrameworkScopedModel):
    """One organization of the list, keyed by its registration number within a framework.

    An organization that drops off the list (its five-year registration ended) is kept with
    `listed=False` and the date it left, so that the portal can say so."""

    registration_number = models.CharField(_("registration number"), max_length=16)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=500)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    telephone = models.CharField(_("telephone"), max_length=64, blank=True)
    representative = models.CharField(_("representative"), max_length=300, blank=True)
    office_name = models.CharField(_("name of the support office"), max_length=500, blank=True)
    office_postal_code = models.CharField(_("postal code of the office"), max_length=16, blank=True)
    office_address = models.CharField(_("address of the office"), max_length=500, blank=True)
    support_details = models.TextField(_("support details"), blank=True)
    support_start_date = models.DateField(_("support start date"), null=True, blank=True)
    languages = models.CharField(_("languages supported"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    listed = models.BooleanField(_("on the list"), default=True)
    delisted_at = models.DateTimeField(_("left the list at"), null=True, blank=True)
    name_key = models.CharField(_("name for search"), max_length=500, db_index=True)
    content_hash = models.CharField(_("content hash"), max_length=64)

    objects = SupportOrganizationQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("registered support organization")
        verbose_name_plural = _("registered support organizations")
        ordering = ["registration_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "registration_number"],
                name="support_org_number_unique_per_framework",
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.name}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Reading the file")
    DONE = "done", _("Imported")
    UNCHANGED = "unchanged", _("Imported, nothing changed")
    FAILED = "failed", _("Refused")


class ImportEdition(models.TextChoices):
    JAPANESE = "ja", _("Japanese")
    ENGLISH = "en", _("Romanized English")


class SupportImport(FrameworkScopedModel):
    """One import of the Excel list for a framework: who, when, which file, what came of it.

    Marked for both sides: the partner sees what Japan shared with it."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the copy of an import shared by another node."),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    stored_file = models.FileField(_("stored file"), upload_to="support/", blank=True)
    edition = models.CharField(
        _("edition"), max_length=2, choices=ImportEdition.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_processed = models.PositiveIntegerField(_("rows processed"), default=0)
    added = models.PositiveIntegerField(_("organizations added"), default=0)
    removed = models.PositiveIntegerField(_("organizations removed"), default=0)
    changed = models.PositiveIntegerField(_("organizations changed"), default=0)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    communication = models.ForeignKey(
        "exchange.Communication",
        verbose_name=_("shared as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("support organization list import")
        verbose_name_plural = _("support organization list imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.UNCHANGED, ImportStatus.FAILED)


class ChangeType(models.TextChoices):
    ADDED = "added", _("Added")
    REMOVED = "removed", _("Removed")
    CHANGED = "changed", _("Changed")


class SupportChange(models.Model):
    """One line of an import's change report: an organization added or removed, or one field
    of an organization changed (with the value before and after)."""

    support_import = models.ForeignKey(
        SupportImport,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    registration_number = models.CharField(_("registration number"), max_length=16)
    change_type = models.CharField(_("change"), max_length=8, choices=ChangeType.choices)
    field = models.CharField(_("field"), max_length=32, blank=True)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)

    class Meta:
        verbose_name = _("change of the support organization list")
        verbose_name_plural = _("changes of the support organization list")
        ordering = ["registration_number", "field"]
        indexes = [models.Index(fields=["support_import", "change_type"])]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.change_type} {self.field}".strip()

    @property
    def field_label(self) -> str:
        from sswbridge.support.columns import BY_KEY

        column = BY_KEY.get(self.field)
        return str(column.label) if column else self.field
