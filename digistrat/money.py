"""Money constants and rounding shared by the budget engine, the checks and every output.

Amounts are ``Decimal`` from the source text, never float; a figure has two places.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    """Round to the cent, half up (the rule for every computed amount, e.g. a ``quote`` share)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
