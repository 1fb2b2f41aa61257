"""Pages of the intermediaries register: list, page, create and edit. Entity resolution's
pages are in `merges`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core import concurrency
from sswbridge.core.actions import run_on_form
from sswbridge.exchange.services import ExchangeError
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries import selectors
from sswbridge.intermediaries.forms import (
    IntermediaryEditForm,
    IntermediaryFilterForm,
    IntermediaryForm,
    IntermediaryIdentifierForm,
    IntermediaryLinkForm,
    IntermediaryNameForm,
)
from sswbridge.intermediaries.models import Intermediary, PartyKind
from sswbridge.intermediaries.services import intermediaries as services

PAGE_SIZE = 50


@staff_required
def intermediary_list(request: HttpRequest) -> HttpResponse:
    form = IntermediaryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = selectors.search_intermediaries(
        request.user,
        q=data.get("q") or "",
        kind=data.get("kind") or "",
        country=data.get("country") or "",
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "items": page.object_list,
        "query": query.urlencode(),
        "may_edit": services.may_edit(request.user),
    }
    return render(request, "intermediaries/intermediary_list.html", context)


def _get(request: HttpRequest, pk: UUID) -> Intermediary:
    return get_object_or_404(selectors.intermediaries_for(request.user), pk=pk)


@staff_required
def intermediary_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _get(request, pk)
    user = request.user
    context = {
        "item": item,
        "identifiers": selectors.identifiers_of(item),
        "people": selectors.linked_people(user, item),
        "linked_to": selectors.linked_to(user, item),
        "communications": selectors.communications_mentioning(user, item),
        "cases_installed": selectors.cases_installed(),
        "cases": selectors.cases_of(user, item),
        "may_change": services.may_change(user, item),
        **_resolution(request, item),
    }
    return render(request, "intermediaries/intermediary_detail.html", context)


def _resolution(request: HttpRequest, item: Intermediary) -> dict[str, Any]:
    """Possible duplicates of an active record, and the merges into or out of it."""
    from sswbridge.intermediaries.services import duplicates
    from sswbridge.intermediaries.services import merges as merge_services

    into = item.merged_into_id
    return {
        "suggestions": duplicates.suggestions_for(request.user, item=item) if not into else [],
        "merges": selectors.merges_of(request.user, item),
        "may_merge": merge_services.may_merge(request.user),
        "merged_into": (
            selectors.intermediaries_for(request.user).filter(pk=into).first() if into else None
        ),
    }


@staff_required
def intermediary_create(request: HttpRequest) -> HttpResponse:
    if not services.may_edit(request.user):
        raise PermissionDenied
    frameworks = Framework.objects.visible_to(request.user)
    form = IntermediaryForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        item = run_on_form(
            form,
            lambda: services.create_intermediary(
                actor=staff_user(request), **form.service_fields()
            ),
            refusals=(ExchangeError,),
        )
        if item is not None:
            messages.success(request, _("Intermediary added to the register."))
            return redirect("intermediaries:intermediary_detail", pk=item.pk)
    context = {"form": form, "title": _("New intermediary")}
    return render(request, "intermediaries/intermediary_form.html", context)


def _changeable(request: HttpRequest, pk: UUID) -> Intermediary:
    """The intermediary (404 when the user may not see it), 403 when they may not change it."""
    item = _get(request, pk)
    if not services.may_change(request.user, item):
        raise PermissionDenied
    return item


@staff_required
def intermediary_edit(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _changeable(request, pk)
    initial = {f: getattr(item, f) for f in ("kind", "country", "notes", "marking")}
    form = IntermediaryEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: concurrency.guarded(
                request,
                item,
                lambda: services.update(
                    actor=staff_user(request), intermediary=item, **form.cleaned_data
                ),
            ),
            refusals=(ExchangeError,),
        )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("intermediaries:intermediary_detail", pk=item.pk)
    context = {
        "form": form,
        "item": item,
        "title": _("Edit intermediary"),
        "record_version": concurrency.seen_version(request, item),
    }
    return render(request, "intermediaries/intermediary_form.html", context)


def _add(
    request: HttpRequest,
    item: Intermediary,
    form: forms.Form,
    title: str,
    write: Callable[[], Any],
) -> HttpResponse:
    if (
        request.method == "POST"
        and form.is_valid()
        and run_on_form(form, write, refusals=(ExchangeError,)) is not None
    ):
        messages.success(request, _("Saved."))
        return redirect("intermediaries:intermediary_detail", pk=item.pk)
    context = {"form": form, "item": item, "title": title}
    return render(request, "intermediaries/intermediary_form.html", context)


@staff_required
def intermediary_add_name(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _changeable(request, pk)
    form = IntermediaryNameForm(request.POST or None)
    return _add(
        request,
        item,
        form,
        _("Add a name"),
        lambda: services.add_name(
            actor=staff_user(request), intermediary=item, **form.cleaned_data
        ),
    )


@staff_required
def intermediary_add_identifier(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _changeable(request, pk)
    form = IntermediaryIdentifierForm(request.POST or None)
    return _add(
        request,
        item,
        form,
        _("Add an identifier"),
        lambda: services.add_identifier(
            actor=staff_user(request), intermediary=item, **form.cleaned_data
        ),
    )


@staff_required
def intermediary_link_person(request: HttpRequest, pk: UUID) -> HttpResponse:
    item = _changeable(request, pk)
    people = (
        selectors.intermediaries_for(request.user)
        .filter(framework_id=item.framework_id, kind=PartyKind.INDIVIDUAL)
        .filter(merged_into__isnull=True)
        .exclude(pk=item.pk)
    )
    form = IntermediaryLinkForm(request.POST or None, people=people)
    return _add(
        request,
        item,
        form,
        _("Link a person"),
        lambda: services.link_person(
            actor=staff_user(request), intermediary=item, **form.cleaned_data
        ),
    )
