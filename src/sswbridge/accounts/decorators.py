"""Access to staff pages: signed in, second factor verified, and (optionally) a role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from sswbridge.accounts.models import User

View = Callable[..., HttpResponse]


def staff_user(request: HttpRequest) -> User:
    """The signed-in user of a page behind `staff_required` or `role_required`, typed as a
    `User` (never anonymous there; anywhere else an anonymous request is refused)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def staff_required(view: View) -> View:
    """Anonymous users are sent to sign in from a page that names no record; a page that
    names one (a communication, an attachment, an intermediary, a case…) answers them 404,
    for a record that exists exactly as for one that does not, and the 404 page offers to
    sign in. An unverified second factor is asked for."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user  # django-otp's middleware adds is_verified()
        if not user.is_authenticated:
            if args or kwargs:
                raise Http404
            return redirect_to_login(request.get_full_path())
        if not user.is_verified():
            return redirect("accounts:otp")
        return view(request, *args, **kwargs)

    return wrapper


def role_required(*roles: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @staff_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in roles:  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
