"""A terminated framework is a read-only archive (clause 10): one check, at the model layer.

Every row that belongs to a framework — a model with a `framework` foreign key (every
`FrameworkScopedModel`, contact points, settings) or a row that hangs off one (a case's tasks
and notes, an intermediary's names, a consultation's agenda) — is checked before it is saved
or deleted: if its framework is terminated, `FrameworkArchived` is raised and the transaction
rolls back. The check sits in `pre_save`/`pre_delete` rather than in each service, so that no
service (present or future) can forget it; services only need to let the exception through.

`FrameworkArchived` is a `PermissionDenied`: HTML views answer 403, the API answers 409 with
the code `framework_terminated`. Rows that record a *reading* (an attachment download) stay
writable, since an archive is still read.
"""

from __future__ import annotations

import functools
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

TERMINATED = "terminated"

# Rows written when someone reads an archived record; they never change framework data.
READ_LOGS = frozenset({"exchange.attachmentdownload"})


class FrameworkArchived(PermissionDenied):
    """A write to a terminated framework."""

    code = "framework_terminated"

    def __init__(self) -> None:
        self.message = str(_("This framework has been terminated; it is a read-only archive."))
        super().__init__(self.message)


def _has_framework(model: type[models.Model]) -> bool:
    field = next((f for f in model._meta.concrete_fields if f.name == "framework"), None)
    return field is not None and field.is_relation


@functools.cache
def _path(model: type[models.Model]) -> tuple[str, type[models.Model] | None] | None:
    """How a row of `model` finds its framework: (attribute, None) for a direct foreign key,
    (attribute, parent model) for a row of a framework-scoped parent; None: no framework."""
    if model._meta.label_lower in READ_LOGS:
        return None
    if _has_framework(model):
        return ("framework_id", None)
    for field in model._meta.concrete_fields:
        parent = field.related_model
        is_parent = field.many_to_one or field.one_to_one
        if is_parent and isinstance(parent, type) and _has_framework(parent):
            return (field.attname, parent)
    return None


def is_archived(framework: Any) -> bool:
    """Whether the framework (an object or its id) is terminated."""
    from sswbridge.frameworks.models import Framework

    framework_id = getattr(framework, "pk", framework)
    return Framework.objects.filter(pk=framework_id, status=TERMINATED).exists()


def require_writable(framework: Any) -> None:
    """Raise FrameworkArchived when the framework (an object or its id) is terminated."""
    if is_archived(framework):
        raise FrameworkArchived


def _belongs_to_archive(instance: models.Model) -> bool:
    path = _path(type(instance))
    if path is None:
        return False
    attname, parent = path
    value = getattr(instance, attname, None)
    if value is None:
        return False
    if parent is None:
        return is_archived(value)
    return parent._base_manager.filter(pk=value, framework__status=TERMINATED).exists()


def _check(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures and serialized test data load as they are
        return
    if _belongs_to_archive(instance):
        raise FrameworkArchived


def connect() -> None:
    """Called once from CoreConfig.ready()."""
    pre_save.connect(_check, dispatch_uid="sswbridge.core.archive.pre_save")
    pre_delete.connect(_check, dispatch_uid="sswbridge.core.archive.pre_delete")
