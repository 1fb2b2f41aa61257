"""Admin for users, agencies, API tokens and second-factor devices (on the bridge admin site).

Each administrator manages the accounts of their own side only, Japan's included
(`selectors.py`): the querysets are narrowed to that side, so another side's account, its
password page, its tokens and its devices answer as if they did not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.admin_base import BridgeModelAdmin
from sswbridge.accounts.admin_site import admin_site
from sswbridge.accounts.models import Agency, ApiToken, Role, User
from sswbridge.accounts.selectors import agencies_managed_by, may_manage_user, users_managed_by
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import Side


def _own_users(request: HttpRequest) -> models.QuerySet[User]:
    return users_managed_by(request.user)


class AccountsAdmin(BridgeModelAdmin):
    """Records that belong to one account (its tokens, its devices): its side's only."""

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.filter(user__in=_own_users(request))

    def owner(self, obj: Any) -> User:
        owner: User = obj.user
        return owner

    def _manages(self, request: HttpRequest, obj: Any) -> bool:
        return obj is None or may_manage_user(request.user, self.owner(obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._manages(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._manages(request, obj)


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email", "agency", "role")


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User, site=admin_site)
class UserAdmin(AccountsAdmin, DjangoUserAdmin[User]):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("username", "email", "agency", "role", "is_active", "locked_until")
    list_filter = ("role", "is_active", "agency__side", "agency")
    search_fields = ("username", "email", "first_name", "last_name")
    list_select_related = ("agency",)
    readonly_fields = ("password_status", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password_status")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Agency and role"), {"fields": ("agency", "role")}),
        (
            _("Status"),
            {"fields": ("is_active", "is_staff", "failed_login_count", "locked_until")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "agency",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    @admin.display(description=_("password"))
    def password_status(self, obj: User) -> str:
        if not obj.pk:
            return ""
        state = _("set") if obj.has_usable_password() else _("not set")
        url = reverse(f"{self.admin_site.name}:auth_user_password_change", args=[obj.pk])
        return format_html('{} · <a href="{}">{}</a>', state, url, _("change the password"))

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.filter(pk__in=_own_users(request).values("pk"))

    def owner(self, obj: Any) -> User:
        owner: User = obj
        return owner

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = agencies_managed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Django's page, with the audit entry it lacks (in the same transaction)."""
        target = self.get_object(request, unquote(id))
        before = target.password if target is not None else None
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if target is not None:
                target.refresh_from_db(fields=["password"])
                if target.password != before:
                    state = "set" if target.has_usable_password() else "unusable"
                    audit.record(
                        actor=request.user, action=AuditAction.UPDATE, obj=target,
                        changes={"password": state},
                    )  # fmt: skip
        return response

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.is_staff = obj.role == Role.ADMINISTRATOR
        super().save_model(request, obj, form, change)


@admin.register(Agency, site=admin_site)
class AgencyAdmin(BridgeModelAdmin):
    list_display = ("code", "name_en", "abbreviation", "side", "parent")
    list_filter = ("side",)
    search_fields = ("code", "name_en", "name_ja", "name_ru", "name_ky", "abbreviation")

    def scope(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.filter(pk__in=agencies_managed_by(request.user).values("pk"))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """An agency stays on its administrator's side: moving it would move its accounts."""
        if db_field.name == "side":
            kwargs["queryset"] = Side.objects.filter(pk=request.user.agency.side_id)  # type: ignore[union-attr]
        elif db_field.name == "parent":
            kwargs["queryset"] = agencies_managed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ApiToken, site=admin_site)
class ApiTokenAdmin(AccountsAdmin):
    """Tokens are issued by their owner or the CLI; here they can be looked at and revoked."""

    list_display = ("key_prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("key_prefix", "user__username", "name")
    fields = ("user", "name", "key_prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "key_prefix", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False


class DeviceAdmin(AccountsAdmin):
    """Second-factor devices: never shows a secret. Deleting them resets a user's enrolment."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__email")
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields
    audit_exclude = (*BridgeModelAdmin.audit_exclude, "bin_key")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin_site.register(TOTPDevice, DeviceAdmin)
admin_site.register(StaticDevice, DeviceAdmin)
