"""The Sachstandsbericht for the Hauptausschuss (``digistrat bericht``): facts at a Stichtag.

Every figure comes from the one budget engine (Plan = ``aufwand``, Ist = ``ist``, format v1.1
rule 8); "current Sachstand" and "überfällig" are :mod:`digistrat.model.execution`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from digistrat.history.diff import Diff
from digistrat.model.execution import (
    AMPELN,
    KennzahlIst,
    Meilenstein,
    Sachstand,
    aktueller_sachstand,
    erreicht_bis,
    months_before,
    ueberfaellige_meilensteine,
)
from digistrat.model.types import Kennzahl, Project, Steckbrief

KUERZLICH_MONATE = 6  # a milestone reached this many months before the Stichtag is "kürzlich erreicht"
OHNE = "ohne"  # the Ampel count of Steckbriefe without a Sachstand


@dataclass
class KennzahlStand:
    kennzahl: Kennzahl
    werte: list[KennzahlIst]  # up to the Stichtag, by date
    aktuell: KennzahlIst | None  # the latest, or None

    @property
    def anteil(self) -> Decimal | None:
        """Latest value as a share of the target (0..1, not capped), where both are numbers."""
        ziel, ist = self.kennzahl.zielwert, self.aktuell.wert if self.aktuell else None
        if isinstance(ziel, bool) or not isinstance(ziel, (int, float, Decimal)) or not ziel:
            return None
        if not isinstance(ist, (int, Decimal)):
            return None
        return Decimal(ist) / Decimal(repr(ziel) if isinstance(ziel, float) else ziel)


@dataclass
class PlanIst:
    jahr: int
    plan: Decimal
    ist: Decimal

    @property
    def abweichung(self) -> Decimal:
        return self.ist - self.plan


@dataclass
class SteckbriefStand:
    sb: Steckbrief
    handlungsfeld: str  # title
    sachstand: Sachstand | None
    ueberfaellig: list[Meilenstein]
    erreicht: list[Meilenstein]  # reached in the KUERZLICH_MONATE before the Stichtag
    offen: list[Meilenstein]  # neither reached nor overdue
    kennzahlen: list[KennzahlStand]
    plan_ist: list[PlanIst]  # years of laufzeit up to the Stichtag's year with a plan or an Ist

    @property
    def ampel(self) -> str | None:
        return self.sachstand.ampel if self.sachstand else None

    def as_json(self) -> dict:
        s = self.sachstand
        return {
            "id": self.sb.id,
            "titel": self.sb.titel,
            "handlungsfeld": self.sb.handlungsfeld,
            "status": self.sb.status,
            "ampel": s.ampel if s else None,
            "fortschritt": s.fortschritt if s else None,
            "sachstand_datum": s.datum.text if s else None,
            "ueberfaellig": [m.titel for m in self.ueberfaellig],
            "erreicht": [{"titel": m.titel, "datum": m.erreicht.text if m.erreicht else None} for m in self.erreicht],
        }


@dataclass
class PartnerPlanIst:
    id: str
    name: str
    jahre: list[PlanIst]
    summe: PlanIst


@dataclass
class Bericht:
    project: Project
    stichtag: dt.date
    seit: str | None
    steckbriefe: list[SteckbriefStand]
    partner: list[PartnerPlanIst]
    aenderungen: Diff | None = None  # with --seit
    ampeln: dict[str, int] = field(default_factory=dict)  # gruen, gelb, rot, ohne
    status: dict[str, int] = field(default_factory=dict)  # in STATUS_REIHENFOLGE, only those present
    jahre: list[int] = field(default_factory=list)  # the years of the Plan/Ist comparison

    @property
    def ueberfaellig(self) -> list[tuple[SteckbriefStand, Meilenstein]]:
        return [(s, m) for s in self.steckbriefe for m in s.ueberfaellig]

    @property
    def erreicht(self) -> list[tuple[SteckbriefStand, Meilenstein]]:
        return [(s, m) for s in self.steckbriefe for m in s.erreicht]

    @property
    def auffaellig(self) -> list[SteckbriefStand]:
        """Steckbriefe a council member should look at first: red, then yellow Ampel."""
        return [s for a in ("rot", "gelb") for s in self.steckbriefe if s.ampel == a]

    def as_json(self) -> dict:
        out: dict = {
            "stichtag": self.stichtag.isoformat(),
            "seit": self.seit,
            "steckbriefe": [s.as_json() for s in self.steckbriefe],
            "aenderungen": None,
        }
        if self.aenderungen is not None:
            diff = self.aenderungen.as_json()
            out["aenderungen"] = {"steckbriefe": diff["steckbriefe"], "budget": diff["budget"]}
        out["uebersicht"] = {"ampel": dict(self.ampeln), "status": dict(self.status)}
        out["plan_ist"] = [
            {"partner": p.id, "jahr": str(j.jahr), "plan": str(j.plan), "ist": str(j.ist)}
            for p in self.partner
            for j in p.jahre
        ]
        return out


def build_bericht(project: Project, stichtag: dt.date, seit: str | None = None, aenderungen=None) -> Bericht:
    from digistrat.budget import compute_rollup
    from digistrat.budget.funding import nur_bewilligt
    from digistrat.model.types import STATUS_REIHENFOLGE

    rollup = compute_rollup(project, nur_bewilligt=nur_bewilligt(project, None))
    # completed years, and the Stichtag's year once any Ist is booked in it
    laufend = bool(rollup.jahr_summe(stichtag.year).ist) if stichtag.year in rollup.jahre else False
    jahre = [j for j in rollup.jahre if j < stichtag.year or (j == stichtag.year and laufend)]
    felder = {h.id: h.titel for h in project.strategie.handlungsfelder}
    grenze = months_before(stichtag, KUERZLICH_MONATE)
    staende = [_steckbrief(sb, felder, stichtag, grenze, jahre) for sb in project.steckbriefe]
    # Plan: the partner's share of the Steckbriefe's costs (its own budget entries have no Ist)
    plan: dict[tuple[str, int], Decimal] = {}
    for line in rollup.lines:
        if line.quelle == "kosten":
            plan[(line.partner, line.jahr)] = plan.get((line.partner, line.jahr), Decimal("0.00")) + line.aufwand
    partner = []
    for p in project.partner:
        rows = [PlanIst(j, plan.get((p.id, j), Decimal("0.00")), rollup.partner(p.id, j).ist) for j in jahre]
        summe = PlanIst(0, sum((r.plan for r in rows), Decimal("0.00")), sum((r.ist for r in rows), Decimal("0.00")))
        partner.append(PartnerPlanIst(p.id, p.name, rows, summe))
    ampeln = {a: sum(1 for s in staende if s.ampel == a) for a in AMPELN}
    ampeln[OHNE] = sum(1 for s in staende if s.ampel is None)
    status = {st: n for st in STATUS_REIHENFOLGE if (n := sum(1 for s in staende if s.sb.status == st))}
    return Bericht(project, stichtag, seit, staende, partner, aenderungen, ampeln, status, jahre)


def _steckbrief(sb: Steckbrief, felder: dict, stichtag: dt.date, grenze: dt.date, jahre: list[int]) -> SteckbriefStand:
    ueberfaellig = ueberfaellige_meilensteine(sb, stichtag)
    erreicht = erreicht_bis(sb, stichtag, grenze)
    offen = [
        m for m in sb.meilensteine if m not in ueberfaellig and (m.erreicht is None or m.erreicht.erster > stichtag)
    ]
    kennzahlen = []
    for k in sb.kennzahlen:
        werte = sorted((w for w in k.ist if w.datum.erster <= stichtag), key=lambda w: w.datum.erster)
        kennzahlen.append(KennzahlStand(k, werte, werte[-1] if werte else None))
    plan: dict[int, Decimal] = {}
    ist: dict[int, Decimal] = {}
    if sb.status != "verworfen":  # format v1.1 rule 6: a verworfen Steckbrief counts nothing
        for posten in sb.kosten:
            plan[posten.jahr] = plan.get(posten.jahr, Decimal("0.00")) + posten.betrag
        for posten in sb.ist_kosten:
            ist[posten.jahr] = ist.get(posten.jahr, Decimal("0.00")) + posten.betrag
    plan_ist = [
        PlanIst(j, plan.get(j, Decimal("0.00")), ist.get(j, Decimal("0.00"))) for j in jahre if j in plan or j in ist
    ]
    return SteckbriefStand(
        sb,
        felder.get(sb.handlungsfeld, sb.handlungsfeld),
        aktueller_sachstand(sb, stichtag),
        ueberfaellig,
        erreicht,
        offen,
        kennzahlen,
        plan_ist,
    )
