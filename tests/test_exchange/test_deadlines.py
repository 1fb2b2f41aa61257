from __future__ import annotations

import datetime as dt

import pytest

from sswbridge.exchange.deadlines import add_business_days

MONDAY = dt.date(2024, 6, 3)
FRIDAY = dt.date(2024, 6, 7)
SATURDAY = dt.date(2024, 6, 8)


def test_business_days_within_a_week():
    assert add_business_days(MONDAY, 3) == dt.date(2024, 6, 6)


def test_business_days_skip_the_weekend():
    assert add_business_days(FRIDAY, 1) == dt.date(2024, 6, 10)


def test_ten_business_days_are_two_weeks():
    assert add_business_days(MONDAY, 10) == dt.date(2024, 6, 17)


def test_a_weekend_start_counts_from_monday():
    assert add_business_days(SATURDAY, 1) == dt.date(2024, 6, 10)


def test_zero_days_is_the_same_day():
    assert add_business_days(FRIDAY, 0) == FRIDAY


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_business_days(MONDAY, -1)
