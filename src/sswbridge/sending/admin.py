"""Admin for sending organizations (on the bridge admin site); rows are filtered by
`visible_to`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from sswbridge.accounts.admin_base import BridgeModelAdmin
from sswbridge.accounts.admin_site import admin_site
from sswbridge.sending.models import SendingOrganization, SendingOrganizationName


class SendingOrganizationNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SendingOrganizationName
    extra = 1
    fields = ("value", "script", "language")


@admin.register(SendingOrganization, site=admin_site)
class SendingOrganizationAdmin(BridgeModelAdmin):
    inlines = (SendingOrganizationNameInline,)
    list_display = ("name_en", "registration_number", "status", "framework", "marking")
    list_filter = ("framework", "marking", "originator_agency", "status")
    search_fields = ("name_en", "names__value", "registration_number", "tax_number")

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.visible_to(request.user)  # type: ignore[attr-defined,no-any-return]
