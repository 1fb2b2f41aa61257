"""The defaults of screening, in one place."""

from __future__ import annotations

from sswbridge.screening import calibration

# A candidate at or above this score is a hit (the batch command's default --threshold):
# the raw score where the calibrated probability of a true match reaches the strong band.
DEFAULT_THRESHOLD = round(calibration.raw_for(calibration.STRONG_PROBABILITY), 2)
# Candidates returned per query (the batch command's default --limit).
DEFAULT_LIMIT = 5
