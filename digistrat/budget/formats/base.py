"""What every budget output format implements, and the row layouts they share."""

from __future__ import annotations

from dataclasses import dataclass, replace

from digistrat.budget.rollup import Figures
from digistrat.budget.views import NACH, View
from digistrat.formatting import jahre_text

SUMME = "Summe"  # the row of a group that sums its years
INSGESAMT = "Insgesamt"  # the group that sums every row


class BudgetFormat:
    """One output format. ``render`` gets one view, or every view when ``all_views`` is set."""

    name: str = ""
    description: str = ""
    binary: bool = False  # bytes that cannot go to a terminal
    all_views: bool = False  # one output holds every view (a workbook with one sheet per view)

    def render(self, views: list[View], *, titel: str, color: bool = False, width: int | None = None) -> str | bytes:
        raise NotImplementedError


def heading(view: View, titel: str) -> str:
    """``Budget nach Partner – Dithmarschen Digital, 2023–2026`` plus the view's limits."""
    text = f"Budget {NACH[view.dimension]} – {titel}, {jahre_text(view.jahre)}"
    if view.partner_name:
        text += f", nur {view.partner_name}"
    if view.nur_bewilligt:
        text += ", nur bewilligte Förderung"
    return text


@dataclass(frozen=True)
class DisplayRow:
    label: str  # the group's label on its first row, else ""
    jahr: str  # "2023" or SUMME
    figures: Figures
    total: bool  # a sum row, or a row of the totals group
    last: bool  # the last row of its group (tables draw a line after it)


def plan_rows(view: View) -> list:
    """The view's rows without the one collecting Ist-Kosten (format v1.1): it has no planned
    figure, and the tables show planned figures only (``--format json`` keeps it, with ``ist``)."""
    return [row for row in view.rows if row.quelle != "ist"]


def display_rows(view: View) -> list[DisplayRow]:
    """Rows for people: each group's years and its sum, then the totals group.

    In the views other than partner and jahr, years without any figure are left out, so that a
    Steckbrief running for one year takes one line and its sum, not one line per year of laufzeit.
    With a single row the totals would repeat it and are left out; with a single year every
    group is one line, and only the totals are set apart.
    """
    skip_zero = view.dimension not in ("partner", "jahr") and not view.one_year
    out: list[DisplayRow] = []

    def group(label: str, per_year: dict[int, Figures], summe: Figures, total: bool) -> None:
        items = [(str(j), fig) for j, fig in per_year.items() if not (skip_zero and not total and fig.is_zero)]
        if not view.one_year:
            items.append((SUMME, summe))
        for i, (jahr, fig) in enumerate(items):
            last = i == len(items) - 1 and not view.one_year
            out.append(DisplayRow(label if i == 0 else "", jahr, fig, total or jahr == SUMME, last))

    for row in plan_rows(view):
        group(row.label, row.jahre, row.summe, False)
    if len(plan_rows(view)) != 1:
        if out and view.one_year:
            out[-1] = replace(out[-1], last=True)
        group(INSGESAMT, view.summe_jahre, view.gesamt, True)
    return out


@dataclass(frozen=True)
class GridRow:
    key: str  # the row's id ("" for source rows and totals)
    name: str
    jahr: int | str  # a year, or SUMME
    figures: Figures


def grid_rows(view: View) -> list[GridRow]:
    """Rows for machines and spreadsheets: every row × every year, each group's sum, then totals."""
    out: list[GridRow] = []
    for row in plan_rows(view):
        for j, fig in row.jahre.items():
            out.append(GridRow(row.key or "", row.name, j, fig))
        if not view.one_year:
            out.append(GridRow(row.key or "", row.name, SUMME, row.summe))
    for j, fig in view.summe_jahre.items():
        out.append(GridRow("", INSGESAMT, j, fig))
    if not view.one_year:
        out.append(GridRow("", INSGESAMT, SUMME, view.gesamt))
    return out


FIGURE_HEADINGS = ("Aufwand", "Förderung", "Eigenanteil", "VZÄ", "VZÄ neu")
FIGURE_KEYS = ("aufwand", "foerderung", "eigenanteil", "vzae", "vzae_neu")


def figure_values(fig: Figures):
    """The five figures in column order; VZÄ ``None`` where they are not given (sums over years)."""
    return (fig.aufwand, fig.foerderung, fig.eigenanteil, fig.vzae, fig.vzae_neu)
