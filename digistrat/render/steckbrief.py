"""The prepared view of one Steckbrief page of the Digitale Agenda (annex 2).

Who pays what of each cost entry and how each funding entry is shared come from the rollup
(``kosten_anteile``, ``foerderung_anteile``, ``foerderung_betrag``); year totals are sums of
those shares, so the page agrees with every other figure to the cent.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import overload

from digistrat.model.types import Foerderung, Handlungsfeld, Kosten, Partner, Programm, Steckbrief
from digistrat.money import ZERO


@dataclass
class Anteil:
    partner: Partner
    betrag: Decimal
    jahr: int | None = None  # set for funding shares


@dataclass
class KostenZeile:
    kosten: Kosten  # the entry as written (jahr, kategorie, betrag, beschreibung, aufteilung)
    betrag: Decimal  # the sum of its shares (equals kosten.betrag)
    anteile: list[Anteil]  # who pays, in partner.yaml order


@dataclass
class KostenJahr:
    jahr: int
    zeilen: list[KostenZeile]
    summe: Decimal
    in_laufzeit: bool = True  # False: left out of the budget (and of kosten_gesamt), marked in the table


@dataclass
class FoerderJahr:
    jahr: int
    betrag: Decimal  # the sum of the year's shares
    anteile: list[Anteil]  # by partner, in partner.yaml order


@dataclass
class FoerderZeile:
    foerderung: Foerderung  # programm, status, betrag or quote, jahr, notiz as written
    programm: Programm | None  # None when foerderprogramme.yaml does not know the id (free text)
    programm_name: str
    betrag: Decimal  # the amount the entry stands for (a quote resolved), counted or not
    gezaehlt: bool  # False: abgelehnt, or not bewilligt with --nur-bewilligt
    jahre: list[FoerderJahr]  # the counted shares by year, ascending


@dataclass
class PersonalZeile:
    partner: Partner
    rolle: str | None
    vzae: Decimal
    von: int
    bis: int
    stelle: str  # neu | vorhanden


class SteckbriefSicht:
    """One Steckbrief page. Only ``nr``, ``sb``, ``handlungsfeld`` and ``verantwortlich`` are made
    at once; the rest when first asked for, and it goes with the view: :class:`SteckbriefSichten`
    makes a fresh view every time, so a long agenda never holds all pages' tables at once (10,000
    Steckbriefe: 59 MB), and a part of a long PDF agenda that only asks for ``nr`` builds none."""

    def __init__(self, nr: int, sb: Steckbrief, sichten: SteckbriefSichten):
        self.nr = nr  # position in the Umsetzungsreihenfolge, from 1
        self.sb = sb
        self._sichten = sichten
        self.handlungsfeld: Handlungsfeld = sichten.felder[sb.handlungsfeld]
        self.verantwortlich: Partner = sichten.partners[sb.verantwortlich]

    @functools.cached_property
    def beteiligte(self) -> list[Partner]:
        partners = self._sichten.partners
        return [partners[pid] for pid in self.sb.beteiligte if pid in partners]

    @functools.cached_property
    def abhaengigkeiten(self) -> list[Steckbrief]:
        by_id = self._sichten.by_id
        return [by_id[sid] for sid in self.sb.abhaengigkeiten if sid in by_id]

    @functools.cached_property
    def kosten_jahre(self) -> list[KostenJahr]:  # by year, ascending
        s = self._sichten
        return _kosten(s.rollup, self.sb, s.partners, s.jahre)

    @functools.cached_property
    def kosten_gesamt(self) -> Decimal:
        # like the budget: only years of the laufzeit, so every annex shows the same totals. Summed
        # from the shares without building kosten_jahre: the agenda's overview asks every
        # Steckbrief for it, and each page is made again for its own table.
        s, sb = self._sichten, self.sb
        return sum(
            (
                sum(s.rollup.kosten_anteile(sb.id, i).values(), ZERO)
                for i, k in enumerate(sb.kosten)
                if k.jahr in s.jahre
            ),
            ZERO,
        )

    @functools.cached_property
    def foerderung(self) -> list[FoerderZeile]:
        s = self._sichten
        return _foerderung(s.rollup, self.sb, s.partners, s.programme)

    @functools.cached_property
    def personal(self) -> list[PersonalZeile]:
        partners = self._sichten.partners
        return [
            PersonalZeile(partners[p.partner], p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle)
            for p in self.sb.personal
            if p.partner in partners
        ]

    @functools.cached_property
    def sachstand(self):  # format v1.1: the current Sachstand (latest up to the printed date), or None
        from digistrat.model.execution import aktueller_sachstand

        return aktueller_sachstand(self.sb, self._sichten.stichtag)

    @functools.cached_property
    def meilensteine(self) -> list:  # (Meilenstein, zustand): erreicht | ueberfaellig | offen
        return [(m, meilenstein_zustand(m, self._sichten.stichtag)) for m in self.sb.meilensteine]


def meilenstein_zustand(m, stichtag: dt.date | None) -> str:
    """``erreicht``; ``ueberfaellig`` at ``stichtag`` (never without one); else ``offen``."""
    from digistrat.model.execution import ueberfaellig

    if m.erreicht is not None and (stichtag is None or m.erreicht.erster <= stichtag):
        return "erreicht"
    if stichtag is not None and ueberfaellig(m, stichtag):
        return "ueberfaellig"
    return "offen"


def _kosten(rollup, sb: Steckbrief, partners: dict[str, Partner], laufzeit: set[int]) -> list[KostenJahr]:
    by_year: dict[int, list[KostenZeile]] = {}
    for i, k in enumerate(sb.kosten):
        shares = rollup.kosten_anteile(sb.id, i)
        anteile = [Anteil(partners[pid], amount) for pid, amount in shares.items()]
        by_year.setdefault(k.jahr, []).append(KostenZeile(k, sum(shares.values(), ZERO), anteile))
    return [
        KostenJahr(jahr, zeilen, sum((z.betrag for z in zeilen), ZERO), jahr in laufzeit)
        for jahr, zeilen in sorted(by_year.items())
    ]


def _foerderung(rollup, sb: Steckbrief, partners: dict[str, Partner], programme: dict[str, Programm]):
    order = {pid: n for n, pid in enumerate(partners)}
    out = []
    for i, f in enumerate(sb.foerderung):
        shares = rollup.foerderung_anteile(sb.id, i)
        by_year: dict[int, list[Anteil]] = {}
        for pid, jahr in sorted(shares, key=lambda key: (key[1], order[key[0]])):
            by_year.setdefault(jahr, []).append(Anteil(partners[pid], shares[(pid, jahr)], jahr))
        prog = programme.get(f.programm)
        out.append(
            FoerderZeile(
                foerderung=f,
                programm=prog,
                programm_name=prog.name if prog else f.programm,
                betrag=rollup.foerderung_betrag(sb.id, i),
                gezaehlt=bool(shares),
                jahre=[
                    FoerderJahr(jahr, sum((a.betrag for a in anteile), ZERO), anteile)
                    for jahr, anteile in by_year.items()
                ],
            )
        )
    return out


class SteckbriefSichten(Sequence):
    """The Steckbrief pages of the agenda, in the Umsetzungsreihenfolge: a new
    :class:`SteckbriefSicht` on every access (see there)."""

    def __init__(self, project, rollup, stichtag: dt.date | None = None):
        self.steckbriefe = project.steckbriefe
        self.rollup = rollup
        self.stichtag = stichtag
        self.partners = project.partner_by_id()
        self.felder = project.handlungsfeld_by_id()
        self.by_id = project.steckbrief_by_id()
        self.programme = project.programm_by_id()
        self.jahre = set(rollup.jahre)  # the laufzeit

    def __len__(self) -> int:
        return len(self.steckbriefe)

    @overload
    def __getitem__(self, index: int) -> SteckbriefSicht: ...

    @overload
    def __getitem__(self, index: slice) -> list[SteckbriefSicht]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self))[index]  # negative from the end; IndexError outside
        return SteckbriefSicht(index + 1, self.steckbriefe[index], self)

    def __iter__(self) -> Iterator[SteckbriefSicht]:
        for nr, sb in enumerate(self.steckbriefe, start=1):
            yield SteckbriefSicht(nr, sb, self)
