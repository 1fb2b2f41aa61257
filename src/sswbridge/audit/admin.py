"""The audit trail in the admin: read-only, filtered to the administrator's side."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from sswbridge.accounts.admin_base import BridgeModelAdmin, ReadOnlyAdminMixin
from sswbridge.accounts.admin_site import admin_site
from sswbridge.audit.models import AuditEntry


@admin.register(AuditEntry, site=admin_site)
class AuditEntryAdmin(ReadOnlyAdminMixin, BridgeModelAdmin):
    list_display = (
        "seq",
        "created_at",
        "actor_label",
        "agency_code",
        "framework_code",
        "action",
        "object_type",
        "object_id",
    )
    list_filter = ("action", "object_type", "framework_code")
    search_fields = ("actor_label", "object_id", "object_type")
    date_hierarchy = "created_at"
    actions = None

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.filter(pk__in=AuditEntry.objects.visible_to(request.user).values("pk"))
