"""The prepared view of one Steckbrief page of the Digitale Agenda (annex 2).

Who pays what of each cost entry and how each funding entry is shared come from the rollup
(``kosten_anteile``, ``foerderung_anteile``, ``foerderung_betrag``); year totals are sums of
those shares, so the page agrees with every other figure to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

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


@dataclass
class SteckbriefSicht:
    nr: int  # position in the Umsetzungsreihenfolge, from 1
    sb: Steckbrief
    handlungsfeld: Handlungsfeld
    verantwortlich: Partner
    beteiligte: list[Partner]
    abhaengigkeiten: list[Steckbrief]
    kosten_jahre: list[KostenJahr]  # by year, ascending
    kosten_gesamt: Decimal
    foerderung: list[FoerderZeile]
    personal: list[PersonalZeile]
    sachstand: object = None  # format v1.1: the current Sachstand (latest up to the printed date), or None
    meilensteine: list = field(default_factory=list)  # (Meilenstein, zustand): erreicht | ueberfaellig | offen


def meilenstein_zustand(m, stichtag: dt.date | None) -> str:
    """``erreicht``; ``ueberfaellig`` at ``stichtag`` (never without one); else ``offen``."""
    from digistrat.model.execution import ueberfaellig

    if m.erreicht is not None and (stichtag is None or m.erreicht.erster <= stichtag):
        return "erreicht"
    if stichtag is not None and ueberfaellig(m, stichtag):
        return "ueberfaellig"
    return "offen"


def _kosten(rollup, sb: Steckbrief, partners: dict[str, Partner]) -> list[KostenJahr]:
    by_year: dict[int, list[KostenZeile]] = {}
    for i, k in enumerate(sb.kosten):
        shares = rollup.kosten_anteile(sb.id, i)
        anteile = [Anteil(partners[pid], amount) for pid, amount in shares.items()]
        by_year.setdefault(k.jahr, []).append(KostenZeile(k, sum(shares.values(), ZERO), anteile))
    laufzeit = set(rollup.jahre)
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


def steckbrief_sichten(project, rollup, stichtag: dt.date | None = None) -> list[SteckbriefSicht]:
    from digistrat.model.execution import aktueller_sachstand

    partners = project.partner_by_id()
    felder = project.handlungsfeld_by_id()
    by_id = project.steckbrief_by_id()
    programme = project.programm_by_id()
    out = []
    for nr, sb in enumerate(project.steckbriefe, start=1):
        kosten_jahre = _kosten(rollup, sb, partners)
        out.append(
            SteckbriefSicht(
                nr=nr,
                sb=sb,
                handlungsfeld=felder[sb.handlungsfeld],
                verantwortlich=partners[sb.verantwortlich],
                beteiligte=[partners[pid] for pid in sb.beteiligte if pid in partners],
                abhaengigkeiten=[by_id[sid] for sid in sb.abhaengigkeiten if sid in by_id],
                kosten_jahre=kosten_jahre,
                # like the budget: only years of the laufzeit, so every annex shows the same totals
                kosten_gesamt=sum((j.summe for j in kosten_jahre if j.in_laufzeit), ZERO),
                foerderung=_foerderung(rollup, sb, partners, programme),
                personal=[
                    PersonalZeile(partners[p.partner], p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle)
                    for p in sb.personal
                    if p.partner in partners
                ],
                sachstand=aktueller_sachstand(sb, stichtag),
                meilensteine=[(m, meilenstein_zustand(m, stichtag)) for m in sb.meilensteine],
            )
        )
    return out
