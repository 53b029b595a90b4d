"""``--format markdown``: a pipe table to paste into a Beschlussvorlage."""

from __future__ import annotations

from digistrat.budget.formats.base import FIGURE_HEADINGS, BudgetFormat, display_rows
from digistrat.budget.formats.table import figure_cells
from digistrat.budget.views import View


def _cell(text: str, bold: bool) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return f"**{text}**" if bold and text else text


class MarkdownFormat(BudgetFormat):
    name = "markdown"
    description = "Markdown-Tabelle zum Einfügen in eine Vorlage"

    def render(self, views: list[View], *, titel: str, color: bool = False, width: int | None = None) -> str:
        (view,) = views
        with_label = view.dimension != "jahr"
        head = ([view.spalte] if with_label else []) + ["Jahr", *FIGURE_HEADINGS]
        align = ([":--"] if with_label else []) + [":--"] + ["--:"] * len(FIGURE_HEADINGS)
        lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
        for row in display_rows(view):
            cells = ([row.label] if with_label else []) + [row.jahr] + figure_cells(row.figures)
            lines.append("| " + " | ".join(_cell(c, row.total) for c in cells) + " |")
        return "\n".join(lines) + "\n"
