"""Pages of the improvement-order register (6.3, 7.5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import staff_required
from sswbridge.core.forms import apply_errors
from sswbridge.exchange.selectors import communication_for
from sswbridge.exchange.services import ExchangeError
from sswbridge.frameworks.models import Framework
from sswbridge.orders import services
from sswbridge.orders.forms import ImprovementOrderForm, OutcomeForm
from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication import selectors as publication_selectors

PAGE_SIZE = 50


def _run(form: forms.Form, write: Callable[[], Any]) -> Any:
    """Call a service for a valid form; its refusals become the form's errors (None then)."""
    try:
        return write()
    except ValidationError as exc:
        apply_errors(form, exc)
    except (PermissionDenied, ExchangeError) as exc:
        form.add_error(None, getattr(exc, "message", None) or str(exc))
    return None


@staff_required
def improvement_order_list(request: HttpRequest) -> HttpResponse:
    items = services.improvement_orders_for(request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "items": page.object_list,
        "may_order": services.may_order(request.user),
    }
    return render(request, "orders/improvement_order_list.html", context)


def _get(request: HttpRequest, pk: UUID) -> ImprovementOrder:
    return get_object_or_404(services.improvement_orders_for(request.user), pk=pk)


@staff_required
def improvement_order_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    notice = (
        communication_for(request.user, item.communication_id) if item.communication_id else None
    )
    context = {
        "item": item,
        "notice": notice,
        "publications": publication_selectors.publications_of(request.user, improvement_order=item),
        "may_order": services.may_order(request.user, item.framework),
    }
    return render(request, "orders/improvement_order_detail.html", context)


@staff_required
def improvement_order_create(request: HttpRequest) -> HttpResponse:
    if not services.may_order(request.user):
        raise PermissionDenied
    frameworks = Framework.objects.visible_to(request.user)
    form = ImprovementOrderForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        item = _run(form, lambda: services.record_order(actor=request.user, **form.cleaned_data))
        if item is not None:
            messages.success(request, _("Improvement order recorded and sent to the partner."))
            return redirect("orders:improvement_order_detail", pk=item.pk)
    context = {"form": form, "title": _("New improvement order")}
    return render(request, "registry/register_form.html", context)


@staff_required
def improvement_order_outcome(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    if not services.may_order(request.user, item.framework):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None, initial={"outcome": item.outcome})
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.record_outcome(actor=request.user, order=item, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("orders:improvement_order_detail", pk=item.pk)
    context = {"form": form, "item": item, "title": _("Outcome of the order")}
    return render(request, "registry/register_form.html", context)
