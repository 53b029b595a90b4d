"""Dataclasses of format v1 (v1.1: ``execution``): money and VZÄ ``Decimal``, years ``int``, places :class:`Ref`."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from digistrat.labels import BEZEICHNUNGEN
from digistrat.model.vorlage import Vorlage

__all__ = [
    "KATEGORIEN",
    "STATUS_REIHENFOLGE",
    "Agenda",
    "Aktivitaet",
    "Aufteilung",
    "Beratung",
    "Beschluss",
    "BetragJahr",
    "Config",
    "Foerderung",
    "Gremium",
    "Handlungsfeld",
    "Jahresspanne",
    "Kennzahl",
    "Kosten",
    "Partner",
    "PartnerBudget",
    "PartnerPost",
    "Periode",
    "Personal",
    "Programm",
    "Project",
    "Ref",
    "Steckbrief",
    "Strategie",
    "Vision",
    "Vorgaben",
    "Zeitpunkt",
]

KATEGORIEN = tuple(BEZEICHNUNGEN["kategorie"])
STATUS_REIHENFOLGE = tuple(BEZEICHNUNGEN["status"])


@dataclass(frozen=True)
class Ref:
    """Where an object came from: the file (as displayed) and the JSON path inside it."""

    file: str
    path: tuple = ()

    def child(self, *parts) -> Ref:
        return Ref(self.file, self.path + tuple(parts))


def _ref() -> Ref:
    return field(default=Ref(""), compare=False, repr=False)


@dataclass(frozen=True, order=True)
class Zeitpunkt:
    """A month (``2023-01``) or a day (``2023-01-15``). ``erster``/``letzter`` are the days it covers."""

    erster: dt.date
    letzter: dt.date
    text: str = field(compare=False)

    @classmethod
    def parse(cls, text: str) -> Zeitpunkt:
        """One shared frozen object per distinct text (a third of the model-building time otherwise)."""
        return _parse_zeitpunkt(cls, str(text))  # type: ignore[arg-type]  # a class is hashable

    @property
    def jahr(self) -> int:
        return self.erster.year


@lru_cache(maxsize=4096)
def _parse_zeitpunkt(cls: type, text: str) -> Zeitpunkt:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 2:
        y, m = parts
        return cls(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), text)
    y, m, d = parts
    day = dt.date(y, m, d)
    return cls(day, day, text)


@dataclass(frozen=True)
class Periode:
    von: Zeitpunkt
    bis: Zeitpunkt

    @property
    def jahre(self) -> range:
        return range(self.von.jahr, self.bis.jahr + 1)


@dataclass(frozen=True)
class Jahresspanne:
    von: int
    bis: int

    @property
    def jahre(self) -> range:
        return range(self.von, self.bis + 1)

    def __contains__(self, jahr: int) -> bool:
        return self.von <= jahr <= self.bis


@dataclass
class Beratung:
    gremium: str
    datum: str | None = None
    rolle: str | None = None
    ergebnis: str | None = None


@dataclass
class Beschluss:
    gremium: str | None = None
    datum: str | None = None
    drucksache: str | None = None
    beratungsfolge: list[Beratung] = field(default_factory=list)


@dataclass
class Vision:
    horizont: int | None = None
    leitsatz: str | None = None
    ziele: list[str] = field(default_factory=list)


@dataclass
class Handlungsfeld:
    id: str
    titel: str
    nummer: int | None = None
    ziel: str | None = None
    leitbild: str | None = None
    ausgangslage: str | None = None
    herausforderungen: list[str] = field(default_factory=list)
    chancen: list[str] = field(default_factory=list)
    ref: Ref = _ref()


@dataclass
class Gremium:
    id: str
    name: str
    aufgabe: str | None = None
    mitglieder: list[str] = field(default_factory=list)
    turnus: str | None = None
    ref: Ref = _ref()


@dataclass
class BetragJahr:
    jahr: int
    betrag: Decimal
    ref: Ref = _ref()


@dataclass
class Vorgaben:
    vzae_je_partner: Decimal | None = None
    budget_je_partner: list[BetragJahr] = field(default_factory=list)
    ausgenommen: list[str] = field(default_factory=list)
    ref: Ref = _ref()


@dataclass
class Strategie:
    titel: str
    federfuehrung: str
    laufzeit: Jahresspanne
    untertitel: str | None = None
    region: str | None = None
    stand: str | None = None
    beschluss: Beschluss | None = None
    vision: Vision | None = None
    werte: list[str] = field(default_factory=list)
    handlungsfelder: list[Handlungsfeld] = field(default_factory=list)
    gremien: list[Gremium] = field(default_factory=list)
    vorgaben: Vorgaben | None = None
    ref: Ref = _ref()


@dataclass
class PartnerPost:
    """A post a partner provides (``partner.yaml`` → ``personal``)."""

    rolle: str
    vzae: Decimal
    ab: int | None
    bis: int | None
    jahre: range  # resolved with the defaults of format v1
    stelle: str = "vorhanden"
    entgeltgruppe: str | None = None
    ref: Ref = _ref()


@dataclass
class PartnerBudget:
    """Money not tied to a project, for one year or a range of years (same amount each year)."""

    betrag: Decimal
    jahre: range
    jahr: int | None = None
    ab: int | None = None
    bis: int | None = None
    zweck: str | None = None
    produkt: str | None = None
    produkt_name: str | None = None
    konto: str | None = None
    ref: Ref = _ref()


@dataclass
class Partner:
    id: str
    name: str
    art: str
    kurzname: str | None = None
    einwohner: int | None = None
    einwohner_stand: str | None = None
    amt: str | None = None
    ansprechperson: str | None = None
    vorlage: Vorlage = field(default_factory=Vorlage)  # for the partner's own Beschlussvorlage
    personal: list[PartnerPost] = field(default_factory=list)
    budget: list[PartnerBudget] = field(default_factory=list)
    ref: Ref = _ref()


@dataclass
class Aufteilung:
    schluessel: str  # gleich | einwohner | anteile
    partner: list[str] | None = None  # None: every partner in partner.yaml
    anteile: dict[str, Decimal] = field(default_factory=dict)
    ref: Ref = _ref()


@dataclass
class Kosten:
    jahr: int
    betrag: Decimal
    kategorie: str = "sonstige"
    traeger: str | None = None  # None and no aufteilung: the Steckbrief's verantwortlich pays
    aufteilung: Aufteilung | None = None
    beschreibung: str | None = None
    ref: Ref = _ref()


@dataclass
class Personal:
    partner: str
    vzae: Decimal
    ab: int | None
    bis: int | None
    jahre: range  # resolved: ab/bis, else the Steckbrief's zeitraum, else the laufzeit
    stelle: str = "neu"
    rolle: str | None = None
    entgeltgruppe: str | None = None
    ref: Ref = _ref()


@dataclass
class Foerderung:
    programm: str
    status: str
    betrag: Decimal | None = None
    quote: Decimal | None = None
    jahr: int | None = None
    notiz: str | None = None
    ref: Ref = _ref()


@dataclass
class Aktivitaet:
    titel: str
    von: Zeitpunkt | None = None
    bis: Zeitpunkt | None = None
    beschreibung: str | None = None
    ref: Ref = _ref()


@dataclass
class Kennzahl:
    name: str
    zielwert: object = None
    einheit: str | None = None
    basiswert: object = None
    ist: list = field(default_factory=list)  # [KennzahlIst] (v1.1, digistrat.model.execution)
    ref: Ref = _ref()


@dataclass
class Steckbrief:
    id: str
    titel: str
    handlungsfeld: str
    status: str
    kurzbeschreibung: str
    verantwortlich: str
    typ: str | None = None
    prioritaet: str | None = None
    relevanz: int | None = None
    realisierbarkeit: int | None = None
    beschreibung: str | None = None
    ziele: list[str] = field(default_factory=list)
    zielgruppen: list[str] = field(default_factory=list)
    beteiligte: list[str] = field(default_factory=list)
    externe_beteiligte: list[str] = field(default_factory=list)
    hauptaktivitaeten: list[Aktivitaet] = field(default_factory=list)
    zeitraum: Periode | None = None
    abhaengigkeiten: list[str] = field(default_factory=list)
    kosten: list[Kosten] = field(default_factory=list)
    personal: list[Personal] = field(default_factory=list)
    foerderung: list[Foerderung] = field(default_factory=list)
    kennzahlen: list[Kennzahl] = field(default_factory=list)
    risiken: list[str] = field(default_factory=list)
    notizen: str | None = None
    links: list[dict] = field(default_factory=list)
    sachstand: list = field(default_factory=list)  # v1.1: [Sachstand]; [Meilenstein] below (model.execution)
    meilensteine: list = field(default_factory=list)
    ist_kosten: list[Kosten] = field(default_factory=list)
    ref: Ref = _ref()

    @property
    def kosten_gesamt(self) -> Decimal:
        return sum((k.betrag for k in self.kosten), Decimal("0"))


@dataclass
class Agenda:
    titel: str | None
    projekte: list[str]
    stand: str | None = None
    einleitung: str | None = None
    hinweise: str | None = None
    ref: Ref = _ref()


@dataclass
class Programm:
    id: str
    name: str
    foerdergeber: str | None = None
    quote_max: Decimal | None = None
    laufzeit: Jahresspanne | None = None
    url: str | None = None
    notiz: str | None = None
    ref: Ref = _ref()


@dataclass
class Config:
    locale: str = "de_DE"
    regeln: dict = field(default_factory=dict)
    stichtag: str | None = None
    render: dict = field(default_factory=dict)
    budget: dict = field(default_factory=dict)
    ref: Ref = _ref()


@dataclass
class Project:
    """A whole project. ``steckbriefe`` are in agenda order (Umsetzungsreihenfolge) where possible."""

    root: Path
    strategie: Strategie
    partner: list[Partner]
    agenda: Agenda
    steckbriefe: list[Steckbrief]
    programme: list[Programm] | None = None  # None: no foerderprogramme.yaml (programme ids are free text)
    config: Config = field(default_factory=Config)
    texts: Mapping = field(default_factory=dict, repr=False)  # display path → text (LazyTexts from check())

    def partner_by_id(self) -> dict[str, Partner]:
        return {p.id: p for p in self.partner}

    def steckbrief_by_id(self) -> dict[str, Steckbrief]:
        return {s.id: s for s in self.steckbriefe}

    def handlungsfeld_by_id(self) -> dict[str, Handlungsfeld]:
        return {h.id: h for h in self.strategie.handlungsfelder}

    def programm_by_id(self) -> dict[str, Programm]:
        return {p.id: p for p in (self.programme or [])}

    @property
    def jahre(self) -> list[int]:
        return list(self.strategie.laufzeit.jahre)
