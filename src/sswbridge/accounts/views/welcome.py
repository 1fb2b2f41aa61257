"""The one-time link (`links.py`): set one's password, then enrol the second factor on the
usual enrolment page (or, when one is enrolled already, sign in with it)."""

from __future__ import annotations

from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from sswbridge.accounts import links, onboarding
from sswbridge.accounts.views.signin import BACKEND


def _refused(request: HttpRequest, state: links.LinkState) -> HttpResponse:
    message = (
        _(
            "This link has expired. Ask your administrator (or the operator of this node) "
            "for a new one."
        )
        if state is links.LinkState.EXPIRED
        else _(
            "This link has been used already or is not valid. If you have set your password, "
            "sign in; otherwise ask for a new link."
        )
    )
    return render(request, "accounts/welcome_refused.html", {"message": message})


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
def welcome_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user, state = links.resolve(uidb64, token)
    if user is None or state is not links.LinkState.VALID:
        return _refused(request, state)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            onboarding.set_password_from_link(
                user=user, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            form.add_error("new_password1", error)
        else:
            auth_logout(request)  # whoever was signed in in this browser
            auth_login(request, user, backend=BACKEND)
            return redirect("accounts:otp")  # enrols the second factor when there is none
    return render(request, "accounts/welcome.html", {"form": form, "account": user})
