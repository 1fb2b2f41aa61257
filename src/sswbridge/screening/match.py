"""How alike two names are, from their forms: a score in [0, 1] and how it was reached.

Words are aligned one to one, in any order, each allowed a few edits for its length (a typo
of one or two characters); the score is one minus the edits and the unmatched letters over
the length of the longer name. So:

- the same surname with a different given name leaves a whole word unmatched on each side
  and scores low, and so do sibling companies that share only their brand word;
- a name that is a part of the other ("Ak-Jol Travel" in "Ak-Jol Travel Agency") keeps part
  of its score for an organization, none for a person;
- words run together or cut differently ("Ak-Jol" / "Akjol", ヤマダショウジ / Yamada Shoji)
  are compared as whole strings, in the given and in sorted order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from sswbridge.screening.entries import PERSON, Entry, Query
from sswbridge.screening.names import Form

# A name that contains the other keeps this share of the score of its extra letters.
SUBSET_WEIGHT = 0.5
# A patronymic on one side only is set aside at this small cost, so the exact name ranks first.
PATRONYMIC_ASIDE = 0.98
# A person's name that holds the other matches it when this many words are shared.
MIN_PERSON_WORDS = 2
# Whole-string comparison rescues a name with the same number of words only for a typo.
JOINED_EDITS = 2


def max_edits(length: int) -> int:
    """Edits a word of this length may take and still be the same word."""
    if length <= 2:
        return 0
    if length <= 4:
        return 1
    if length <= 9:
        return 2
    return 3


@dataclass(slots=True)
class Alignment:
    score: float
    pairs: list[tuple[int, int, int]] = field(default_factory=list)  # (query, candidate, edits)
    unmatched_query: list[int] = field(default_factory=list)
    unmatched_candidate: list[int] = field(default_factory=list)
    joined: bool = False  # reached by comparing the names as whole strings
    patronymic_aside: bool = False
    patronymics_compared: bool = False
    partial: bool = False  # a person's name holding one word of the other (a surname alone)


def _words(form: Form, other: Form) -> tuple[tuple[str, ...], tuple[str, ...], bool, bool]:
    if form.optional and other.optional:
        return form.tokens + form.optional, form.raw + form.optional, False, True
    return form.tokens, form.raw, bool(form.optional or other.optional), False


def _distance(x: str, y: str, raw_x: str, raw_y: str) -> tuple[int, int]:
    """Edits between two words (a swap of neighbours is one edit), the fewer of the folded
    and the raw forms, so a typo in a gender ending does not defeat the folding."""
    limit = max_edits(max(len(x), len(y)))
    too_far = abs(len(x) - len(y)) > limit
    edits = limit + 1 if too_far else OSA.distance(x, y, score_cutoff=limit)
    if edits > limit and (raw_x != x or raw_y != y):
        raw_limit = max_edits(max(len(raw_x), len(raw_y)))
        raw_edits = OSA.distance(raw_x, raw_y, score_cutoff=raw_limit)
        if raw_edits <= raw_limit:
            return raw_edits, raw_limit
    return edits, limit


def _joined_score(a: str, b: str, limit: int | None) -> float:
    longest = max(len(a), len(b))
    if not longest:
        return 0.0
    edits = OSA.distance(a, b, score_cutoff=limit)
    if limit is not None and edits > limit:
        return 0.0
    return 1.0 - edits / longest


def align(query: Form, candidate: Form, *, person: bool = False) -> Alignment:
    a, raw_a, aside, both = _words(query, candidate)
    b, raw_b, _aside, _both = _words(candidate, query)
    if not a or not b:
        return Alignment(0.0)
    options: list[tuple[float, int, int, int]] = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if x == y:
                options.append((0.0, 0, i, j))
                continue
            edits, limit = _distance(x, y, raw_a[i], raw_b[j])
            if limit and edits <= limit:
                options.append((edits / max(len(x), len(y)), edits, i, j))
    options.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, int]] = []
    cost = 0
    for _rank, edits, i, j in options:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, edits))
            cost += edits
    len_a = sum(map(len, a))
    len_b = sum(map(len, b))
    longest = max(len_a, len_b)
    rest_a = [i for i in range(len(a)) if i not in used_a]
    rest_b = [j for j in range(len(b)) if j not in used_b]
    extra_a = sum(len(a[i]) for i in rest_a)
    extra_b = sum(len(b[j]) for j in rest_b)
    # A person's name holding the other whole, with at least a given name and a surname
    # matched, is the same name with a middle name left out ("Aileen Macaraeg Garcia" =
    # "Aileen Garcia"); holding only one word of it (a surname alone) it is a partial name,
    # scored as a person's name with a word missing.
    partial_person = person and len(pairs) < MIN_PERSON_WORDS
    if (extra_a and extra_b) or (partial_person and (extra_a or extra_b)):
        score = 1.0 - (cost + extra_a + extra_b) / longest
    elif extra_a or extra_b:  # one name holds the other
        shorter = len_b if extra_a else len_a
        score = (1.0 - cost / shorter) * (1.0 - SUBSET_WEIGHT * (extra_a + extra_b) / longest)
    else:
        score = 1.0 - cost / longest
    result = Alignment(max(score, 0.0), pairs, rest_a, rest_b, False, aside, both)
    result.partial = partial_person and bool(pairs) and not (extra_a and extra_b)
    # Whole strings rescue words run together or cut otherwise; a person's name with as
    # many words on each side is compared word by word only, so that a different given
    # name two letters away (Son / Long) is not rescued as a "typo" of the whole name.
    if len(a) != len(b) or ((rest_a or rest_b) and not person):
        joined_limit = None if len(a) != len(b) else JOINED_EDITS
        joined_a, joined_b = "".join(a), "".join(b)
        joined = max(
            _joined_score(joined_a, joined_b, joined_limit),
            _joined_score("".join(sorted(a)), "".join(sorted(b)), joined_limit),
        )
        if joined > result.score:
            result = Alignment(joined, [], [], [], True, aside, both)
    if aside:
        result.score *= PATRONYMIC_ASIDE
    return result


def score(query: Form, candidate: Form, *, person: bool = False) -> float:
    return align(query, candidate, person=person).score


# Entry level ---------------------------------------------------------------------------

# A matching identifier (registration number, phone) lifts the score to at least this.
IDENTIFIER_FLOOR = 0.85
COUNTRY_DIFFERS = -0.05
BIRTH_DATE_SAME = 0.05
BIRTH_YEAR_ONLY = -0.1
BIRTH_DATE_DIFFERS = -0.2
KIND_DIFFERS = -0.05
# Each side of two company names has a business word the other lacks (siblings of a group).
BUSINESS_DIFFERS = -0.15
# Both legal forms are given and of different families (LLC / JSC): weak evidence, since a
# changed legal form is one of the ways a banned organization comes back.
LEGAL_FORM_DIFFERS = -0.02
# Two business words this alike (rapidfuzz ratio, 0–100) are one word in two spellings.
SAME_TRADE_RATIO = 75.0


def _legal_forms_differ(query: Form, candidate: Form) -> bool:
    return bool(query.families and candidate.families) and not (
        set(query.families) & set(candidate.families)
    )


def _business_differs(query: Form, candidate: Form) -> bool:
    """Each side has a business word that the other has not (typos aside: a misspelt
    business word is not in the list, so it never counts as a difference)."""
    from sswbridge.screening import business

    left, right = set(query.tokens), set(candidate.tokens)

    def own_trade(words: set[str], other: set[str]) -> bool:
        # A business word spelt another way on the other side (тревел / travel read as
        # trever / traver) is the same trade, not a different one.
        return any(
            business.is_business(w) and not any(fuzz.ratio(w, o) >= SAME_TRADE_RATIO for o in other)
            for w in words
        )

    return own_trade(left - right, right - left) and own_trade(right - left, left - right)


@dataclass(slots=True)
class Rating:
    score: float
    name_score: float
    name_index: int  # which of the entry's names matched best
    adjustments: list[tuple[str, float]]
    partial: bool = False


def rate(
    query: Query,
    query_form: Form,
    entry: Entry,
    forms: Sequence[Form],
    identifiers: Sequence[str] = (),
) -> Rating:
    """The score of an entry for a query: its best name, then identifiers, country, birth date."""
    kind = query.kind or entry.kind
    person = kind == PERSON
    best, at, aligned = 0.0, 0, None
    for i, candidate in enumerate(forms):
        alignment = align(query_form, candidate, person=person)
        if alignment.score > best:
            best, at, aligned = alignment.score, i, alignment
    total = best
    adjustments: list[tuple[str, float]] = []
    # A shared identifier (registration number, phone…) names one entity whatever its trade
    # word says, so the sibling-company penalty does not apply then.
    if (
        aligned is not None
        and not person
        and not identifiers
        and _business_differs(query_form, forms[at])
    ):
        adjustments.append(("business_differs", BUSINESS_DIFFERS))
    # The legal form counts only when the names differ too: the same name under another
    # form is one of the ways a banned organization comes back.
    if aligned is not None and best < 1.0 and _legal_forms_differ(query_form, forms[at]):
        adjustments.append(("legal_form_differs", LEGAL_FORM_DIFFERS))
    if identifiers:
        total = IDENTIFIER_FLOOR + (1.0 - IDENTIFIER_FLOOR) * total
    if query.country and entry.country and query.country != entry.country:
        adjustments.append(("country_differs", COUNTRY_DIFFERS))
    if query.kind and entry.kind and query.kind != entry.kind:
        adjustments.append(("kind_differs", KIND_DIFFERS))
    if query.birth_date and entry.birth_date:
        if query.birth_date == entry.birth_date:
            adjustments.append(("birth_date_same", BIRTH_DATE_SAME))
        elif query.birth_date[:4] == entry.birth_date[:4]:
            adjustments.append(("birth_year_only", BIRTH_YEAR_ONLY))
        else:
            adjustments.append(("birth_date_differs", BIRTH_DATE_DIFFERS))
    total += sum(change for _reason, change in adjustments)
    partial = aligned is not None and aligned.partial
    return Rating(min(max(total, 0.0), 1.0), best, at, adjustments, partial)
