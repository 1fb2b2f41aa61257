"""What a score means: the share of true matches among candidates scored alike.

The raw score of `match.rate` orders candidates well but says little by itself. The table
below maps it to the probability that the candidate is the same party, fitted by isotonic
regression (pool-adjacent-violators, bins of 0.05) on the development part of the second
evaluation set (tests/data/screening_eval2_dev.csv) and checked on its held-out part by
`bench/screening_quality.py`, which prints the table again. Between knots the probability
is interpolated linearly. The probability depends on the mix of the set (about three
true pairs in four, with the hard negatives of issue 19), so it is a guide, not a law.

Bands, on the probability: *strong* (at least 0.8: alert), *possible* (at least 0.3, and
any partial name: a surname alone, one word of a person's name), *weak* (the rest). The
default threshold (`settings.DEFAULT_THRESHOLD`) is the raw score where the probability
reaches the strong band.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from django.utils.translation import gettext_lazy as _

# (raw score, probability of a true match), fitted on the development part only.
KNOTS: tuple[tuple[float, float], ...] = (
    (0.0, 0.048),
    (0.075, 0.052),
    (0.275, 0.071),
    (0.5, 0.075),
    (0.575, 0.091),
    (0.625, 0.571),
    (0.675, 0.788),
    (0.725, 0.885),
    (0.825, 0.985),
    (0.925, 0.996),
    (1.0, 1.0),
)

STRONG = "strong"
POSSIBLE = "possible"
WEAK = "weak"
BAND_LABELS = {
    STRONG: _("strong"),
    POSSIBLE: _("possible"),
    WEAK: _("weak"),
}
STRONG_PROBABILITY = 0.8
POSSIBLE_PROBABILITY = 0.3
# A partial name below this raw score is weak all the same (a surname two letters away).
PARTIAL_FLOOR = 0.4

_XS = [x for x, _p in KNOTS]


def probability(score: float) -> float:
    """The calibrated probability that a candidate of this raw score is a true match."""
    score = min(max(score, 0.0), 1.0)
    at = bisect_right(_XS, score)
    if at >= len(KNOTS):
        return KNOTS[-1][1]
    (x0, p0), (x1, p1) = KNOTS[at - 1], KNOTS[at]
    return p0 + (p1 - p0) * (score - x0) / (x1 - x0)


def raw_for(target: float) -> float:
    """The lowest raw score whose probability reaches `target`."""
    for (x0, p0), (x1, p1) in pairwise(KNOTS):
        if p1 >= target:
            return x0 if p0 >= target else x0 + (x1 - x0) * (target - p0) / (p1 - p0)
    return 1.0


def band(score: float, *, partial: bool = False) -> str:
    value = probability(score)
    if value >= STRONG_PROBABILITY:
        return STRONG
    if value >= POSSIBLE_PROBABILITY or (partial and score >= PARTIAL_FLOOR):
        return POSSIBLE
    return WEAK
