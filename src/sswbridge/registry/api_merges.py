"""Entity resolution under /api/v1/registry: suggested duplicates, merge, undo, dismiss.

Records the user may not see answer 404; roles that may not merge 403; a merge that is not
in a state to allow the action (already merged, already undone) 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from sswbridge.registry import duplicates, merge_services, selectors
from sswbridge.registry.api_helpers import ERRORS, error, not_found, run, user_of
from sswbridge.registry.models import Intermediary, IntermediaryMerge
from sswbridge.registry.schemas import PageIn
from sswbridge.registry.schemas_merges import (
    DismissalOut,
    DismissIn,
    MergeIn,
    MergeOut,
    MergePageOut,
    SuggestionFilterIn,
    SuggestionListOut,
    UndoIn,
)

router = Router(tags=["registry"])


def _intermediary(request: HttpRequest, pk: UUID) -> Intermediary | None:
    found: Intermediary | None = (
        selectors.intermediaries_for(user_of(request)).filter(pk=pk).first()
    )
    return found


def _merge(request: HttpRequest, pk: UUID) -> IntermediaryMerge | None:
    found: IntermediaryMerge | None = selectors.merges_for(user_of(request)).filter(pk=pk).first()
    return found


def _run(action: Callable[[], Any], answer: Callable[[Any], Any], *, status: int = 200) -> Any:
    try:
        return run(action, answer, status=status)
    except merge_services.MergeConflict as exc:
        return Status(409, error(exc.code, exc.message))


@router.get("/duplicates", response={200: SuggestionListOut, **ERRORS})
def list_duplicates(request: HttpRequest, filters: Query[SuggestionFilterIn]) -> Any:
    """Pairs of intermediaries that are probably the same, best first, with score and
    explanation; `intermediary` keeps only the pairs of one record."""
    item = None
    if filters.intermediary is not None:
        item = _intermediary(request, filters.intermediary)
        if item is None:
            return not_found(_("No such intermediary."))
    found = duplicates.suggestions_for(user_of(request), item=item)
    return {"count": len(found), "threshold": duplicates.DUPLICATE_THRESHOLD, "items": found}


@router.post("/duplicates/dismiss", response={201: DismissalOut, **ERRORS})
def dismiss_duplicate(request: HttpRequest, payload: DismissIn) -> Any:
    """Note that two records are not the same: the pair is never suggested again."""
    first = _intermediary(request, payload.first)
    second = _intermediary(request, payload.second)
    if first is None or second is None:
        return not_found(_("No such intermediary."))
    return _run(
        lambda: merge_services.dismiss(
            actor=user_of(request), first=first, second=second, reason=payload.reason
        ),
        lambda row: row,
        status=201,
    )


@router.get("/merges", response=MergePageOut)
def list_merges(request: HttpRequest, page: Query[PageIn]) -> Any:
    """Merges whose two records the user may see, newest first (undone ones included)."""
    items = selectors.merges_for(user_of(request))
    return {
        "count": items.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": list(items[page.offset : page.offset + page.limit]),
    }


@router.post("/merges", response={201: MergeOut, **ERRORS})
def merge(request: HttpRequest, payload: MergeIn) -> Any:
    """Merge `source` (B) into `target` (A): B's names, identifiers and linked people move to
    A; B is kept with status merged. Registrars and contact-point officers of the side that
    reported both."""
    target = _intermediary(request, payload.target)
    source = _intermediary(request, payload.source)
    if target is None or source is None:
        return not_found(_("No such intermediary."))
    return _run(
        lambda: merge_services.merge(
            actor=user_of(request), target=target, source=source, reason=payload.reason
        ),
        lambda record: selectors.merges_for(user_of(request)).get(pk=record.pk),
        status=201,
    )


@router.get("/merges/{merge_id}", response={200: MergeOut, **ERRORS})
def get_merge(request: HttpRequest, merge_id: UUID) -> Any:
    """One merge: who, when, why, exactly what moved, and its undo if any."""
    record = _merge(request, merge_id)
    return record if record is not None else not_found(_("No such merge."))


@router.post("/merges/{merge_id}/undo", response={200: MergeOut, **ERRORS})
def undo_merge(request: HttpRequest, merge_id: UUID, payload: UndoIn) -> Any:
    """Undo a merge: B is active again and exactly what came from B moves back. An undone
    merge cannot be undone again (409 `already_undone`)."""
    record = _merge(request, merge_id)
    if record is None:
        return not_found(_("No such merge."))
    return _run(
        lambda: merge_services.undo(actor=user_of(request), merge=record, reason=payload.reason),
        lambda done: selectors.merges_for(user_of(request)).get(pk=done.pk),
    )
