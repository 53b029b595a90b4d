"""Money helpers shared by the funding rules (format v1, "How the budget is computed", step 2)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from digistrat.model.types import Foerderung, Steckbrief

CENT = Decimal("0.01")
ZERO = Decimal("0")


def covered_costs(s: Steckbrief, f: Foerderung) -> Decimal:
    """The costs a funding entry covers: that year's costs with ``jahr``, else all the Steckbrief's costs."""
    if f.jahr is not None:
        return sum((k.betrag for k in s.kosten if k.jahr == f.jahr), ZERO)
    return s.kosten_gesamt


def funding_amount(s: Steckbrief, f: Foerderung) -> Decimal:
    """``betrag``, or ``quote`` percent of the covered costs rounded half up to the cent."""
    if f.betrag is not None:
        return f.betrag
    quote = f.quote or ZERO
    return (covered_costs(s, f) * quote / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def counts(f: Foerderung) -> bool:
    """Rejected funding does not enter the budget."""
    return f.status != "abgelehnt"
