"""Clause 10: six calendar months after receipt, on the last day of a shorter month."""

from __future__ import annotations

import datetime as dt

import pytest

from sswbridge.lifecycle.termination import days_left, termination_date

D = dt.date


@pytest.mark.parametrize(
    ("received", "ends"),
    [
        (D(2025, 8, 31), D(2026, 2, 28)),  # 31 August → 28 February
        (D(2023, 8, 31), D(2024, 2, 29)),  # 31 August → 29 February in a leap year
        (D(2025, 12, 29), D(2026, 6, 29)),
        (D(2025, 12, 30), D(2026, 6, 30)),
        (D(2025, 12, 31), D(2026, 6, 30)),  # June has 30 days
        (D(2024, 2, 29), D(2024, 8, 29)),  # 29 February in a leap year
        (D(2025, 3, 31), D(2025, 9, 30)),
        (D(2025, 7, 6), D(2026, 1, 6)),  # across the year
        (D(2025, 1, 15), D(2025, 7, 15)),
    ],
)
def test_termination_date_is_six_calendar_months_after_receipt(received, ends):
    assert termination_date(received) == ends


def test_days_left_counts_down_to_zero_on_the_day_and_never_below():
    ends = D(2026, 2, 28)
    assert days_left(ends, D(2026, 2, 27)) == 1
    assert days_left(ends, ends) == 0
    assert days_left(ends, D(2026, 3, 5)) == 0
