"""Pages of the improvement-order register (6.3, 7.5) and of publication: the queue of what
waits for a registrar's confirmation, and each side's publication setting."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required
from sswbridge.exchange.selectors import communication_for
from sswbridge.frameworks.models import Framework
from sswbridge.publication import services as publishing
from sswbridge.publication.models import PublicationStatus
from sswbridge.registry import improvement_services, selectors
from sswbridge.registry.forms_registers import (
    ImprovementOrderForm,
    OutcomeForm,
    PublicationSettingsForm,
)
from sswbridge.registry.models import ImprovementOrder
from sswbridge.registry.services import NotPermitted
from sswbridge.registry.view_helpers import run

PAGE_SIZE = 50


@staff_required
def improvement_order_list(request: HttpRequest) -> HttpResponse:
    items = selectors.improvement_orders_for(request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "items": page.object_list,
        "may_order": improvement_services.may_order(request.user),
    }
    return render(request, "registry/improvement_order_list.html", context)


def _get(request: HttpRequest, pk: UUID) -> ImprovementOrder:
    return get_object_or_404(selectors.improvement_orders_for(request.user), pk=pk)


@staff_required
def improvement_order_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    notice = (
        communication_for(request.user, item.communication_id) if item.communication_id else None
    )
    context = {
        "item": item,
        "notice": notice,
        "publications": selectors.publications_of(request.user, improvement_order=item),
        "may_order": improvement_services.may_order(request.user, item.framework),
    }
    return render(request, "registry/improvement_order_detail.html", context)


@staff_required
def improvement_order_create(request: HttpRequest) -> HttpResponse:
    if not improvement_services.may_order(request.user):
        raise PermissionDenied
    frameworks = Framework.objects.visible_to(request.user)
    form = ImprovementOrderForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        item = run(
            form,
            lambda: improvement_services.record_order(actor=request.user, **form.cleaned_data),
        )
        if item is not None:
            messages.success(request, _("Improvement order recorded and sent to the partner."))
            return redirect("registry:improvement_order_detail", pk=item.pk)
    context = {"form": form, "title": _("New improvement order")}
    return render(request, "registry/register_form.html", context)


@staff_required
def improvement_order_outcome(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    if not improvement_services.may_order(request.user, item.framework):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None, initial={"outcome": item.outcome})
    if request.method == "POST" and form.is_valid():
        done = run(
            form,
            lambda: improvement_services.record_outcome(
                actor=request.user, order=item, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:improvement_order_detail", pk=item.pk)
    context = {"form": form, "item": item, "title": _("Outcome of the order")}
    return render(request, "registry/register_form.html", context)


@staff_required
def publication_queue(request: HttpRequest) -> HttpResponse:
    """What waits for this side's confirmation, and what was published lately."""
    user = request.user
    own = publishing.portal_of(user.agency.side)  # type: ignore[union-attr]
    mine = selectors.publications_for(user).filter(portal=own)
    context = {
        "portal": own,
        "pending": mine.filter(status=PublicationStatus.PENDING).order_by("created_at", "id"),
        "published": mine.filter(status=PublicationStatus.PUBLISHED).order_by(
            "-published_at", "-id"
        )[:PAGE_SIZE],
        "frameworks": Framework.objects.visible_to(user),
    }
    return render(request, "registry/publication_queue.html", context)


@staff_required
@require_POST
def publication_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.publications_for(request.user), pk=pk)
    try:
        publishing.publish(actor=request.user, publication=item)
    except NotPermitted as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Published."))
    return redirect("registry:publication_queue")


@staff_required
def publication_settings(request: HttpRequest, code: str) -> HttpResponse:
    framework = get_object_or_404(Framework.objects.visible_to(request.user), code=code)
    side = request.user.agency.side  # type: ignore[union-attr]
    current = publishing.settings_for(framework, side)
    may_change = publishing.may_change_settings(request.user, framework)
    form = PublicationSettingsForm(
        request.POST or None, initial={"auto_publish_on_receipt": current.auto_publish_on_receipt}
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            done = run(
                form,
                lambda: publishing.update_settings(
                    actor=request.user, framework=framework, **form.cleaned_data
                ),
            )
            if done is not None:
                messages.success(request, _("Saved."))
                return redirect("registry:publication_settings", code=framework.code)
    context = {"form": form, "framework": framework, "side": side, "may_change": may_change}
    return render(request, "registry/publication_settings.html", context)
