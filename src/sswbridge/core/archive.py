"""A terminated framework is a read-only archive (clause 10): one check, at the model layer.

Every row that belongs to a framework — a model with a `framework` foreign key (every
`FrameworkScopedModel`, contact points, settings) or a row that hangs off one, up to three
levels (a case's tasks, an intermediary's names, the approvals of a consultation's minutes) —
is checked before it is saved
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

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

TERMINATED = "terminated"

# Rows written when someone reads an archived record; they never change framework data.
READ_LOGS = frozenset({"exchange.attachmentdownload", "readlog.readevent"})


class FrameworkArchived(PermissionDenied):
    """A write to a terminated framework."""

    code = "framework_terminated"

    def __init__(self) -> None:
        self.message = str(_("This framework has been terminated; it is a read-only archive."))
        super().__init__(self.message)


def _has_framework(model: type[models.Model]) -> bool:
    field = next((f for f in model._meta.concrete_fields if f.name == "framework"), None)
    return field is not None and field.is_relation


def _route(model: type[models.Model], depth: int = 3) -> str | None:
    """The lookup from a row of `model` to its framework (`framework`,
    `case__framework`, `minutes__consultation__framework`, ...); None: no framework."""
    if _has_framework(model):
        return "framework"
    if depth == 0:
        return None
    for field in model._meta.concrete_fields:
        parent = field.related_model
        if not (field.many_to_one or field.one_to_one) or not isinstance(parent, type):
            continue
        if parent is model:
            continue
        above = _route(parent, depth - 1)
        if above is not None:
            return f"{field.name}__{above}"
    return None


@functools.cache
def _path(model: type[models.Model]) -> tuple[str, type[models.Model] | None, str] | None:
    """How a row of `model` finds its framework: (attribute on the row, parent model or None
    for a direct foreign key, lookup from the parent to the framework)."""
    if model._meta.label_lower in READ_LOGS:
        return None
    route = _route(model)
    if route is None:
        return None
    if route == "framework":
        return ("framework_id", None, "")
    first, rest = route.split("__", 1)
    field = model._meta.get_field(first)
    return (field.attname, field.related_model, rest)  # type: ignore[union-attr, return-value]


def is_archived(framework: Any) -> bool:
    """Whether the framework (an object or its id) is terminated."""
    # Named by label, as core's foreign keys name it: core imports no app.
    frameworks = apps.get_model("frameworks", "Framework")._default_manager
    framework_id = getattr(framework, "pk", framework)
    return bool(frameworks.filter(pk=framework_id, status=TERMINATED).exists())


def require_writable(framework: Any) -> None:
    """Raise FrameworkArchived when the framework (an object or its id) is terminated."""
    if is_archived(framework):
        raise FrameworkArchived


def _belongs_to_archive(instance: models.Model) -> bool:
    path = _path(type(instance))
    if path is None:
        return False
    attname, parent, lookup = path
    value = getattr(instance, attname, None)
    if value is None:
        return False
    if parent is None:
        return is_archived(value)
    return parent._base_manager.filter(pk=value, **{f"{lookup}__status": TERMINATED}).exists()


def _check(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures and serialized test data load as they are
        return
    if _belongs_to_archive(instance):
        raise FrameworkArchived


def connect() -> None:
    """Called once from CoreConfig.ready()."""
    pre_save.connect(_check, dispatch_uid="sswbridge.core.archive.pre_save")
    pre_delete.connect(_check, dispatch_uid="sswbridge.core.archive.pre_delete")
