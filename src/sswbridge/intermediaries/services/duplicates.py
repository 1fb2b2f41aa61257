"""Suggested duplicates among the intermediaries a user may see (entity resolution).

Each active intermediary's names, with its identifiers, kind and country, are screened
against the intermediaries source of the live screening index (`screening.live`), within
its own framework and among the records the user may see. A pair scoring at or above
`DUPLICATE_THRESHOLD` is suggested, with the screening engine's explanation; identifiers
that match count strongly (the engine's own rule). Pairs found not to be the same
(`DuplicateDismissal`) and merged records are never suggested.

Suggestions are computed when asked, not stored: for the whole list, at most
`MAX_SUBJECTS` of the most recent records are screened (each search is a few
milliseconds; see bench/screening.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sswbridge.intermediaries import selectors
from sswbridge.intermediaries.models import DuplicateDismissal, Intermediary, IntermediaryStatus
from sswbridge.screening import live
from sswbridge.screening.entries import Candidate, Query
from sswbridge.screening.explain import explain

SOURCE = "intermediary"
DUPLICATE_THRESHOLD = 0.8
MAX_SUBJECTS = 2000
PER_NAME = 5


@dataclass(slots=True)
class Suggestion:
    """Two records that are probably the same; `target` is the older (the one to keep)."""

    target: Intermediary
    source: Intermediary
    score: float
    query_name: str
    matched_name: str
    identifiers: tuple[str, ...]
    sentences: list[str] = field(default_factory=list)
    explanation: dict[str, Any] = field(default_factory=dict)


def pair_key(a: Any, b: Any) -> tuple[str, str]:
    """The pair in its stored order (smaller id as text first)."""
    first, second = sorted((str(a), str(b)))
    return first, second


def _dismissed(keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    if not keys:
        return set()
    rows = DuplicateDismissal.objects.filter(first_id__in={k[0] for k in keys}).values_list(
        "first_id", "second_id"
    )
    return {(str(a), str(b)) for a, b in rows}


def suggestions_for(
    user: Any,
    *,
    item: Intermediary | None = None,
    threshold: float = DUPLICATE_THRESHOLD,
) -> list[Suggestion]:
    """Probable duplicates the user may see, best first; only those of `item` when given."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    visible = selectors.intermediaries_for(user).filter(status=IntermediaryStatus.ACTIVE)
    allowed = {str(pk) for pk in visible.values_list("pk", flat=True)}
    if item is not None:
        subjects = [str(item.pk)] if str(item.pk) in allowed else []
    else:
        recent = visible.order_by("-created_at").values_list("pk", flat=True)[:MAX_SUBJECTS]
        subjects = [str(pk) for pk in recent]
    index = live.get_index()
    best: dict[tuple[str, str], tuple[Candidate, Query]] = {}
    for pk in subjects:
        entry = index.get(f"{SOURCE}:{pk}")
        if entry is None:
            continue
        own_framework = entry.framework

        def accept(other: Any, pk: str = pk, framework: str = own_framework) -> bool:
            return (
                other.source == SOURCE
                and other.object_id != pk
                and other.object_id in allowed
                and other.framework == framework
            )

        for name in entry.names:
            query = Query(
                name=name,
                kind=entry.kind,
                country=entry.country,
                identifiers=entry.identifiers,
                id=entry.id,
            )
            for found in index.search(query, threshold=threshold, limit=PER_NAME, accept=accept):
                key = pair_key(pk, found.entry.object_id)
                if key not in best or found.score > best[key][0].score:
                    best[key] = (found, query)
    for key in _dismissed(set(best)):
        best.pop(key, None)
    records = {
        str(pk): obj for pk, obj in visible.in_bulk({k for key in best for k in key}).items()
    }
    found_pairs: list[Suggestion] = []
    for (first, second), (candidate, query) in best.items():
        a, b = records.get(first), records.get(second)
        if a is None or b is None:
            continue
        target, source = (
            (a, b) if (a.created_at, str(a.pk)) <= (b.created_at, str(b.pk)) else (b, a)
        )
        explanation = explain(query, candidate)
        found_pairs.append(
            Suggestion(
                target=target,
                source=source,
                score=round(candidate.score, 3),
                query_name=query.name,
                matched_name=candidate.matched_name,
                identifiers=candidate.identifiers,
                sentences=[str(s) for s in explanation.sentences()],
                explanation=explanation.as_dict(),
            )
        )
    found_pairs.sort(key=lambda s: (-s.score, str(s.target.pk), str(s.source.pk)))
    return found_pairs
