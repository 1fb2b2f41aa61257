"""What retention's erasures change on the portals: an erasure of a published record's
personal data changes its register's downloads, which publication rebuilds
(`publication.warmup`). Retention writes an `Erasure` row beside its bulk `update()`, which
sends no signal of the record's own."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from sswbridge.publication import warmup
from sswbridge.publication.models import Register
from sswbridge.retention.catalogue import RetentionKind
from sswbridge.retention.models import Erasure

# The retention kinds that erase a part of a published record, and its register.
PUBLISHED = {
    RetentionKind.SENDING_ORG_CONTACTS: str(Register.SENDING_ORGANIZATIONS),
    RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE: str(Register.IMPROVEMENT_ORDERS),
}


def _erased(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    register = PUBLISHED.get(instance.kind) if created else None
    if register is not None:
        warmup.record_changed(register, instance.object_id)


def connect() -> None:
    """Called once from the app's ready()."""
    post_save.connect(_erased, sender=Erasure, dispatch_uid="warm-erasure")
