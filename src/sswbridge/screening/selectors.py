"""Screening for a user: candidates from the live index, only those the user may see; the
hits of automatic screening and the batches, through the same filters."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet

from sswbridge.screening import live, sources
from sswbridge.screening.entries import Candidate, Entry, Query
from sswbridge.screening.explain import explain as explain_candidate
from sswbridge.screening.models import HitStatus, ScreeningBatch, ScreeningHit
from sswbridge.screening.settings import DEFAULT_LIMIT, DEFAULT_THRESHOLD


def visible_keys(user: Any, entries: list[Entry]) -> set[str]:
    """The keys of the entries the user may see, decided by each model's `visible_to`."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        by_source[entry.source].append(entry.object_id)
    keys: set[str] = set()
    for name, ids in by_source.items():
        source = sources.get(name)
        if source is not None:
            keys |= {f"{name}:{pk}" for pk in source.visible_ids(user, ids)}
    return keys


def screen(
    query: Query,
    *,
    user: Any,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = DEFAULT_LIMIT,
    explain: bool = True,
    partial: bool = False,
) -> list[Candidate]:
    """Candidates for the query among the registers, best first, each explained.

    With `partial` (the screening page and API), partial names below the threshold are
    returned too, in the "possible" band; automatic screening leaves them out.

    Records the user may not see are never returned (nor counted against the limit).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    frameworks = {f.code for f in user.visible_frameworks()}
    found = live.get_index().search(
        query,
        threshold=threshold,
        limit=None,
        accept=lambda entry: entry.framework in frameworks,
        partial=partial,
    )
    allowed = visible_keys(user, [candidate.entry for candidate in found])
    kept = [candidate for candidate in found if candidate.entry.id in allowed]
    if limit is not None:
        kept = kept[:limit]
    if explain:
        for candidate in kept:
            candidate.explanation = explain_candidate(query, candidate)
    return kept


# --- hits of automatic screening --------------------------------------------------------------


def visible_pairs(user: Any, hits: list[Any]) -> list[Any]:
    """Hits whose two records the user may both see (the hit's marking already narrows it;
    a record withdrawn from the user since is not shown)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for hit in hits:
        wanted[hit.subject_source].add(hit.subject_id)
        wanted[hit.candidate_source].add(hit.candidate_id)
    keys: set[str] = set()
    for name, ids in wanted.items():
        source = sources.get(name)
        if source is not None:
            keys |= {f"{name}:{pk}" for pk in source.visible_ids(user, ids)}
    return [h for h in hits if h.subject_key in keys and h.candidate_key in keys]


def hits_visible_to(user: Any) -> QuerySet[ScreeningHit]:
    hits: QuerySet[ScreeningHit] = ScreeningHit.objects.visible_to(user)
    return hits.select_related("decided_by")


def hit_for(user: Any, pk: Any) -> ScreeningHit | None:
    hit = hits_visible_to(user).filter(pk=pk).first()
    return hit if hit is not None and visible_pairs(user, [hit]) else None


def open_hits_of(user: Any, source: str, object_id: Any) -> list[ScreeningHit]:
    """Hits found when this record was screened, waiting for a decision."""
    hits = hits_visible_to(user).filter(
        subject_source=source, subject_id=str(object_id), status=HitStatus.OPEN
    )
    return visible_pairs(user, list(hits.order_by("-score")[:100]))


def links_of(user: Any, source: str, object_id: Any) -> list[ScreeningHit]:
    """Hits decided as a match, on either side: the records linked to this one."""
    key = {"source": source, "id": str(object_id)}
    hits = hits_visible_to(user).filter(
        Q(subject_source=key["source"], subject_id=key["id"])
        | Q(candidate_source=key["source"], candidate_id=key["id"]),
        status=HitStatus.MATCH,
    )
    return visible_pairs(user, list(hits[:100]))


def hits_of_communication(user: Any, communication: Any) -> list[ScreeningHit]:
    """Hits on the intermediaries a share named, still waiting for a decision."""
    hits = hits_visible_to(user).filter(communication_id=communication.pk, status=HitStatus.OPEN)
    return visible_pairs(user, list(hits.order_by("-score")[:100]))


def decisions_for(user: Any, status: str = "") -> list[ScreeningHit]:
    """Decided pairs (matches and known false positives), newest first."""
    hits = hits_visible_to(user).exclude(status=HitStatus.OPEN)
    if status:
        hits = hits.filter(status=status)
    return visible_pairs(user, list(hits.order_by("-decided_at")[:500]))


def open_hits_for(user: Any) -> list[ScreeningHit]:
    hits = hits_visible_to(user).filter(status=HitStatus.OPEN).order_by("-created_at")
    return visible_pairs(user, list(hits[:500]))


def batches_for(user: Any) -> QuerySet[ScreeningBatch]:
    """A user's own batches: nobody else sees them."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ScreeningBatch.objects.none()
    return ScreeningBatch.objects.filter(owner=user).defer(
        "queries_csv", "watchlist_csv", "results_csv"
    )
