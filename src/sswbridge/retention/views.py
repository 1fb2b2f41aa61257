"""The retention page: periods in force (administrators change them) and the erasures made."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import role_required, staff_user
from sswbridge.accounts.models import Role
from sswbridge.retention import selectors, services
from sswbridge.retention.forms import RetentionPolicyForm

RECENT = 50


@role_required(*selectors.READERS)
def policies(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = None
    if user.role == Role.ADMINISTRATOR:
        form = RetentionPolicyForm(request.POST or None, user=user)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_policy(
                    actor=user, kind=data["kind"], days=data["days"], framework=data["framework"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The retention period was saved."))
                return redirect("retention:policies")
    context = {
        "periods": selectors.periods_for(user),
        "erasures": selectors.erasures_for(user)[:RECENT],
        "form": form,
    }
    return render(
        request, "retention/policies.html", context, status=400 if form and form.errors else 200
    )
