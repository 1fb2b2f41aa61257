"""What every model admin on the bridge admin site shares.

* Permissions follow the role: the site already admits only verified administrators, so
  they may use every registered model (no per-model Django permissions to keep in sync).
* A partner-side administrator sees only the records of their own side (`scope`).
* Every save and delete writes an audit entry in the admin's own transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest

from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import Side


def admin_side(request: HttpRequest) -> Side | None:
    """None for a Japan administrator (Japan takes part in every framework), else their side."""
    side: Side = request.user.agency.side  # type: ignore[union-attr]
    return None if side.is_japan else side


def _snapshot(obj: models.Model, exclude: tuple[str, ...]) -> dict[str, Any]:
    fields = [
        f.attname
        for f in obj._meta.concrete_fields
        if f.attname not in exclude and f.name not in exclude
    ]
    return audit.snapshot(obj, fields)


class AuditedAdminMixin:
    """Audit admin writes; allow them to whoever the admin site lets in."""

    audit_exclude: tuple[str, ...] = ("password", "updated_at", "key_hash", "key")
    admin_site: admin.AdminSite

    def _allowed(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def _record(
        self,
        request: HttpRequest,
        obj: models.Model,
        action: str,
        before: dict[str, Any],
        object_id: Any = None,
    ) -> None:
        after = {} if action == AuditAction.DELETE else _snapshot(obj, self.audit_exclude)
        audit.record(
            actor=request.user,
            action=action,
            obj=obj,
            object_id=str(object_id if object_id is not None else obj.pk),
            changes=audit.diff(before, after),
        )

    def _before(self, obj: models.Model) -> dict[str, Any]:
        if obj.pk is None:
            return {}
        current = type(obj)._default_manager.filter(pk=obj.pk).first()
        return _snapshot(current, self.audit_exclude) if current is not None else {}


class BridgeModelAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        """Narrow the queryset to what this administrator may see; override per model."""
        return queryset

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return self.scope(request, super().get_queryset(request))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = self._before(obj) if change else {}
        super().save_model(request, obj, form, change)
        self._record(request, obj, AuditAction.UPDATE if change else AuditAction.CREATE, before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before, pk = self._before(obj), obj.pk
        super().delete_model(request, obj)
        self._record(request, obj, AuditAction.DELETE, before, object_id=pk)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formset: BaseModelFormSet[Any, Any],
        change: bool,
    ) -> None:
        befores = {
            id(f.instance): (f.instance.pk, self._before(f.instance))
            for f in formset.forms
            if f.instance.pk is not None
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._record(request, obj, AuditAction.CREATE, {})
        for obj, _fields in formset.changed_objects:
            self._record(request, obj, AuditAction.UPDATE, befores.get(id(obj), (None, {}))[1])
        for obj in formset.deleted_objects:
            pk, before = befores.get(id(obj), (None, {}))
            self._record(request, obj, AuditAction.DELETE, before, object_id=pk)


class ReadOnlyAdminMixin:
    """For records nobody may change by hand (the audit trail)."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
