"""The defaults of screening, in one place."""

from __future__ import annotations

# A candidate at or above this score is a hit (the batch command's default --threshold).
DEFAULT_THRESHOLD = 0.7
# Candidates returned per query (the batch command's default --limit).
DEFAULT_LIMIT = 5
