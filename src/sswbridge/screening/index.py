"""The screening index: entries filed under blocking keys, changed one entry at a time.

`add`, `update` and `remove` touch only the entry concerned; nothing is rebuilt for a
query. A removed entry leaves a tombstone in the posting lists, skipped when read; when
tombstones pass a quarter of the slots the lists are compacted once (not per query).

A search: analyse the query; look up its words and their one-deletion neighbours in the
vocabulary, keeping the words within a typo or two; add up, per entry, the rarity of the
words it shares (an entry sharing the rare word counts more than one sharing "travel");
take the best few hundred and score them in full (`match.rate`); add entries that share an
identifier whatever their name. Everything is in memory, in plain dicts and lists.
"""

from __future__ import annotations

import gc
import heapq
import math
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from rapidfuzz.distance import OSA

from sswbridge.screening import keys, match, names, parallel
from sswbridge.screening.entries import Candidate, Entry, Query
from sswbridge.screening.names import Form
from sswbridge.screening.normalize import identifier_group, normalize_identifier

POOL = 48  # entries scored in full per query
COMMON = 0.05  # a word in more than this share of the entries is skipped when others exist
AFFIX_SHARE = 0.5  # the weight of a shared first or last four letters, against a whole word
AFFIX_COMMON = 0.01  # affixes shared by more than this share of the entries are skipped


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to make, a million times
class _Slot:
    entry: Entry
    forms: tuple[Form, ...]  # one or two per name of the entry (`names.forms`)
    origins: tuple[int, ...]  # the name each form comes from
    words: tuple[str, ...]  # the vocabulary words it is filed under
    identifiers: tuple[str, ...]  # "group:normalized"


@contextmanager
def without_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large index is made: its million small objects
    hold no cycles, and the collector, run again and again as they are allocated, would
    take most of the time. At the end the objects made are frozen (`gc.freeze`: moved out
    of the collector's generations), or the first collection after it would go through all
    of them, and every full one after that again: half a second each for 100,000 entries.
    Frozen objects are still freed when no longer referred to; only cyclic garbage present
    at that moment would stay (the index makes none)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


_Analysed = tuple[tuple[Form, ...], tuple[int, ...], tuple[str, ...]]


def _analysed(entry_names: tuple[str, ...]) -> _Analysed:
    """An entry's forms (one or two per name), the name each comes from, and its keys."""
    if len(entry_names) == 1:  # the usual case, without the lists of the general one
        name = entry_names[0]
        if not name.strip():
            return (), (), ()
        forms = names.forms(name)
        origins: tuple[int, ...] = (0,) * len(forms)
    else:
        kept = [name for name in entry_names if name.strip()]
        pairs = [(i, form) for i, name in enumerate(kept) for form in names.forms(name)]
        forms = tuple(form for _i, form in pairs)
        origins = tuple(i for i, _form in pairs)
    return forms, origins, keys.filed(forms)


def identifier_keys(identifiers: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    found: list[str] = []
    for type_, value in identifiers:
        normalized = normalize_identifier(type_, value)
        if len(normalized) >= 3:
            found.append(f"{identifier_group(type_)}:{normalized}")
    return tuple(dict.fromkeys(found))


class ScreeningIndex:
    """An in-memory index of entries, searchable across scripts and spellings."""

    def __init__(self, entries: Iterable[Entry] = (), *, workers: int = 1) -> None:
        self._lock = threading.RLock()
        self._slots: list[_Slot | None] = []
        self._by_id: dict[str, int] = {}
        self._postings: dict[str, list[int]] = {}
        self._deletes: dict[str, list[str]] = {}
        self._identifiers: dict[str, list[int]] = {}
        self._dead = 0
        self.add_many(entries, workers=workers)

    # Changes -----------------------------------------------------------------------------

    def add(self, entry: Entry) -> None:
        """File an entry; an entry with the same id is replaced."""
        self._insert(entry, _analysed(entry.names))

    def add_many(self, entries: Iterable[Entry], *, workers: int = 1) -> None:
        """File many entries, as `add` does each (the garbage collector paused); with
        `workers` > 1, their names are analysed on that many processes (`parallel.py`: only
        where no other thread runs, as in the `screen` command)."""
        with without_gc(), self._lock:
            if workers <= 1:
                for entry in entries:
                    self._insert(entry, _analysed(entry.names))
                return
            listed = list(entries)
            names_of = [entry.names for entry in listed]
            for entry, analysed in zip(
                listed, parallel.map_in_runs(_analysed, names_of, workers), strict=True
            ):
                self._insert(entry, analysed)

    def _insert(self, entry: Entry, analysed: _Analysed) -> None:
        forms, origins, words = analysed
        found = identifier_keys(entry.identifiers) if entry.identifiers else ()
        slot = _Slot(entry, forms, origins, words, found)
        with self._lock:
            self._drop(entry.id)
            at = len(self._slots)
            self._slots.append(slot)
            self._by_id[entry.id] = at
            self._file(at, slot)

    def update(self, entry: Entry) -> None:
        self.add(entry)

    def remove(self, entry_id: str) -> bool:
        """Take an entry out; False when there was none with this id."""
        with self._lock:
            removed = self._drop(entry_id)
            if self._dead > 1000 and self._dead > len(self._by_id) // 3:
                self._compact()
            return removed

    def _drop(self, entry_id: str) -> bool:
        at = self._by_id.pop(entry_id, None)
        if at is None:
            return False
        self._slots[at] = None
        self._dead += 1
        return True

    def _file(self, at: int, slot: _Slot) -> None:
        # Only single words are filed under their deletions; joined words and affixes are
        # looked up exactly (the deletions of every joined pair would double the memory).
        single = {token for form in slot.forms for token in form.tokens}
        postings = self._postings
        deletes = self._deletes
        for word in slot.words:
            posting = postings.get(word)
            if posting is None:
                postings[word] = [at]
                if word in single:
                    for key in keys.deletes(word):
                        known = deletes.get(key)
                        if known is None:
                            deletes[key] = [word]
                        else:
                            known.append(word)
            else:
                posting.append(at)
        for key in slot.identifiers:
            self._identifiers.setdefault(key, []).append(at)

    def _compact(self) -> None:
        live = [slot for slot in self._slots if slot is not None]
        self._slots = []
        self._by_id = {}
        self._postings = {}
        self._deletes = {}
        self._identifiers = {}
        self._dead = 0
        for at, slot in enumerate(live):
            self._slots.append(slot)
            self._by_id[slot.entry.id] = at
            self._file(at, slot)

    # Plain rows, for the persisted index (`store.py`) ---------------------------------------

    def export(self) -> list[list[Any]]:
        """Every live entry with its analysed forms and keys, as JSON-ready lists."""
        with self._lock:
            slots = [slot for slot in self._slots if slot is not None]
        return [
            [
                _entry_row(slot.entry),
                [[f.tokens, f.optional, f.raw, f.families] for f in slot.forms],
                slot.origins,
                slot.words,
                slot.identifiers,
            ]
            for slot in slots
        ]

    @classmethod
    def restore(cls, rows: Iterable[list[Any]]) -> ScreeningIndex:
        """An index from `export`'s rows, filed again without analysing any name."""
        index = cls()
        slots = index._slots
        by_id = index._by_id
        with without_gc():
            for entry_row, form_rows, origins, words, identifiers in rows:
                entry = _entry_of(entry_row)
                forms = tuple(
                    Form(
                        tuple(tokens), tuple(optional), "".join(tokens), tuple(raw), tuple(families)
                    )
                    for tokens, optional, raw, families in form_rows
                )
                slot = _Slot(entry, forms, tuple(origins), tuple(words), tuple(identifiers))
                at = len(slots)
                slots.append(slot)
                by_id[entry.id] = at
                index._file(at, slot)
        return index

    # Reads -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry | None:
        at = self._by_id.get(entry_id)
        slot = self._slots[at] if at is not None else None
        return slot.entry if slot is not None else None

    def entries(self) -> list[Entry]:
        return [slot.entry for slot in self._slots if slot is not None]

    def _similar(self, word: str) -> dict[str, int]:
        """Vocabulary words within a typo or two of `word`, with their edit distance."""
        found: dict[str, int] = {}
        if word in self._postings:
            found[word] = 0
        if len(word) < keys.MIN_DELETE:
            return found
        limit = match.max_edits(len(word))
        for key in keys.deletes(word):
            for other in self._deletes.get(key, ()):
                if other not in found:
                    edits = OSA.distance(word, other, score_cutoff=limit)
                    if edits <= limit:
                        found[other] = edits
        return found

    def _pool(
        self, form: Form, size: int, accept: Callable[[Entry], bool] | None = None
    ) -> list[int]:
        """The slots most worth scoring: the most and rarest shared words first."""
        total = max(len(self._slots), 1)
        groups = [self._similar(word) for word in keys.words(form)]
        rare_affix = max(50.0, AFFIX_COMMON * total)
        affixes = {
            word: 0
            for word in keys.affixes(form)
            if len(self._postings.get(word, ())) and len(self._postings[word]) <= rare_affix
        }
        common = COMMON * total
        rare_exists = any(len(self._postings[word]) <= common for group in groups for word in group)
        weights: dict[int, float] = {}
        get = weights.get
        for group, share in [*((group, 1.0) for group in groups), (affixes, AFFIX_SHARE)]:
            for word, edits in group.items():
                posting = self._postings[word]
                if rare_exists and len(posting) > common:
                    continue
                weight = math.log(1.0 + total / len(posting)) * (1.0 - edits / (len(word) + 1))
                weight *= share
                for at in posting:
                    weights[at] = get(at, 0.0) + weight
        if accept is not None:
            slots = self._slots
            weights = {
                at: w
                for at, w in weights.items()
                if (slot := slots[at]) is not None and accept(slot.entry)
            }
        if len(weights) <= size:
            return list(weights)
        return [at for at, _w in heapq.nlargest(size, weights.items(), key=itemgetter(1))]

    def search(
        self,
        query: Query,
        *,
        threshold: float = 0.0,
        limit: int | None = 10,
        explain: bool = False,
        accept: Callable[[Entry], bool] | None = None,
        pool: int = POOL,
        partial: bool = False,
    ) -> list[Candidate]:
        """Candidates at or above the threshold, best first, at most `limit` (None: all).

        `accept` keeps only the entries it returns True for (a caller's visibility rule).
        With `partial`, partial names (a surname alone) are kept below the threshold too,
        down to `calibration.PARTIAL_FLOOR`: they belong to the "possible" band.
        """
        from sswbridge.screening.calibration import PARTIAL_FLOOR

        query_forms = [form for form in names.forms(query.name) if form.tokens]
        with self._lock:
            slots: list[int] = []
            for form in query_forms:
                slots.extend(self._pool(form, pool, accept))
            matched_ids: dict[int, list[str]] = {}
            for key in identifier_keys(query.identifiers):
                for at in self._identifiers.get(key, ()):
                    matched_ids.setdefault(at, []).append(key.partition(":")[0])
            found: list[Candidate] = []
            rated = query_forms or [Form.of(())]  # an identifier alone still rates
            for at in dict.fromkeys([*slots, *matched_ids]):
                slot = self._slots[at]
                if slot is None or (accept is not None and not accept(slot.entry)):
                    continue
                groups = tuple(dict.fromkeys(matched_ids.get(at, ())))
                rating = max(
                    (match.rate(query, form, slot.entry, slot.forms, groups) for form in rated),
                    key=lambda r: r.score,
                )
                kept_partial = partial and rating.partial and rating.score >= PARTIAL_FLOOR
                if (rating.score < threshold and not kept_partial) or rating.score <= 0.0:
                    continue
                found.append(
                    Candidate(
                        entry=slot.entry,
                        score=rating.score,
                        name_score=rating.name_score,
                        matched_name=_name_at(slot, rating.name_index),
                        identifiers=groups,
                        adjustments=tuple(rating.adjustments),
                        partial=rating.partial,
                    )
                )
        found.sort(key=lambda c: (-c.score, c.entry.id))
        if limit is not None:
            found = found[:limit]
        if explain:
            from sswbridge.screening.explain import explain as explain_candidate

            for candidate in found:
                candidate.explanation = explain_candidate(query, candidate)
        return found


def _entry_row(entry: Entry) -> list[Any]:
    return [
        entry.id,
        entry.names,
        entry.kind,
        entry.country,
        entry.birth_date,
        entry.identifiers,
        entry.status,
        entry.flags,
        entry.framework,
        entry.marking,
    ]


def _entry_of(row: list[Any]) -> Entry:
    id_, names_, kind, country, birth_date, identifiers, status, flags, framework, marking = row
    return Entry(
        id=id_,
        names=tuple(names_),
        kind=kind,
        country=country,
        birth_date=birth_date,
        identifiers=tuple((type_, value) for type_, value in identifiers),
        status=status,
        flags=tuple(flags),
        framework=framework,
        marking=marking,
    )


def _name_at(slot: _Slot, index: int) -> str:
    kept = [name for name in slot.entry.names if name.strip()]
    at = slot.origins[index] if index < len(slot.origins) else len(kept)
    return kept[at] if at < len(kept) else slot.entry.label
