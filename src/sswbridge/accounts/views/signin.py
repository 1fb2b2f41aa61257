"""Sign-in in two steps (password, then TOTP or a recovery code), and sign-out."""

from __future__ import annotations

from typing import Any

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from sswbridge.accounts import services, signin
from sswbridge.accounts.forms import SecondFactorForm, SignInForm
from sswbridge.accounts.models import User

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _locked_message() -> str:
    return ngettext(
        "Too many failed sign-ins. Sign-in is locked for %(minutes)d minute; try again later.",
        "Too many failed sign-ins. Sign-in is locked for %(minutes)d minutes; try again later.",
        settings.LOCKOUT_MINUTES,
    ) % {"minutes": settings.LOCKOUT_MINUTES}


def sign_out_locked(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.error(request, _locked_message())
    return redirect("accounts:login")


def finish(request: HttpRequest) -> HttpResponse:
    return redirect(signin.pop_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))


def complete_sign_in(request: HttpRequest, user: User, device: Device) -> None:
    django_otp.login(request, device)
    services.record_sign_in(user=user, device=device)


@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.session.pop(signin.EXPIRED_SESSION_KEY, False):
        messages.warning(request, _("Your session expired. Please sign in again."))
    if user.is_authenticated:
        signin.remember_next(request)
        return finish(request) if user.is_verified() else redirect("accounts:otp")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, account = signin.check_password(
            form.cleaned_data["identifier"], form.cleaned_data["password"]
        )
        if outcome is signin.Outcome.OK and account is not None:
            auth_login(request, account, backend=BACKEND)
            signin.remember_next(request)
            return redirect("accounts:otp")
        if outcome is signin.Outcome.LOCKED:
            form.add_error(None, _locked_message())
        else:
            form.add_error(None, _("The username or password is not correct."))
    next_url = signin.safe_next(request, request.GET.get("next") or request.POST.get("next"))
    return render(request, "accounts/login.html", {"form": form, "next": next_url or ""})


@sensitive_post_parameters("code")
@never_cache
def otp_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    signin.remember_next(request)
    if user.is_verified():
        return finish(request)
    if user.is_locked:
        return sign_out_locked(request)
    if not services.has_confirmed_totp(user):
        return redirect("accounts:enrol")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_throttled(user):
            form.add_error("code", _("Wait a few seconds before you try another code."))
        else:
            device = services.verify_second_factor(user=user, code=form.cleaned_data["code"])
            if device is not None:
                complete_sign_in(request, user, device)
                if isinstance(device, StaticDevice):
                    left = StaticToken.objects.filter(device=device).count()
                    messages.warning(
                        request,
                        ngettext(
                            "You signed in with a recovery code. %(count)d code is left.",
                            "You signed in with a recovery code. %(count)d codes are left.",
                            left,
                        )
                        % {"count": left},
                    )
                return finish(request)
            if services.record_failed_sign_in(user=user, reason="code"):
                return sign_out_locked(request)
            form.add_error("code", _("The code is not correct."))
    return render(request, "accounts/otp.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_authenticated:
        services.record_sign_out(user=user)
    auth_logout(request)
    messages.info(request, _("You have signed out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)
