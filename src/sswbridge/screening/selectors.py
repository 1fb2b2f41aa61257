"""Screening for a user: candidates from the live index, only those the user may see."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sswbridge.screening import live, sources
from sswbridge.screening.entries import Candidate, Entry, Query
from sswbridge.screening.explain import explain as explain_candidate
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
) -> list[Candidate]:
    """Candidates for the query among the registers, best first, each explained.

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
    )
    allowed = visible_keys(user, [candidate.entry for candidate in found])
    kept = [candidate for candidate in found if candidate.entry.id in allowed]
    if limit is not None:
        kept = kept[:limit]
    if explain:
        for candidate in kept:
            candidate.explanation = explain_candidate(query, candidate)
    return kept
