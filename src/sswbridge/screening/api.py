"""Screening under /api/v1/screening: a query with explained candidates, batches (upload,
progress, results CSV), and the hits of automatic screening with their decisions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS
from sswbridge.screening import selectors, services
from sswbridge.screening.calibration import BAND_LABELS
from sswbridge.screening.entries import Query as ScreeningQuery
from sswbridge.screening.exports import screening_results_response
from sswbridge.screening.models import ScreeningBatch
from sswbridge.screening.schemas import (
    BatchOut,
    CandidateOut,
    HitDecisionIn,
    HitOut,
    HitsIn,
    ScreenIn,
)
from sswbridge.screening.settings import DEFAULT_LIMIT, DEFAULT_THRESHOLD

router = Router(tags=["screening"])


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@router.post("/query", response=list[CandidateOut], operation_id="screening_query_person")
def query(request: HttpRequest, body: ScreenIn) -> list[dict[str, Any]]:
    """Candidates for one name among the registers the user may see, best first, explained."""
    found = selectors.screen(
        ScreeningQuery.of(
            body.name,
            kind=body.kind,
            country=body.country,
            birth_date=body.birth_date.isoformat() if body.birth_date else "",
            registration_number=body.registration_number,
            phone=body.phone,
        ),
        user=_user(request),
        threshold=body.threshold,
        limit=body.limit,
        partial=True,
    )
    return [
        {
            "id": c.entry.id,
            "source": c.entry.source,
            "name": c.matched_name,
            "names": list(c.entry.names),
            "score": round(c.score, 4),
            "probability": round(c.probability, 4),
            "band": c.band,
            "band_label": str(BAND_LABELS[c.band]),
            "partial": c.partial,
            "flags": list(c.entry.flags),
            "revoked": "revoked" in c.entry.flags,
            "explanation": c.explanation.as_dict() if c.explanation else {},
            "sentences": c.explanation.sentences() if c.explanation else [],
        }
        for c in found
    ]


@router.post("/batches", response={202: BatchOut, **ERRORS}, operation_id="screening_upload_batch")
def upload_batch(
    request: HttpRequest,
    queries: File[UploadedFile],
    threshold: Form[float] = DEFAULT_THRESHOLD,
    limit: Form[int] = DEFAULT_LIMIT,
    watchlist: File[UploadedFile] | None = None,
) -> Any:
    """Upload QUERIES.csv (multipart: `queries`, optional `watchlist`, `threshold`, `limit`);
    it runs in the background: poll GET /batches/{id}, then GET /batches/{id}/results."""
    try:
        record = services.queue_batch(
            actor=_user(request),
            queries=queries,
            threshold=threshold,
            limit=limit,
            watchlist=watchlist,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        message = " ".join(m for ms in errors.values() for m in ms)
        return Status(400, {"code": "invalid_input", "message": message, "errors": errors})
    return Status(202, record)


def _batch(request: HttpRequest, batch_id: UUID) -> ScreeningBatch:
    found = selectors.batches_for(_user(request)).filter(pk=batch_id).first()
    if found is None:
        raise HttpError(404, _("No such batch."))
    return found


@router.get("/batches", response=list[BatchOut], operation_id="screening_list_batches")
def list_batches(request: HttpRequest) -> Any:
    return list(selectors.batches_for(_user(request))[:100])


@router.get(
    "/batches/{batch_id}", response={200: BatchOut, **ERRORS}, operation_id="screening_get_batch"
)
def get_batch(request: HttpRequest, batch_id: UUID) -> Any:
    """A batch's status and progress (queries_done of queries_total)."""
    return _batch(request, batch_id)


@router.get(
    "/batches/{batch_id}/results",
    response={200: None, **ERRORS},
    operation_id="screening_list_batch_results",
)
def batch_results(request: HttpRequest, batch_id: UUID) -> Any:
    """RESULTS.csv: query_id,candidate_id,candidate_name,score (409 until done)."""
    record = _batch(request, batch_id)
    if record.status != "done":
        raise HttpError(409, _("The batch has not finished."))
    text = ScreeningBatch.objects.values_list("results_csv", flat=True).get(pk=record.pk)
    # Clause 3: rows about the other side's records do not leave without its consent.
    return screening_results_response(_user(request), text, f"results-{record.pk}.csv")


@router.get("/hits", response=list[HitOut], operation_id="screening_list_hits")
def list_hits(request: HttpRequest, params: Query[HitsIn]) -> Any:
    """Hits of automatic screening (status open by default); `record=source:id` for one."""
    user = _user(request)
    hits = selectors.hits_visible_to(user).select_related("framework")
    if params.status:
        hits = hits.filter(status=params.status)
    if params.record:
        source, _sep, object_id = params.record.partition(":")
        hits = hits.filter(
            Q(subject_source=source, subject_id=object_id)
            | Q(candidate_source=source, candidate_id=object_id)
        )
    return selectors.visible_pairs(user, list(hits.order_by("-created_at")[:500]))


@router.post(
    "/hits/{hit_id}/decision", response={200: HitOut, **ERRORS}, operation_id="screening_decide_hit"
)
def decide(request: HttpRequest, hit_id: UUID, body: HitDecisionIn) -> Any:
    """Record match or not a match; the pair never alerts again."""
    user = _user(request)
    hit = selectors.hit_for(user, hit_id)
    if hit is None:
        raise HttpError(404, _("No such hit."))
    try:
        return services.decide(actor=user, hit=hit, status=body.status, reason=body.reason)
    except services.NotPermitted as exc:
        return Status(403, {"code": "forbidden", "message": exc.message})
    except ValidationError as exc:
        return Status(400, {"code": "invalid_input", "message": " ".join(exc.messages)})
