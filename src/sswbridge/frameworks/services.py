"""Writes to frameworks and reference data; each in one transaction with its audit entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.scripts import LANGUAGE_TAG
from sswbridge.frameworks.models import SSWField

if TYPE_CHECKING:
    from sswbridge.accounts.models import User

FIELD_ATTRS = ("code", "name_en", "name_ja", "names", "ssw2_open", "active", "sort_order")


def clean_translations(value: Any, *, field: str, limit: int) -> dict[str, str]:
    """A {language tag: text} map of translations."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError({field: [str(_("Give a map of language codes to texts."))]})
    cleaned = {}
    for language, text in value.items():
        if not isinstance(language, str) or not LANGUAGE_TAG.match(language):
            raise ValidationError({field: [str(_("Give a language tag such as ky, ru or ja."))]})
        if not isinstance(text, str) or len(text) > limit:
            raise ValidationError(
                {field: [str(_("Each text is at most %(limit)s characters.") % {"limit": limit})]}
            )
        if text.strip():
            cleaned[language] = " ".join(text.split())
    return cleaned


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
        field.names = clean_translations(field.names, field="names", limit=200)
        field.full_clean()
        field.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=field,
            changes=audit.diff(before, audit.snapshot(field, FIELD_ATTRS)),
        )
        return field
