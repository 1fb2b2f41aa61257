"""Writes to frameworks and reference data; each in one transaction with its audit entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import SSWField

if TYPE_CHECKING:
    from sswbridge.accounts.models import User

FIELD_ATTRS = ("code", "name_en", "name_ja", "ssw2_open", "active", "sort_order")


def may_edit_fields(user: User) -> bool:
    """The SSW fields are Japan's rules: its registrars and administrators keep them."""
    return bool(
        user.is_authenticated and user.is_japan and user.role in ("registrar", "administrator")
    )


def save_ssw_field(*, actor: User, field: SSWField | None, data: dict[str, Any]) -> SSWField:
    """Create a field, or update one; data holds the FIELD_ATTRS to set."""
    with transaction.atomic():
        creating = field is None
        if field is None:
            field = SSWField()
            before: dict[str, Any] = {}
        else:
            field = SSWField.objects.select_for_update(no_key=True).get(pk=field.pk)
            before = audit.snapshot(field, FIELD_ATTRS)
        for name in FIELD_ATTRS:
            if name in data:
                setattr(field, name, data[name])
        field.full_clean()
        field.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=field,
            changes=audit.diff(before, audit.snapshot(field, FIELD_ATTRS)),
        )
        return field
