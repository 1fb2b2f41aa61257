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
    RESTORED = "audit.restored", _("Restored from a backup")


class AuditChainHead(models.Model):
    """One row: the last link of the chain. Writers lock it, so the chain never forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(_("last sequence number"), default=0)
    last_hash = models.CharField(_("last hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash}"


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: Any) -> AuditEntryQuerySet:
        """Auditors and administrators read the entries of their own side; nobody else does.

        Entries without a side (the system acting, or a sign-in attempt for an unknown account)
        are read by Japan's auditors, whose side runs the system, and only when they name no
        framework: an entry about a framework's data must say whose side it belongs to.
        """
        from sswbridge.accounts.models import Role
        from sswbridge.core.visibility import reader_agency
        from sswbridge.frameworks.models import SideKind

        agency = reader_agency(user)
        if agency is None or user.role not in (Role.AUDITOR, Role.ADMINISTRATOR):
            return self.none()
        side = agency.side
        rule = models.Q(side_code=side.code)
        if side.kind == SideKind.JAPAN:
            rule |= models.Q(side_code="", framework_code="")
        return self.filter(rule)


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
    # The node key's Ed25519 signature over the hash (core/nodekey.py), and the key's id (the
    # SHA-256 fingerprint of its public key). Empty in entries written before the key existed.
    key_id = models.CharField(_("signing key"), max_length=64, blank=True, default="")
    signature = models.CharField(_("signature"), max_length=88, blank=True, default="")

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

    @property
    def action_label(self) -> str:
        """The translated name of a known action, or the action code itself."""
        if self.action in AuditAction.values:
            return str(AuditAction(self.action).label)
        return self.action

    def change_rows(self) -> list[tuple[str, Any, Any]]:
        """The changes as (field, before, after); `diff` stores each as [before, after]."""
        changes = self.changes if isinstance(self.changes, dict) else {"": self.changes}
        rows: list[tuple[str, Any, Any]] = []
        for name, value in changes.items():
            if isinstance(value, list) and len(value) == 2:
                rows.append((str(name), value[0], value[1]))
            else:
                rows.append((str(name), None, value))
        return rows
