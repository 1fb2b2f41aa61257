"""The administrator's pages: the agency's webhook endpoints with a form to add one (its
secret shown once, on the page that follows), and each endpoint's delivery log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.forms import apply_errors
from sswbridge.webhooks import services
from sswbridge.webhooks.forms import EndpointForm
from sswbridge.webhooks.models import Endpoint

LOG_SIZE = 100


def _page(
    request: HttpRequest, form: EndpointForm, status: int = 200, secret: str = ""
) -> HttpResponse:
    endpoints = Endpoint.objects.visible_to(staff_user(request))
    return render(
        request,
        "webhooks/endpoints.html",
        {"endpoints": endpoints, "form": form, "secret": secret},
        status=status,
    )


def _manager(request: HttpRequest) -> None:
    if not services.may_manage(staff_user(request)):
        raise PermissionDenied


@staff_required
def endpoint_list(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return _page(request, EndpointForm())


@staff_required
@require_POST
def endpoint_add(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = EndpointForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            endpoint = services.add_endpoint(
                actor=staff_user(request),
                url=data["url"],
                event_types=data["event_types"],
                description=data["description"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The endpoint was registered."))
            # Shown on this answer only: it is not on any page after.
            return _page(request, EndpointForm(), secret=endpoint.secret)
    return _page(request, form, status=400)


def _endpoint(request: HttpRequest, pk: int) -> Endpoint:
    endpoint = get_object_or_404(Endpoint.objects.visible_to(staff_user(request)), pk=pk)
    _manager(request)
    return endpoint


@staff_required
def endpoint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    deliveries = endpoint.deliveries.prefetch_related("attempt_log")[:LOG_SIZE]
    return render(
        request, "webhooks/endpoint.html", {"endpoint": endpoint, "deliveries": deliveries}
    )


@staff_required
@require_POST
def endpoint_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    services.deactivate_endpoint(actor=staff_user(request), endpoint=endpoint)
    messages.success(request, _("The endpoint was deactivated."))
    return redirect("webhooks:endpoint", pk=endpoint.pk)
