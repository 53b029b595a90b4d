"""The largest-remainder split on its own (integer cents)."""

from decimal import Decimal as D

import pytest

from digistrat.budget.splits import integer_weights, split_amount, split_cents, to_cents
from digistrat.money import cents as round_half_up


def test_leftover_cents_go_to_the_largest_remainders_ties_to_the_first():
    assert split_cents(100, [1, 1, 1]) == [34, 33, 33]
    assert split_cents(100, [1, 1, 1, 1, 1, 1]) == [17, 17, 17, 17, 16, 16]
    # 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5 → the cent to the first (remainder 4/6)
    assert split_cents(10, [1, 2, 3]) == [2, 3, 5]
    # 7 × 3/10 = 2.1, 7 × 7/10 = 4.9 → the cent to the second (remainder 0.9)
    assert split_cents(7, [3, 7]) == [2, 5]
    assert split_cents(0, [5, 0]) == [0, 0]
    assert split_cents(5, [0, 4]) == [0, 5]


def test_zero_weights_cannot_be_split():
    with pytest.raises(ValueError):
        split_cents(100, [0, 0])
    with pytest.raises(ValueError):
        split_cents(100, [])


def test_percent_weights_become_integers_with_the_same_ratios():
    assert integer_weights([D("33.33"), D("66.67")]) == [3333, 6667]
    assert integer_weights([D("60"), D("40.5"), 1]) == [600, 405, 10]
    assert integer_weights([D("1E+1"), D("2.50")]) == [100, 25]


def test_amounts_and_cents():
    assert to_cents(D("12000.5")) == 1200050
    assert to_cents(D("0.07")) == 7
    assert split_amount(D("100.00"), ["a", "b", "c"], [1, 1, 1]) == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    assert round_half_up(D("12.505")) == D("12.51")
    assert round_half_up(D("12.5049")) == D("12.50")
