"""Splitting an amount of money into shares that add up to it exactly (largest-remainder method).

Format v1: every share is first rounded down to the cent; the cents left over go one each to
the shares with the largest remainders; on equal remainders the share listed first wins (the
caller lists partners in ``partner.yaml`` order and years in ascending order).

Everything is integer arithmetic on cents, so it is exact and fast: a split costs a few integer
operations per share, with no Decimal division that could round.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def to_cents(amount: Decimal) -> int:
    """``Decimal('12000.5')`` → ``1200050``.

    Exact because amounts have at most two decimals (``validate`` refuses more, DS029).
    """
    return int(amount.scaleb(2))


def from_cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def integer_weights(weights: Sequence[Decimal | int]) -> list[int]:
    """Scale weights with decimals (percent shares like ``33.33``) to integers with the same ratios."""
    places = 0
    for w in weights:
        if isinstance(w, Decimal):
            exponent = w.normalize().as_tuple().exponent
            if isinstance(exponent, int) and -exponent > places:
                places = -exponent
    factor = 10**places
    return [int(Decimal(w) * factor) for w in weights]


def split_cents(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` cents in proportion to non-negative integer ``weights``.

    The result has one entry per weight, sums to ``total`` exactly, and gives each leftover
    cent to the largest remainder, ties to the earliest position. Raises ``ValueError`` when
    the weights add up to zero (there is no proportion to split by).
    """
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise ValueError("weights add up to zero")
    shares = []
    remainders = []
    for w in weights:
        q, r = divmod(total * w, weight_sum)
        shares.append(q)
        remainders.append(r)
    leftover = total - sum(shares)
    if leftover:
        # stable sort: equal remainders keep their order, so the earlier position wins the tie
        by_remainder = sorted(range(len(weights)), key=lambda i: -remainders[i])
        for i in by_remainder[:leftover]:
            shares[i] += 1
    return shares


def split_amount(amount: Decimal, keys: Sequence[K], weights: Sequence[Decimal | int]) -> dict[K, Decimal]:
    """``amount`` split over ``keys`` (in tie-break order) in proportion to ``weights``."""
    cents = split_cents(to_cents(amount), integer_weights(weights))
    return {k: from_cents(c) for k, c in zip(keys, cents)}
