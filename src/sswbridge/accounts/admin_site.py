"""Django admin for administrators only, behind two-factor sign-in."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class BridgeAdminSite(AdminSite):
    site_header = _("SSW Bridge administration")
    site_title = _("SSW Bridge administration")
    login_template = None

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and user.is_staff
            and getattr(user, "role", None) == "administrator"
            and user.is_verified()  # type: ignore[union-attr]
        )

    def login(self, request: HttpRequest, extra_context: object = None):  # type: ignore[no-untyped-def,override]
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())


admin_site = BridgeAdminSite(name="admin")
