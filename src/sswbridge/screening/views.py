"""Staff pages of screening: check a name, decide hits, list decisions, run batches."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core import redirects
from sswbridge.screening import links, selectors, services
from sswbridge.screening.calibration import BAND_LABELS
from sswbridge.screening.entries import Candidate, Query
from sswbridge.screening.exports import screening_results_response
from sswbridge.screening.forms import BatchForm, DecisionForm, ScreeningForm
from sswbridge.screening.models import HitStatus

REFRESH_SECONDS = 2


def candidate_rows(candidates: list[Candidate]) -> list[dict[str, Any]]:
    """What the page shows of each candidate."""
    return [
        {
            "id": c.entry.id,
            "name": c.matched_name,
            "names": c.entry.names,
            "score": c.score,
            "band": c.band,
            "band_label": BAND_LABELS[c.band],
            "source": links.source_label(c.entry.source),
            "flags": links.flag_labels(c.entry.flags),
            "url": links.record_url(c.entry.source, c.entry.object_id, c.matched_name),
            "explanation": c.explanation.sentences() if c.explanation else [],
        }
        for c in candidates
    ]


@staff_required
def screen_page(request: HttpRequest) -> HttpResponse:
    form = ScreeningForm(request.GET or None)
    rows: list[dict[str, Any]] | None = None
    if form.is_valid():
        data = form.cleaned_data
        query = Query.of(
            data["name"],
            kind=data["kind"] or "",
            country=data["country"] or "",
            birth_date=data["birth_date"].isoformat() if data["birth_date"] else "",
            registration_number=data["registration_number"] or "",
        )
        rows = candidate_rows(selectors.screen(query, user=request.user, partial=True))
    return render(request, "screening/screen.html", {"form": form, "rows": rows})


def _next(request: HttpRequest) -> str:
    return redirects.safe_next(request, request.POST.get("next")) or reverse("screening:decisions")


@require_POST
@staff_required
def decide(request: HttpRequest, pk: UUID) -> HttpResponse:
    hit = selectors.hit_for(request.user, pk)
    if hit is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose match or not a match."))
        return redirect(_next(request))
    try:
        services.decide(
            actor=staff_user(request),
            hit=hit,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect(_next(request))


@staff_required
def decisions(request: HttpRequest) -> HttpResponse:
    """Matches and known false positives, and the hits still waiting."""
    status = request.GET.get("status", "")
    if status not in ("", HitStatus.MATCH, HitStatus.NOT_MATCH):
        status = ""
    context = {
        "decided": selectors.decisions_for(request.user, status),
        "waiting": selectors.open_hits_for(request.user),
        "status": status,
    }
    return render(request, "screening/decisions.html", context)


@staff_required
def batch_list(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.queue_batch(
                actor=staff_user(request),
                queries=data["queries"],
                threshold=data["threshold"],
                limit=data["limit"],
                watchlist=data["watchlist"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return redirect("screening:batch_detail", pk=record.pk)
    context = {"form": form, "batches": selectors.batches_for(request.user)[:50]}
    refused = request.method == "POST" and bool(form.errors)  # a file refused: 400
    return render(request, "screening/batch_list.html", context, status=400 if refused else 200)


@staff_required
def batch_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    record = get_object_or_404(selectors.batches_for(request.user), pk=pk)
    response = render(request, "screening/batch_detail.html", {"record": record})
    if not record.finished:
        response.headers["Refresh"] = str(REFRESH_SECONDS)  # no script needed
    return response


@staff_required
def batch_results(request: HttpRequest, pk: UUID) -> HttpResponse:
    record = get_object_or_404(
        selectors.batches_for(request.user).defer(None), pk=pk, status="done"
    )
    # Clause 3: rows about the other side's records do not leave without its consent.
    return screening_results_response(request.user, record.results_csv, f"results-{record.pk}.csv")
