"""Admin for the intermediaries register (on the bridge admin site); rows are filtered by
`visible_to`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from sswbridge.accounts.admin_base import BridgeModelAdmin
from sswbridge.accounts.admin_site import admin_site
from sswbridge.intermediaries.models import Intermediary, IntermediaryName


class IntermediaryNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = IntermediaryName
    extra = 1
    fields = ("value", "script", "language")


@admin.register(Intermediary, site=admin_site)
class IntermediaryAdmin(BridgeModelAdmin):
    list_display = ("__str__", "kind", "country", "framework", "originator_agency", "marking")
    list_filter = ("framework", "marking", "originator_agency")
    search_fields = ("names__value",)
    inlines = (IntermediaryNameInline,)

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.visible_to(request.user)  # type: ignore[attr-defined,no-any-return]
