"""Execution tracking of format v1.1: Sachstand, Meilensteine, measured Kennzahlen.

``ist_kosten`` entries are :class:`~digistrat.model.types.Kosten` like the planned costs. The
helpers here are the one definition of "current Sachstand" and "überfällig" that lint rules,
``bericht`` and the rendered annexes share.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from digistrat.model.types import Ref, Steckbrief, Zeitpunkt

__all__ = [
    "AMPELN",
    "KennzahlIst",
    "Meilenstein",
    "Sachstand",
    "aktueller_sachstand",
    "build_meilensteine",
    "build_messwerte",
    "build_sachstand",
    "erreicht_bis",
    "months_before",
    "ueberfaellig",
    "ueberfaellige_meilensteine",
]

AMPELN = ("gruen", "gelb", "rot")


@dataclass
class Sachstand:
    datum: Zeitpunkt  # always a day
    ampel: str  # gruen | gelb | rot
    text: str
    fortschritt: int | None = None  # percent 0..100
    ref: Ref = field(default=Ref(""), compare=False, repr=False)


@dataclass
class Meilenstein:
    titel: str
    faellig: Zeitpunkt
    erreicht: Zeitpunkt | None = None
    ref: Ref = field(default=Ref(""), compare=False, repr=False)


@dataclass
class KennzahlIst:
    datum: Zeitpunkt
    wert: object  # a number (int or Decimal) or a text
    ref: Ref = field(default=Ref(""), compare=False, repr=False)


def aktueller_sachstand(sb: Steckbrief, stichtag: dt.date | None = None) -> Sachstand | None:
    """The Sachstand with the latest ``datum`` (not after ``stichtag`` when given), or None."""
    latest = None
    for s in sb.sachstand:
        if stichtag is not None and s.datum.erster > stichtag:
            continue
        if latest is None or s.datum.erster > latest.datum.erster:
            latest = s
    return latest


def ueberfaellig(m: Meilenstein, stichtag: dt.date) -> bool:
    """Format v1.1: no ``erreicht`` and ``faellig`` before the Stichtag (a month is due at its end)."""
    return m.erreicht is None and m.faellig.letzter < stichtag


def ueberfaellige_meilensteine(sb: Steckbrief, stichtag: dt.date) -> list[Meilenstein]:
    """The Steckbrief's overdue milestones at ``stichtag``, in file order."""
    return [m for m in sb.meilensteine if ueberfaellig(m, stichtag)]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day where that month is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def erreicht_bis(sb: Steckbrief, stichtag: dt.date, seit: dt.date | None = None) -> list[Meilenstein]:
    """Milestones reached on or before ``stichtag`` (and after ``seit`` when given), in file order."""
    return [
        m
        for m in sb.meilensteine
        if m.erreicht is not None and m.erreicht.erster <= stichtag and (seit is None or m.erreicht.letzter > seit)
    ]


# -- building from validated data (called by digistrat.model.build) ------------------------------


def build_sachstand(entries: list, ref: Ref) -> list[Sachstand]:
    return [
        Sachstand(
            datum=Zeitpunkt.parse(x["datum"]),
            ampel=x["ampel"],
            text=x["text"],
            fortschritt=x.get("fortschritt"),
            ref=ref.child(i),
        )
        for i, x in enumerate(entries)
    ]


def build_meilensteine(entries: list, ref: Ref) -> list[Meilenstein]:
    return [
        Meilenstein(
            titel=x["titel"],
            faellig=Zeitpunkt.parse(x["faellig"]),
            erreicht=Zeitpunkt.parse(x["erreicht"]) if x.get("erreicht") is not None else None,
            ref=ref.child(i),
        )
        for i, x in enumerate(entries)
    ]


def build_messwerte(entries: list, ref: Ref, dec) -> list[KennzahlIst]:
    """Measured values; numbers become exact decimals (``dec``), texts stay texts."""
    return [
        KennzahlIst(
            datum=Zeitpunkt.parse(x["datum"]),
            wert=x["wert"] if isinstance(x["wert"], str) else dec(x["wert"]),
            ref=ref.child(i),
        )
        for i, x in enumerate(entries)
    ]
