"""Pages of entity resolution: suggested duplicates, merge and undo (each confirmed on a page
of its own), and "not the same"."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import run_on_form
from sswbridge.exchange.services import ExchangeError
from sswbridge.intermediaries import selectors
from sswbridge.intermediaries.models import Intermediary, IntermediaryMerge
from sswbridge.intermediaries.services import duplicates
from sswbridge.intermediaries.services import merges as merge_services

RECENT_MERGES = 20


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=merge_services.REASON_MAX,
    )


class OptionalReasonForm(ReasonForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=merge_services.REASON_MAX,
        required=False,
    )


def _get(request: HttpRequest, pk: UUID) -> Intermediary:
    return get_object_or_404(selectors.intermediaries_for(request.user), pk=pk)


def _require_merge_role(request: HttpRequest, *items: Intermediary) -> None:
    """The role, and the side that reported the records: the service's rule."""
    if not merge_services.may_merge_records(request.user, *items):
        raise PermissionDenied


def _suggestion(request: HttpRequest, a: Intermediary, b: Intermediary) -> Any:
    for found in duplicates.suggestions_for(request.user, item=a):
        if {found.target.pk, found.source.pk} == {a.pk, b.pk}:
            return found
    return None


@staff_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    context = {
        "suggestions": duplicates.suggestions_for(request.user),
        "merges": selectors.merges_for(request.user)[:RECENT_MERGES],
        "may_merge": merge_services.may_merge(request.user),
        "threshold": duplicates.DUPLICATE_THRESHOLD,
    }
    return render(request, "intermediaries/duplicate_list.html", context)


def _run_write(request: HttpRequest, form: forms.Form, write: Any) -> Any:
    try:
        return run_on_form(form, write, refusals=(ExchangeError,))
    except merge_services.MergeConflict as exc:
        form.add_error(None, exc.message)
    return None


@staff_required
def intermediary_merge(request: HttpRequest, pk: UUID, source_pk: UUID) -> HttpResponse:
    """Confirm merging `source_pk` (B) into `pk` (A); B's names and the rest move to A."""
    target, source = _get(request, pk), _get(request, source_pk)
    if target.pk == source.pk:
        raise Http404
    _require_merge_role(request, target, source)
    suggestion = _suggestion(request, target, source)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        score = suggestion.score if suggestion is not None else None
        done = _run_write(
            request,
            form,
            lambda: merge_services.merge(
                actor=staff_user(request),
                target=target,
                source=source,
                reason=form.cleaned_data["reason"],
                score=score,
            ),
        )
        if done is not None:
            messages.success(request, _("The records were merged. The merge can be undone."))
            return redirect("intermediaries:intermediary_detail", pk=target.pk)
    context = {
        "form": form,
        "target": target,
        "source": source,
        "suggestion": suggestion,
        "source_identifiers": source.identifiers.all(),
        "source_people": selectors.linked_people(request.user, source),
    }
    return render(request, "intermediaries/merge_confirm.html", context)


@staff_required
def intermediary_not_duplicate(request: HttpRequest, pk: UUID, other_pk: UUID) -> HttpResponse:
    """Confirm that two records are not the same: the pair is not suggested again."""
    first, second = _get(request, pk), _get(request, other_pk)
    if first.pk == second.pk:
        raise Http404
    _require_merge_role(request)
    form = OptionalReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _run_write(
            request,
            form,
            lambda: merge_services.dismiss(
                actor=staff_user(request),
                first=first,
                second=second,
                reason=form.cleaned_data["reason"],
            ),
        )
        if done is not None:
            messages.success(request, _("Noted: these records are not the same."))
            return redirect("intermediaries:duplicate_list")
    context = {"form": form, "first": first, "second": second}
    return render(request, "intermediaries/not_duplicate_confirm.html", context)


def _merge(request: HttpRequest, pk: UUID) -> IntermediaryMerge:
    return get_object_or_404(selectors.merges_for(request.user), pk=pk)


@staff_required
def merge_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    record = _merge(request, pk)
    context = {
        "merge": record,
        "moved": record.moved,
        "may_undo": merge_services.may_undo(request.user, record),
    }
    return render(request, "intermediaries/merge_detail.html", context)


@staff_required
def merge_undo(request: HttpRequest, pk: UUID) -> HttpResponse:
    record = _merge(request, pk)
    _require_merge_role(request, record.target, record.source)
    form = OptionalReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _run_write(
            request,
            form,
            lambda: merge_services.undo(
                actor=staff_user(request), merge=record, reason=form.cleaned_data["reason"]
            ),
        )
        if done is not None:
            messages.success(request, _("The merge was undone."))
            return redirect("intermediaries:intermediary_detail", pk=record.source_id)
    return render(request, "intermediaries/merge_undo.html", {"form": form, "merge": record})
