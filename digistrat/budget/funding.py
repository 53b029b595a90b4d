"""Format v1 "How the budget is computed", step 2, for one funding entry: does it count, which
costs does it cover, how much is it.

The budget engine (:mod:`digistrat.budget.compute`) and the lint rules about funding (DS108–DS110)
both ask these functions, so a rule can never disagree with the figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from digistrat.model.types import Foerderung, Project, Steckbrief
from digistrat.money import ZERO, cents


def counts(status: str, nur_bewilligt: bool = False) -> bool:
    """Rejected funding never enters the budget; with ``nur_bewilligt`` only granted funding does."""
    if nur_bewilligt:
        return status == "bewilligt"
    return status != "abgelehnt"


def nur_bewilligt(project: Project, given: bool | None) -> bool:
    """The option as given, else ``budget.nur_bewilligt`` from digistrat.yaml, else False
    (``budget`` and ``render`` resolve it here, so both count the same funding)."""
    if given is not None:
        return given
    return bool((project.config.budget or {}).get("nur_bewilligt", False))


def covered_years(f: Foerderung, cost_years: Iterable[int]) -> list[int]:
    """The years a funding entry covers: its ``jahr``, else every year with costs, ascending."""
    return [f.jahr] if f.jahr is not None else sorted(set(cost_years))


def amount(f: Foerderung, covered: Decimal) -> Decimal:
    """``betrag``, or ``quote`` percent of the covered costs rounded half up to the cent."""
    if f.betrag is not None:
        return f.betrag
    return cents(covered * (f.quote or ZERO) / 100)


def covered_costs(s: Steckbrief, f: Foerderung) -> Decimal:
    """The costs a funding entry covers: that year's costs with ``jahr``, else all the Steckbrief's costs."""
    if f.jahr is not None:
        return sum((k.betrag for k in s.kosten if k.jahr == f.jahr), ZERO)
    return s.kosten_gesamt


def funding_amount(s: Steckbrief, f: Foerderung) -> Decimal:
    """The amount of one funding entry, as the budget engine computes it."""
    return amount(f, covered_costs(s, f))
