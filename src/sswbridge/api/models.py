"""Idempotency keys of the API (docs/api.md, "Idempotent writes")."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One `Idempotency-Key` of one token: the request it was first sent with (its
    fingerprint) and, once that request has succeeded, the answer to replay. Kept for
    `idempotency.KEEP` (24 hours), then purged."""

    token = models.ForeignKey(
        "accounts.ApiToken", on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    content = models.BinaryField(_("content"), default=b"")
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return self.key
