"""A user's own language and time zone (issue 16, point 7): mail reaches them in these."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sswbridge.accounts import services
from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.accounts.forms import UserPreferencesForm


@staff_required
@never_cache
def preferences_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = UserPreferencesForm(
        request.POST or None, initial={"language": user.language, "time_zone": user.time_zone}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_preferences(
                actor=user,
                language=form.cleaned_data["language"],
                time_zone=form.cleaned_data["time_zone"].strip(),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your preferences were saved."))
            return redirect("accounts:preferences")
    return render(
        request,
        "accounts/preferences.html",
        {"form": form, "side_zone": user.agency.side.time_zone, "zone": user.zone_name},
    )
