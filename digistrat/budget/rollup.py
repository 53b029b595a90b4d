"""The rollup: one fact table of already-rounded amounts, and figures summed from it.

Every output (the ``budget`` views, rendered annexes, reports) reads its figures from a
:class:`Rollup`, and every figure is a sum over the same :class:`Line` rows, so two outputs can
never disagree: a view is a group-by over ``lines``, and a group-by of exact cents reconciles
with every other group-by to the cent by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from digistrat.model.types import Ref
from digistrat.money import CENT, ZERO

if TYPE_CHECKING:
    from digistrat.budget.views import View
    from digistrat.model.types import Project


# Where a line comes from: a partner's own budget entry, a partner's post, a share of a
# Steckbrief cost entry, a Steckbrief personal entry, a share of a funding entry, a share of an
# ``ist_kosten`` entry (format v1.1).
QUELLEN = ("budget", "stelle", "kosten", "personal", "foerderung", "ist")


@dataclass(frozen=True)
class Figures:
    """Money (euros) and VZÄ, all ``Decimal`` with two places.

    ``vzae``/``vzae_neu`` are ``None`` for figures that cover more than one year: posts do not
    add up over years (format v1 leaves VZÄ out of every ``summe`` for the same reason).
    ``investiv``, ``foerderung_investiv`` and ``ist`` are format v1.1 rules 7 and 8.
    """

    aufwand: Decimal
    foerderung: Decimal
    vzae: Decimal | None
    vzae_neu: Decimal | None
    investiv: Decimal = ZERO
    foerderung_investiv: Decimal = ZERO
    ist: Decimal = ZERO

    @property
    def eigenanteil(self) -> Decimal:
        return self.aufwand - self.foerderung

    @property
    def is_zero(self) -> bool:
        """No planned figure (Ist-Kosten alone do not make a row of the plan tables)."""
        return not (self.aufwand or self.foerderung or self.vzae or self.vzae_neu)

    def as_json(self, *, with_vzae: bool = True) -> dict[str, str]:
        """Amounts as strings with two decimals (format v1), in the documented key order; the keys
        of format v1.1 follow the VZÄ."""
        out = {"aufwand": str(self.aufwand), "foerderung": str(self.foerderung), "eigenanteil": str(self.eigenanteil)}
        if with_vzae and self.vzae is not None:
            out["vzae"] = str(self.vzae)
            out["vzae_neu"] = str(self.vzae_neu)
        out["investiv"] = str(self.investiv)
        out["foerderung_investiv"] = str(self.foerderung_investiv)
        out["ist"] = str(self.ist)
        return out


class _Fact(NamedTuple):
    partner: str
    jahr: int
    quelle: str  # one of QUELLEN
    steckbrief: str | None
    handlungsfeld: str | None
    kategorie: str | None
    programm: str | None
    amount: Decimal  # aufwand (budget, kosten), foerderung, ist, or vzae (stelle, personal)
    of_which: Decimal  # the part of ``amount`` that is investiv (kosten, foerderung) or vzae_neu
    ref: Ref


# which figure ``amount`` is, by quelle; ``of_which`` is the matching investiv/neu figure
_AMOUNT_IS = {
    "budget": "aufwand",
    "kosten": "aufwand",
    "foerderung": "foerderung",
    "ist": "ist",
    "stelle": "vzae",
    "personal": "vzae",
}
_OF_WHICH_IS = {"aufwand": "investiv", "foerderung": "foerderung_investiv", "vzae": "vzae_neu", "ist": None}


class Line(_Fact):
    """One atomic fact: one partner, one year, one source entry, amounts already rounded to the cent.

    A named tuple rather than a frozen dataclass: a large project has hundreds of thousands of
    lines, and a tuple is built several times faster. A line carries one figure and the part of
    it that is investiv (or, for posts, new): ten fields instead of one per figure, a quarter of
    the rollup's memory. The figures are read as before (``line.aufwand``, ``line.vzae_neu``, …;
    ZERO where the line has none).
    """

    __slots__ = ()

    def _figure(self, name: str) -> Decimal:
        shown = _AMOUNT_IS[self.quelle]
        if shown == name:
            return self.amount
        return self.of_which if _OF_WHICH_IS[shown] == name else ZERO

    @property
    def aufwand(self) -> Decimal:
        return self._figure("aufwand")

    @property
    def foerderung(self) -> Decimal:
        return self._figure("foerderung")

    @property
    def vzae(self) -> Decimal:
        return self._figure("vzae")

    @property
    def vzae_neu(self) -> Decimal:
        return self._figure("vzae_neu")

    @property
    def investiv(self) -> Decimal:
        return self._figure("investiv")

    @property
    def foerderung_investiv(self) -> Decimal:
        return self._figure("foerderung_investiv")

    @property
    def ist(self) -> Decimal:
        return self._figure("ist")


class Accumulator:
    """Running sums of the additive quantities (eigenanteil is derived)."""

    __slots__ = ("aufwand", "foerderung", "foerderung_investiv", "investiv", "ist", "vzae", "vzae_neu")

    def __init__(self) -> None:
        self.aufwand = self.foerderung = self.vzae = self.vzae_neu = ZERO
        self.investiv = self.foerderung_investiv = self.ist = ZERO

    def add(self, line: Line) -> None:
        quelle = line.quelle
        if quelle == "kosten" or quelle == "budget":
            self.aufwand += line.amount
            self.investiv += line.of_which
        elif quelle == "foerderung":
            self.foerderung += line.amount
            self.foerderung_investiv += line.of_which
        elif quelle == "ist":
            self.ist += line.amount
        else:  # stelle, personal
            self.vzae += line.amount
            self.vzae_neu += line.of_which

    def add_accumulator(self, other: Accumulator) -> None:
        self.aufwand += other.aufwand
        self.foerderung += other.foerderung
        self.vzae += other.vzae
        self.vzae_neu += other.vzae_neu
        self.investiv += other.investiv
        self.foerderung_investiv += other.foerderung_investiv
        self.ist += other.ist

    def add_figures(self, fig: Figures) -> None:
        self.aufwand += fig.aufwand
        self.foerderung += fig.foerderung
        if fig.vzae is not None:
            self.vzae += fig.vzae
            self.vzae_neu += fig.vzae_neu or ZERO
        self.investiv += fig.investiv
        self.foerderung_investiv += fig.foerderung_investiv
        self.ist += fig.ist

    def figures(self, *, one_year: bool) -> Figures:
        return Figures(
            self.aufwand.quantize(CENT),
            self.foerderung.quantize(CENT),
            self.vzae.quantize(CENT) if one_year else None,
            self.vzae_neu.quantize(CENT) if one_year else None,
            self.investiv.quantize(CENT),
            self.foerderung_investiv.quantize(CENT),
            self.ist.quantize(CENT),
        )


def sum_figures(figures: Iterable[Figures], *, one_year: bool) -> Figures:
    acc = Accumulator()
    for fig in figures:
        acc.add_figures(fig)
    return acc.figures(one_year=one_year)


class Rollup:
    """Figures of one project (see :func:`digistrat.budget.compute_rollup`)."""

    def __init__(
        self,
        project: Project,
        nur_bewilligt: bool,
        lines: list[Line],
        kosten_anteile: dict | None,
        foerderung_anteile: dict | None,
        foerderung_betraege: dict,
    ):
        self.project = project
        self.nur_bewilligt = nur_bewilligt
        self.jahre: list[int] = list(project.jahre)
        self.partner_ids: list[str] = [p.id for p in project.partner]
        self.lines: list[Line] = lines
        self._kosten_anteile = kosten_anteile
        self._foerderung_anteile = foerderung_anteile
        self._foerderung_betraege = foerderung_betraege
        self._grid: dict[tuple[str, int], Figures] | None = None

    # -- partner × year grid -------------------------------------------------------------

    @property
    def _cells(self) -> dict[tuple[str, int], Figures]:
        # built on first use: the views group the lines themselves and do not need it
        if self._grid is None:
            cells = {(pid, jahr): Accumulator() for pid in self.partner_ids for jahr in self.jahre}
            for line in self.lines:
                cells[(line.partner, line.jahr)].add(line)
            self._grid = {key: acc.figures(one_year=True) for key, acc in cells.items()}
        return self._grid

    def partner(self, pid: str, jahr: int) -> Figures:
        """One partner in one year (KeyError for an unknown partner or a year outside laufzeit)."""
        return self._cells[(pid, jahr)]

    def partner_summe(self, pid: str) -> Figures:
        """One partner over every year of laufzeit (VZÄ only when laufzeit is a single year)."""
        return sum_figures((self._cells[(pid, j)] for j in self.jahre), one_year=len(self.jahre) == 1)

    def jahr_summe(self, jahr: int) -> Figures:
        """Every partner in one year."""
        return sum_figures((self._cells[(pid, jahr)] for pid in self.partner_ids), one_year=True)

    def gesamt(self) -> Figures:
        return sum_figures((self.jahr_summe(j) for j in self.jahre), one_year=len(self.jahre) == 1)

    # -- splits of single entries (for the Steckbrief pages) -------------------------------

    def kosten_anteile(self, steckbrief_id: str, kosten_index: int) -> dict[str, Decimal]:
        """Who pays how much of one ``kosten`` entry, in partner.yaml order; sums to its ``betrag``.

        Given for every entry, also one dated outside laufzeit (which the figures leave out);
        empty for every entry of a ``verworfen`` Steckbrief (format v1.1 rule 6: nobody pays it).
        """
        return dict(self._splits(self._kosten_anteile)[(steckbrief_id, kosten_index)])

    def foerderung_anteile(self, steckbrief_id: str, foerderung_index: int) -> dict[tuple[str, int], Decimal]:
        """``(partner, jahr) → amount`` of one ``foerderung`` entry as counted.

        Empty for an entry that is not counted (``abgelehnt``; with ``nur_bewilligt`` everything
        not ``bewilligt``; an entry without ``jahr`` on a Steckbrief without costs; every entry of
        a ``verworfen`` Steckbrief). Years outside
        laufzeit are included here; the figures leave them out.
        """
        return dict(self._splits(self._foerderung_anteile)[(steckbrief_id, foerderung_index)])

    @staticmethod
    def _splits(table: dict | None) -> dict:
        if table is None:
            raise ValueError("this rollup was computed without the splits (compute_rollup(splits=False))")
        return table

    def foerderung_betrag(self, steckbrief_id: str, foerderung_index: int) -> Decimal:
        """The amount one ``foerderung`` entry stands for (a ``quote`` resolved and rounded half up),
        whether or not it is counted."""
        return self._foerderung_betraege[(steckbrief_id, foerderung_index)]

    # -- views -------------------------------------------------------------------------------

    def group(self, dimension: str, *, jahr: int | None = None, partner: str | None = None) -> View:
        """The figures grouped by ``dimension`` (see :data:`digistrat.budget.views.DIMENSIONEN`),
        optionally limited to one year and/or one partner."""
        from digistrat.budget.views import build_view

        return build_view(self, dimension, jahr=jahr, partner=partner)
