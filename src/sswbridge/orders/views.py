"""Pages of the improvement-order register (6.3, 7.5)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import run_on_form
from sswbridge.exchange.selectors import communication_for
from sswbridge.exchange.services import ExchangeError
from sswbridge.frameworks.models import Framework
from sswbridge.orders import services
from sswbridge.orders.forms import ImprovementOrderForm, OutcomeForm
from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication import selectors as publication_selectors

PAGE_SIZE = 50


@staff_required
def improvement_order_list(request: HttpRequest) -> HttpResponse:
    items = services.improvement_orders_for(staff_user(request))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "items": page.object_list,
        "may_order": services.may_order(staff_user(request)),
    }
    return render(request, "orders/improvement_order_list.html", context)


def _get(request: HttpRequest, pk: UUID) -> ImprovementOrder:
    return get_object_or_404(services.improvement_orders_for(staff_user(request)), pk=pk)


@staff_required
def improvement_order_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    user = staff_user(request)
    item = _get(request, pk)
    notice = communication_for(user, item.communication_id) if item.communication_id else None
    context = {
        "item": item,
        "notice": notice,
        "publications": publication_selectors.publications_of(user, improvement_order=item),
        "may_order": services.may_order(user, item.framework),
    }
    return render(request, "orders/improvement_order_detail.html", context)


@staff_required
def improvement_order_create(request: HttpRequest) -> HttpResponse:
    if not services.may_order(staff_user(request)):
        raise PermissionDenied
    frameworks = Framework.objects.visible_to(staff_user(request))
    form = ImprovementOrderForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        item = run_on_form(
            form,
            lambda: services.record_order(actor=staff_user(request), **form.cleaned_data),
            refusals=(ExchangeError,),
        )
        if item is not None:
            messages.success(request, _("Improvement order recorded and sent to the partner."))
            return redirect("orders:improvement_order_detail", pk=item.pk)
    context = {"form": form, "title": _("New improvement order")}
    return render(request, "registers/register_form.html", context)


@staff_required
def improvement_order_outcome(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    if not services.may_order(staff_user(request), item.framework):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None, initial={"outcome": item.outcome})
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: services.record_outcome(
                actor=staff_user(request), order=item, **form.cleaned_data
            ),
            refusals=(ExchangeError,),
        )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("orders:improvement_order_detail", pk=item.pk)
    context = {"form": form, "item": item, "title": _("Outcome of the order")}
    return render(request, "registers/register_form.html", context)
