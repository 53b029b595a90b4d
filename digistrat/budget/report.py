"""``digistrat budget`` as a library function: project + options → the text or bytes to output."""

from __future__ import annotations

import digistrat.budget.funding as funding
from digistrat.budget.compute import compute_rollup
from digistrat.budget.options import DIMENSIONEN, BudgetOptions
from digistrat.model.types import Project


def render_budget(
    project: Project, options: BudgetOptions, *, color: bool = False, width: int | None = None
) -> str | bytes:
    """The chosen view in the chosen format (xlsx: every view, one sheet each).

    ``color``/``width`` only concern the table format on a terminal; without them the output
    is the same on every machine.
    """
    from digistrat.budget.formats import get_format

    options.check()
    fmt = get_format(options.format)
    # the tables never show single entries' splits: the rollup leaves them out (less memory)
    rollup = compute_rollup(project, nur_bewilligt=funding.nur_bewilligt(project, options.nur_bewilligt), splits=False)
    dimensions = DIMENSIONEN if fmt.all_views else (options.nach,)
    views = [rollup.group(d, jahr=options.jahr, partner=options.partner) for d in dimensions]
    return fmt.render(views, titel=project.strategie.titel, color=color, width=width)
