"""Exact rollups of money and VZÄ (format v1, "How the budget is computed").

``compute_rollup(project)`` returns the :class:`Rollup` every output reads its figures from::

    rollup = compute_rollup(project, nur_bewilligt=False)
    rollup.partner("stadt-heide", 2023).eigenanteil
    rollup.group("handlungsfeld").rows
"""

from digistrat.budget.compute import BudgetError, compute_rollup
from digistrat.budget.options import DIMENSIONEN, FORMAT_NAMES, BudgetOptions
from digistrat.budget.report import render_budget
from digistrat.budget.rollup import QUELLEN, Figures, Line, Rollup
from digistrat.budget.views import View, ViewRow

__all__ = [
    "DIMENSIONEN",
    "FORMAT_NAMES",
    "QUELLEN",
    "BudgetError",
    "BudgetOptions",
    "Figures",
    "Line",
    "Rollup",
    "View",
    "ViewRow",
    "compute_rollup",
    "render_budget",
]
