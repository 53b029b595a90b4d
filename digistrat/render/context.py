"""Template contexts: what each document template receives (documented in README.md, section "Vorlagen anpassen").

Model objects are passed as they are (templates read ``strategie.titel``, ``sb.kosten``);
everything that needs a lookup, an ordering or a figure is prepared here, so templates hold
layout only. Figures come from the budget rollup and nowhere else; the only arithmetic here
is adding up rollup values (a Steckbrief's cost shares) and Saldo = Förderung − Aufwand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from digistrat.model.types import Handlungsfeld, Partner, Project, Steckbrief
from digistrat.money import ZERO
from digistrat.render.diagramdata import MatrixEintrag, RoadmapZeile

if TYPE_CHECKING:
    from digistrat.budget.rollup import Rollup


@dataclass(frozen=True)
class Dokumentlink:
    """A document written in this run, for the index page and cross references."""

    schluessel: str
    titel: str
    datei: str  # file name relative to the output folder
    anlage: int | None = None
    partner: Partner | None = None


@dataclass
class RunContext:
    """What every document of one render run shares (built once per run)."""

    project: Project
    rollup: Rollup
    format: str
    datum: dt.date | None
    dokumente: list[Dokumentlink] = field(default_factory=list)
    nur_bewilligt: bool = False
    jahr: int | None = None  # --jahr: the Haushaltsjahr of the finance blocks; None: every year
    _rollup_bewilligt: Rollup | None = field(default=None, repr=False)

    @property
    def rollup_bewilligt(self) -> Rollup:
        """The same rollup counting granted funding only: the finance block shows both, so a council
        sees how much of the Ertrag is not yet granted (computed once, on first use; only its
        figures are read, so without the per-entry splits of the Steckbrief pages)."""
        if self.nur_bewilligt:
            return self.rollup
        if self._rollup_bewilligt is None:
            from digistrat.budget import compute_rollup
            from digistrat.gc_pause import gc_paused

            with gc_paused(freeze=True):  # lives as long as the run (see Renderer)
                self._rollup_bewilligt = compute_rollup(self.project, nur_bewilligt=True, splits=False)
        return self._rollup_bewilligt

    def basis(self, dokument: Dokumentlink) -> dict:
        p = self.project
        stand = p.agenda.stand if dokument.schluessel == "agenda" and p.agenda.stand else p.strategie.stand
        return {
            "stand": stand,
            "entwurf": ist_entwurf(p.strategie, stand),
            "kopf": kopfzeile(p.strategie, dokument),
            "format": self.format,
            "datum": self.datum,
            "dokument": dokument,
            "dokumente": self.dokumente,
            "strategie": p.strategie,
            "agenda": p.agenda,
            "alle_partner": p.partner,
            "partner_nach_id": p.partner_by_id(),
            "handlungsfeld_nach_id": p.handlungsfeld_by_id(),
            "programm_nach_id": p.programm_by_id(),
            "steckbriefe": p.steckbriefe,
            "nummer_nach_id": {sb.id: nr for nr, sb in enumerate(p.steckbriefe, start=1)},
            "jahre": list(self.rollup.jahre),
            "nur_bewilligt": self.rollup.nur_bewilligt,
        }


def ist_entwurf(strategie, stand: str | None) -> bool:
    """Not yet decided: no beschluss with a datum, or the document's stand lies before the decision."""
    b = strategie.beschluss
    if b is None or not b.datum:
        return True
    return stand is not None and str(stand) < str(b.datum)


def kopfzeile(strategie, dokument: Dokumentlink) -> str:
    """The running header's left part: Drucksache and Anlage (an annex) or partner and its Vorlage (a finance block)."""
    if dokument.partner is not None:
        v = dokument.partner.vorlage
        teile = [dokument.partner.name, f"Drucksache {v.drucksache}" if v.drucksache else "Beschlussvorlage"]
        return " · ".join([*teile, "Finanzielle Auswirkungen"])
    b = strategie.beschluss
    teile = [f"Drucksache {b.drucksache}"] if b and b.drucksache else []
    teile.append(f"Anlage {dokument.anlage}: {dokument.titel}" if dokument.anlage else dokument.titel)
    return " · ".join(teile)


# --- annex 1: Digitalisierungsstrategie --------------------------------------------------------


@dataclass
class HandlungsfeldSicht:
    feld: Handlungsfeld
    steckbriefe: list[Steckbrief]  # in Umsetzungsreihenfolge


def strategie_kontext(g: RunContext) -> dict:
    by_feld: dict[str, list[Steckbrief]] = {h.id: [] for h in g.project.strategie.handlungsfelder}
    for sb in g.project.steckbriefe:
        by_feld.setdefault(sb.handlungsfeld, []).append(sb)
    return {"felder": [HandlungsfeldSicht(h, by_feld[h.id]) for h in g.project.strategie.handlungsfelder]}


# --- annex 2: Digitale Agenda (overview, roadmap, matrix; Steckbrief pages in steckbrief.py) ----


@dataclass
class AgendaZeile:
    nr: int
    steckbrief: Steckbrief
    handlungsfeld: Handlungsfeld
    verantwortlich: Partner
    kosten_gesamt: Decimal


def zeitspanne(sb: Steckbrief) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a Steckbrief: its zeitraum, else the span of its dated Hauptaktivitäten."""
    if sb.zeitraum is not None:
        return sb.zeitraum.von.erster, sb.zeitraum.bis.letzter
    starts = [a.von.erster for a in sb.hauptaktivitaeten if a.von is not None]
    ends = [a.bis.letzter for a in sb.hauptaktivitaeten if a.bis is not None]
    if starts and ends:
        return min(starts), max(ends)
    return None, None


def roadmap_zeilen(project, stichtag: dt.date | None = None) -> list[RoadmapZeile]:
    """Rows of the roadmap; milestones are überfällig only against a ``stichtag`` (the printed date)."""
    from digistrat.render.steckbrief import meilenstein_zustand

    out = []
    for nr, sb in enumerate(project.steckbriefe, start=1):
        von, bis = zeitspanne(sb)
        marken = []
        for m in sb.meilensteine:
            zustand = meilenstein_zustand(m, stichtag)
            tag = m.erreicht.erster if zustand == "erreicht" else m.faellig.letzter
            marken.append((m.titel, tag, zustand))
        out.append(RoadmapZeile(nr, sb.id, sb.titel, sb.status, von, bis, tuple(marken)))
    return out


def roadmap_jahre(project, zeilen: list[RoadmapZeile]) -> tuple[int, int]:
    """The years the roadmap shows: the laufzeit, widened to every Steckbrief's span."""
    lz = project.strategie.laufzeit
    starts = [z.von.year for z in zeilen if z.von is not None]
    ends = [z.bis.year for z in zeilen if z.bis is not None]
    return min([lz.von, *starts]), max([lz.bis, *ends])


def matrix_eintraege(project) -> list[MatrixEintrag]:
    return [
        MatrixEintrag(nr, sb.id, sb.titel, sb.relevanz, sb.realisierbarkeit)
        for nr, sb in enumerate(project.steckbriefe, start=1)
        if sb.relevanz is not None and sb.realisierbarkeit is not None
    ]


def matrix_raster(eintraege: list[MatrixEintrag]) -> list[tuple[int, list[list[MatrixEintrag]]]]:
    """Rows Relevanz 5..1, each with five cells (Realisierbarkeit 1..5) holding their entries."""
    cells: dict[tuple[int, int], list[MatrixEintrag]] = {}
    for e in eintraege:
        cells.setdefault((e.relevanz, e.realisierbarkeit), []).append(e)
    return [(rel, [cells.get((rel, real), []) for real in range(1, 6)]) for rel in range(5, 0, -1)]


def agenda_kontext(g: RunContext) -> dict:
    from digistrat.render import mermaid, svg
    from digistrat.render.steckbrief import SteckbriefSichten

    project = g.project
    details = SteckbriefSichten(project, g.rollup, g.datum)
    # Kosten gesamt: every cost entry of the Steckbrief (also years outside laufzeit), as shared by the rollup
    uebersicht = [AgendaZeile(d.nr, d.sb, d.handlungsfeld, d.verantwortlich, d.kosten_gesamt) for d in details]
    zeilen = roadmap_zeilen(project, g.datum)
    von_jahr, bis_jahr = roadmap_jahre(project, zeilen)
    eintraege = matrix_eintraege(project)
    md = g.format == "md"
    return {
        "uebersicht": uebersicht,
        "kosten_summe": sum((z.kosten_gesamt for z in uebersicht), ZERO),
        "roadmap": zeilen,
        "roadmap_jahre": (von_jahr, bis_jahr),
        "roadmap_svgs": [] if md else svg.roadmap_svgs(zeilen, von_jahr, bis_jahr),
        "roadmap_mermaid": mermaid.roadmap_gantt(zeilen) if md else "",
        "matrix": eintraege,
        "matrix_raster": matrix_raster(eintraege),
        "matrix_svg": "" if md or not eintraege else svg.matrix_svg(eintraege),
        "ohne_bewertung": [sb for sb in project.steckbriefe if sb.relevanz is None or sb.realisierbarkeit is None],
        "details": details,
        "teil": None,  # the whole document; parts of a long PDF: see render/agenda_pdf.py
    }


# --- annex 3: Aufbauorganisation ----------------------------------------------------------------


def organisation_kontext(g: RunContext) -> dict:
    from digistrat.render import mermaid, svg

    gremien = g.project.strategie.gremien
    md = g.format == "md"
    return {
        "gremien": gremien,
        "organigramm_svg": "" if md or not gremien else svg.organigramm_svg(gremien),
        "organigramm_mermaid": mermaid.organigramm_flowchart(gremien) if md and gremien else "",
    }
