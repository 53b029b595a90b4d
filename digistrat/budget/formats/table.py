"""``--format table``: a rich table for the terminal, plain and deterministic when piped."""

from __future__ import annotations

import io
from functools import lru_cache

from digistrat.budget.formats.base import FIGURE_HEADINGS, BudgetFormat, display_rows, figure_values, heading
from digistrat.budget.views import View

# Width when the output is not a terminal: wide enough that no row wraps, and independent of
# $COLUMNS, so that a file or a pipe gets the same bytes on every machine.
PLAIN_WIDTH = 240


# Babel takes ~20 µs per number; a view of 10,000 Steckbriefe has a quarter of a million cells,
# most of them repeating (0,00 €, 0,5 VZÄ), so the formatted text is cached by value.
@lru_cache(maxsize=65536)
def money_cell(value) -> str:
    from digistrat.formatting import euro

    return euro(value)


@lru_cache(maxsize=4096)
def vzae_cell(value) -> str:
    from digistrat.formatting import vzae

    return "" if value is None else vzae(value)


def figure_cells(fig) -> list[str]:
    aufwand, foerderung, eigenanteil, v, v_neu = figure_values(fig)
    return [money_cell(aufwand), money_cell(foerderung), money_cell(eigenanteil), vzae_cell(v), vzae_cell(v_neu)]


class TableFormat(BudgetFormat):
    name = "table"
    description = "Tabelle für das Terminal (Standard)"

    def render(self, views: list[View], *, titel: str, color: bool = False, width: int | None = None) -> str:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        from digistrat.console_text import finish, text_console

        (view,) = views
        with_label = view.dimension != "jahr"
        table = Table(box=box.SIMPLE_HEAD, header_style="bold" if color else None, show_edge=False)
        if with_label:
            table.add_column(view.spalte, overflow="fold")
        table.add_column("Jahr")
        for name in FIGURE_HEADINGS:
            table.add_column(name, justify="right", no_wrap=True)
        for row in display_rows(view):
            cells = ([row.label] if with_label else []) + [row.jahr] + figure_cells(row.figures)
            table.add_row(*cells, style="bold" if row.total and color else None, end_section=row.last)
        buf = io.StringIO()
        console = text_console(buf, width or PLAIN_WIDTH, color)
        # the heading above the table, not as its title: a title would wrap at the table's width
        console.print(Text(heading(view, titel), style="bold" if color else ""), soft_wrap=True)
        console.print(table)
        return finish(buf, color)
