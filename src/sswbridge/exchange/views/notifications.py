"""The user's notifications (the bell) and their choice of notifications per kind."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.exchange import notify
from sswbridge.exchange.forms import NotificationPreferenceForm

PAGE_SIZE = 50


@staff_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = notify.notifications_for(staff_user(request))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "exchange/notifications.html", {"page": page})


@staff_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notify.mark_read(actor=staff_user(request), notification_ids=[pk])
    return redirect("exchange:notifications")


@staff_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notify.mark_read(actor=staff_user(request))
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("exchange:notifications")


@staff_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = NotificationPreferenceForm(
        request.POST or None, current=notify.preferences_of(staff_user(request))
    )
    if request.method == "POST" and form.is_valid():
        notify.set_preferences(actor=staff_user(request), choices=form.choices())
        messages.success(request, _("Your notification choices are saved."))
        return redirect("exchange:preferences")
    return render(request, "exchange/preferences.html", {"form": form})
