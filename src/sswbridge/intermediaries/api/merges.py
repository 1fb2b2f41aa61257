"""Entity resolution under /api/v1/registry: suggested duplicates, merge, undo, dismiss.

Records the user may not see answer 404; roles that may not merge 403; a merge that is not
in a state to allow the action (already merged, already undone) 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from sswbridge.core.api import ERRORS, auth_user, error, run
from sswbridge.exchange.services import ExchangeError
from sswbridge.intermediaries import selectors
from sswbridge.intermediaries.models import Intermediary, IntermediaryMerge
from sswbridge.intermediaries.schemas.intermediaries import PageIn
from sswbridge.intermediaries.schemas.merges import (
    DismissalOut,
    DismissIn,
    MergeIn,
    MergeOut,
    MergePageOut,
    SuggestionFilterIn,
    SuggestionListOut,
    UndoIn,
)
from sswbridge.intermediaries.services import duplicates
from sswbridge.intermediaries.services import merges as merge_services

router = Router(tags=["intermediaries"])


def _intermediary(request: HttpRequest, pk: UUID) -> Intermediary | None:
    found: Intermediary | None = (
        selectors.intermediaries_for(auth_user(request)).filter(pk=pk).first()
    )
    return found


def _merge(request: HttpRequest, pk: UUID) -> IntermediaryMerge | None:
    found: IntermediaryMerge | None = selectors.merges_for(auth_user(request)).filter(pk=pk).first()
    return found


def _not_found(message: str) -> Status[Any]:
    return Status(404, error("not_found", message))


def _run(action: Callable[[], Any], answer: Callable[[Any], Any], *, status: int = 200) -> Any:
    """Call a service and answer with `answer(result)`; refusals become 4xx answers (a merge
    not in a state to allow it 409)."""
    return run(
        lambda: answer(action()),
        refused=PermissionDenied,
        conflicts=(merge_services.MergeConflict, ExchangeError),
        status=status,
    )


@router.get(
    "/duplicates",
    response={200: SuggestionListOut, **ERRORS},
    operation_id="intermediaries_list_duplicates",
)
def list_duplicates(request: HttpRequest, filters: Query[SuggestionFilterIn]) -> Any:
    """Pairs of intermediaries that are probably the same, best first, with score and
    explanation; `intermediary` keeps only the pairs of one record."""
    item = None
    if filters.intermediary is not None:
        item = _intermediary(request, filters.intermediary)
        if item is None:
            return _not_found(_("No such intermediary."))
    found = duplicates.suggestions_for(auth_user(request), item=item)
    return {"count": len(found), "threshold": duplicates.DUPLICATE_THRESHOLD, "items": found}


@router.post(
    "/duplicates/dismiss",
    response={201: DismissalOut, **ERRORS},
    operation_id="intermediaries_dismiss_duplicate",
)
def dismiss_duplicate(request: HttpRequest, payload: DismissIn) -> Any:
    """Note that two records are not the same: the pair is never suggested again."""
    first = _intermediary(request, payload.first)
    second = _intermediary(request, payload.second)
    if first is None or second is None:
        return _not_found(_("No such intermediary."))
    return _run(
        lambda: merge_services.dismiss(
            actor=auth_user(request), first=first, second=second, reason=payload.reason
        ),
        lambda row: row,
        status=201,
    )


@router.get("/merges", response=MergePageOut, operation_id="intermediaries_list_merges")
def list_merges(request: HttpRequest, page: Query[PageIn]) -> Any:
    """Merges whose two records the user may see, newest first (undone ones included)."""
    items = selectors.merges_for(auth_user(request))
    return {
        "count": items.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": list(items[page.offset : page.offset + page.limit]),
    }


@router.post(
    "/merges",
    response={201: MergeOut, **ERRORS},
    operation_id="intermediaries_merge_intermediaries",
)
def merge(request: HttpRequest, payload: MergeIn) -> Any:
    """Merge `source` (B) into `target` (A): B's names, identifiers and linked people move to
    A; B is kept with status merged. Registrars and contact-point officers of the side that
    reported both."""
    target = _intermediary(request, payload.target)
    source = _intermediary(request, payload.source)
    if target is None or source is None:
        return _not_found(_("No such intermediary."))
    return _run(
        lambda: merge_services.merge(
            actor=auth_user(request), target=target, source=source, reason=payload.reason
        ),
        lambda record: selectors.merges_for(auth_user(request)).get(pk=record.pk),
        status=201,
    )


@router.get(
    "/merges/{merge_id}",
    response={200: MergeOut, **ERRORS},
    operation_id="intermediaries_get_merge",
)
def get_merge(request: HttpRequest, merge_id: UUID) -> Any:
    """One merge: who, when, why, exactly what moved, and its undo if any."""
    record = _merge(request, merge_id)
    return record if record is not None else _not_found(_("No such merge."))


@router.post(
    "/merges/{merge_id}/undo",
    response={200: MergeOut, **ERRORS},
    operation_id="intermediaries_undo_merge",
)
def undo_merge(request: HttpRequest, merge_id: UUID, payload: UndoIn) -> Any:
    """Undo a merge: B is active again and exactly what came from B moves back. An undone
    merge cannot be undone again (409 `already_undone`)."""
    record = _merge(request, merge_id)
    if record is None:
        return _not_found(_("No such merge."))
    return _run(
        lambda: merge_services.undo(actor=auth_user(request), merge=record, reason=payload.reason),
        lambda done: selectors.merges_for(auth_user(request)).get(pk=done.pk),
    )
