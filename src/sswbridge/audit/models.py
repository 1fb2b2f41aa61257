"""The append-only, hash-chained audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditAction(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    SIGN_IN = "sign_in", _("Sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign-out")
    LOCKED = "locked", _("Account locked")
    OTHER = "other", _("Other")


class AuditChainHead(models.Model):
    """One row: the last link of the chain. Writers lock it, so the chain never forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(_("last sequence number"), default=0)
    last_hash = models.CharField(_("last hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: Any) -> AuditEntryQuerySet:
        """Auditors and administrators read the entries of their own side; nobody else does."""
        if not getattr(user, "is_authenticated", False) or user.role not in (
            "auditor",
            "administrator",
        ):
            return self.none()
        return self.filter(side_code=user.agency.side.code)


class AuditEntry(models.Model):
    """One audited act. Never updated or deleted through the ORM."""

    seq = models.BigIntegerField(_("sequence number"), unique=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    side_code = models.CharField(_("side"), max_length=8, blank=True, db_index=True)
    agency_code = models.CharField(_("agency"), max_length=32, blank=True)
    framework_code = models.CharField(_("framework"), max_length=32, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=32, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries are append-only")
