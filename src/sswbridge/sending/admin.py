"""Admin for sending organizations (on the bridge admin site); rows are filtered by
`visible_to`."""

from __future__ import annotations

from django.contrib import admin

from sswbridge.accounts.admin_site import admin_site
from sswbridge.registry.admin import VisibleAdmin
from sswbridge.sending.models import SendingOrganization


@admin.register(SendingOrganization, site=admin_site)
class SendingOrganizationAdmin(VisibleAdmin):
    list_display = ("name_en", "registration_number", "status", "framework", "marking")
    list_filter = ("framework", "marking", "originator_agency", "status")
    search_fields = ("name_en", "name_ru", "name_ky", "registration_number", "tax_number")
