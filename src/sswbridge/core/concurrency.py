"""Two officers never silently overwrite each other in the interface (issue 15, point 4; the
API's side is api/concurrency.py).

An edit form carries the version of the record as it was when the form was opened
(`record_version`, a hidden input: `version_of`, a hash of the record's stored values). On
saving, `guarded` locks the record, and if it changed since, refuses with a message on the
form instead of writing over the other officer's change."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

FIELD = "record_version"
_T = TypeVar("_T")


def version_of(instance: models.Model) -> str:
    """A hash of the record's stored values (its many-to-many links included)."""
    meta = instance._meta
    values: dict[str, object] = {
        field.attname: field.value_from_object(instance) for field in meta.concrete_fields
    }
    for field in meta.many_to_many:
        related = getattr(instance, field.name).values_list("pk", flat=True)
        values[field.name] = sorted(str(pk) for pk in related)
    encoded = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


def seen_version(request: HttpRequest, instance: models.Model) -> str:
    """The version the form carries: the one posted, or the record's own on first display."""
    return request.POST.get(FIELD) or version_of(instance)


def guarded(request: HttpRequest, instance: models.Model, write: Callable[[], _T]) -> _T:
    """`write()` while the record is still as the officer saw it (the posted version), in
    one transaction with the record locked; a ValidationError for the form otherwise. A post
    without a version (an older form) writes as before."""
    seen = request.POST.get(FIELD)
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if seen and seen != version_of(current):
            raise ValidationError(
                _(
                    "Someone else changed this record since you opened this form, so nothing "
                    "was saved. Open the record again to see their change, then make yours."
                ),
                code="stale",
            )
        return write()
