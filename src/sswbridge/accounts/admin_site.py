"""Django admin for administrators only, behind two-factor sign-in."""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class BridgeAdminSite(AdminSite):
    site_header = _("SSW Bridge administration")
    site_title = _("SSW Bridge administration")
    login_template = None

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user  # django-otp's middleware adds is_verified()
        return bool(
            user.is_active
            and user.is_authenticated
            and user.is_staff
            and getattr(user, "role", None) == "administrator"
            and user.is_verified()
        )

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        """Our own sign-in asks for both factors; a verified non-administrator gets 403."""
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import redirect
        from django.urls import reverse

        from sswbridge.core.redirects import safe_next

        target = safe_next(request, request.GET.get("next")) or reverse(
            "admin:index", current_app=self.name
        )
        user: Any = request.user
        if not user.is_authenticated:
            return redirect_to_login(target)
        if self.has_permission(request):
            return redirect(target)
        if not user.is_verified():
            return redirect_to_login(target, "accounts:otp")
        raise PermissionDenied


admin_site = BridgeAdminSite(name="admin")
