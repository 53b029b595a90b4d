"""Views: the rollup's lines grouped by one dimension, per year, with sums.

Every view is a group-by over the same lines, so each view's totals equal the partner view's
totals to the cent. Lines without a value for the dimension (a partner's own budget has no
Handlungsfeld, costs have no Förderprogramm, …) are grouped by their source into rows with
``key = None`` and ``quelle`` set, so that no amount drops out of any view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from digistrat.budget.options import DIMENSIONEN
from digistrat.budget.rollup import QUELLEN, Accumulator, Figures, sum_figures
from digistrat.errors import DigistratError
from digistrat.formatting import jahre_text, meinten_sie
from digistrat.gc_pause import gc_paused
from digistrat.labels import BEZEICHNUNGEN
from digistrat.model.types import KATEGORIEN

if TYPE_CHECKING:
    from digistrat.budget.rollup import Rollup


# German names: the column heading of a view, "Budget nach …", the list key in its JSON shape
SPALTE = {
    "partner": "Partner",
    "jahr": "Jahr",
    "handlungsfeld": "Handlungsfeld",
    "kategorie": "Kostenkategorie",
    "steckbrief": "Steckbrief",
    "programm": "Förderprogramm",
}
NACH = {
    "partner": "nach Partner",
    "jahr": "nach Jahr",
    "handlungsfeld": "nach Handlungsfeld",
    "kategorie": "nach Kostenkategorie",
    "steckbrief": "nach Steckbrief",
    "programm": "nach Förderprogramm",
}
LISTE = {
    "partner": "partner",
    "handlungsfeld": "handlungsfelder",
    "kategorie": "kategorien",
    "steckbrief": "steckbriefe",
    "programm": "programme",
}

# Rows for lines that have no value in the view's dimension, by source
QUELLE_NAMEN = {
    "budget": "Budgets der Partner (ohne Steckbrief)",
    "stelle": "Stellen der Partner (ohne Steckbrief)",
    "kosten": "Kosten der Steckbriefe",
    "personal": "Personal der Steckbriefe",
    "foerderung": "Förderung",
    "ist": "Ist-Kosten der Steckbriefe",
}


@dataclass(frozen=True)
class ViewRow:
    key: str | None  # partner id, Handlungsfeld id, …; None for a row collecting lines by source
    quelle: str | None  # set only where key is None
    name: str
    jahre: dict[int, Figures]
    summe: Figures  # over the view's years (VZÄ only when that is a single year)

    @property
    def label(self) -> str:
        """The text shown in tables: Steckbriefe with id and title, everything else by name."""
        return self.name


@dataclass(frozen=True)
class SteckbriefRow(ViewRow):
    @property
    def label(self) -> str:
        return f"{self.key}: {self.name}"


@dataclass(frozen=True)
class View:
    dimension: str
    jahre: list[int]
    rows: list[ViewRow]  # empty for the jahr view, which consists of its sums
    summe_jahre: dict[int, Figures]
    gesamt: Figures
    partner: str | None = None  # the partner the view is limited to
    partner_name: str | None = None
    nur_bewilligt: bool = False
    jahr: int | None = None  # the year the view is limited to

    @property
    def spalte(self) -> str:
        return SPALTE[self.dimension]

    @property
    def one_year(self) -> bool:
        return len(self.jahre) == 1


def build_view(rollup: Rollup, dimension: str, *, jahr: int | None = None, partner: str | None = None) -> View:
    with gc_paused():
        return _build_view(rollup, dimension, jahr, partner)


def _build_view(rollup: Rollup, dimension: str, jahr: int | None, partner: str | None) -> View:
    if dimension not in DIMENSIONEN:
        raise DigistratError(f"Unbekannte Gliederung „{dimension}“. Erlaubt: {', '.join(DIMENSIONEN)}.")
    if jahr is not None and jahr not in rollup.jahre:
        raise DigistratError(f"Das Jahr {jahr} liegt außerhalb der Laufzeit {jahre_text(rollup.jahre)}.")
    if partner is not None and partner not in rollup.partner_ids:
        raise DigistratError(
            f"Unbekannter Partner „{partner}“: keine Kennung in partner.yaml.{meinten_sie(partner, rollup.partner_ids)}"
        )
    jahre = [jahr] if jahr is not None else list(rollup.jahre)
    one_year = len(jahre) == 1
    attr = None if dimension == "jahr" else dimension
    # one pass over the lines into (row, year) cells; the year totals are then sums of the rows,
    # which is what makes every view reconcile exactly
    cells: dict[tuple[str | None, str | None], dict[int, Accumulator]] = {}
    for line in rollup.lines:
        if (jahr is not None and line.jahr != jahr) or (partner is not None and line.partner != partner):
            continue
        key = getattr(line, attr) if attr is not None else None
        row_key = (key, None) if key is not None else (None, line.quelle)
        per_year = cells.get(row_key)
        if per_year is None:
            per_year = cells[row_key] = {j: Accumulator() for j in jahre}
        per_year[line.jahr].add(line)
    totals = {j: Accumulator() for j in jahre}
    for per_year in cells.values():
        for j, acc in per_year.items():
            totals[j].add_accumulator(acc)
    if dimension == "jahr":
        cells = {}
    elif dimension == "partner":
        for pid in [partner] if partner is not None else rollup.partner_ids:
            cells.setdefault((pid, None), {j: Accumulator() for j in jahre})
    rows = []
    names = _names(rollup, dimension)
    for key, quelle in _row_order(rollup, dimension, cells):
        figures = {j: acc.figures(one_year=True) for j, acc in cells[(key, quelle)].items()}
        cls = SteckbriefRow if dimension == "steckbrief" and key is not None else ViewRow
        name = names.get(key, key) if key is not None else QUELLE_NAMEN[quelle or ""]
        rows.append(cls(key, quelle, name, figures, sum_figures(figures.values(), one_year=one_year)))
    summe_jahre = {j: acc.figures(one_year=True) for j, acc in totals.items()}
    return View(
        dimension,
        jahre,
        rows,
        summe_jahre,
        sum_figures(summe_jahre.values(), one_year=one_year),
        partner=partner,
        partner_name=_names(rollup, "partner")[partner] if partner else None,
        nur_bewilligt=rollup.nur_bewilligt,
        jahr=jahr,
    )


def _row_order(rollup: Rollup, dimension: str, cells) -> list[tuple[str | None, str | None]]:
    """Natural order of the dimension (partner.yaml, strategie.yaml, agenda, …), then source rows."""
    project = rollup.project
    if dimension == "partner":
        natural = rollup.partner_ids
    elif dimension == "handlungsfeld":
        natural = [h.id for h in project.strategie.handlungsfelder]
    elif dimension == "kategorie":
        natural = list(KATEGORIEN)
    elif dimension == "steckbrief":
        natural = [s.id for s in project.steckbriefe]
    elif dimension == "programm":
        natural = [p.id for p in project.programme or []]
    else:
        natural = []
    known = set(natural)
    # free-text programmes (no foerderprogramme.yaml) have no natural order: sort them
    extra = sorted(k for k, q in cells if k is not None and k not in known)
    keyed = [(k, None) for k in natural + extra if (k, None) in cells]
    return keyed + [(None, q) for q in QUELLEN if (None, q) in cells]


def _names(rollup: Rollup, dimension: str) -> dict[str, str]:
    """Display names of the dimension's keys; a free-text programme is its own name."""
    project = rollup.project
    if dimension == "partner":
        return {p.id: p.name for p in project.partner}
    if dimension == "handlungsfeld":
        return {h.id: h.titel for h in project.strategie.handlungsfelder}
    if dimension == "kategorie":
        return dict(BEZEICHNUNGEN["kategorie"])
    if dimension == "steckbrief":
        return {s.id: s.titel for s in project.steckbriefe}
    if dimension == "programm":
        return {p.id: p.name for p in project.programme or []}
    return {}
