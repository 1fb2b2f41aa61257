"""Admin for sides, frameworks, contact points and SSW fields (on the bridge admin site)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.http import HttpRequest

from sswbridge.accounts.admin_base import BridgeModelAdmin, admin_side
from sswbridge.accounts.admin_site import admin_site
from sswbridge.frameworks.models import ContactPoint, Framework, Side, SideKind, SSWField


@admin.register(Side, site=admin_site)
class SideAdmin(BridgeModelAdmin):
    list_display = ("code", "name_en", "kind", "country")
    list_filter = ("kind",)

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        side = admin_side(request)
        if side is None:
            return queryset
        return queryset.filter(Q(pk=side.pk) | Q(kind=SideKind.JAPAN))


class ContactPointInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ContactPoint
    extra = 0


@admin.register(Framework, site=admin_site)
class FrameworkAdmin(BridgeModelAdmin):
    list_display = ("code", "title", "partner_side", "status", "commencement")
    list_filter = ("status", "partner_side")
    search_fields = ("code", "title", "title_ja")
    inlines = (ContactPointInline,)

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.filter(pk__in=Framework.objects.visible_to(request.user).values("pk"))


@admin.register(ContactPoint, site=admin_site)
class ContactPointAdmin(BridgeModelAdmin):
    list_display = ("framework", "side", "agency", "unit", "email")
    list_filter = ("framework", "side")

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.filter(framework__in=Framework.objects.visible_to(request.user))


@admin.register(SSWField, site=admin_site)
class SSWFieldAdmin(BridgeModelAdmin):
    list_display = ("code", "name_en", "name_ja", "ssw2_open", "active", "sort_order")
    list_editable = ("ssw2_open", "active", "sort_order")
    list_filter = ("ssw2_open", "active")
    search_fields = ("code", "name_en", "name_ja")
