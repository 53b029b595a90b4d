"""Inline SVG for HTML and PDF: the roadmap, the organigram and the Relevanz × Realisierbarkeit matrix.

Drawn from plain coordinates (no layout engine, nothing measured at run time), so the same
project always gives the same bytes; every text goes through ``escape``. Each drawing carries
``role="img"``, a ``<title>`` and a ``<desc>`` for screen readers. Work is linear in the number
of Steckbriefe; a long roadmap is cut into several drawings so that each fits on a printed page.
"""

from __future__ import annotations

import calendar
import datetime as dt
import textwrap
from collections import defaultdict

from markupsafe import Markup, escape

from digistrat.formatting import monat
from digistrat.labels import bezeichnung
from digistrat.model.types import STATUS_REIHENFOLGE
from digistrat.render.diagramdata import MatrixEintrag, RoadmapZeile

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"

# Status colours chosen to stay distinguishable when printed in greyscale (light → dark).
STATUS_FARBEN = {
    "idee": "#c7d3e0",
    "geplant": "#6b9bd1",
    "in-umsetzung": "#e08a1e",
    "abgeschlossen": "#2e7d3a",
    "zurueckgestellt": "#b0a58f",
    "verworfen": "#8c2f39",
}

# ... and a pattern each, so that the status reads in black and white too (the legend repeats both).
STATUS_MUSTER = {
    "idee": '<circle cx="2" cy="2" r="0.9" fill="#1a1a1a"/>',
    "geplant": '<path d="M0,6 L6,0" stroke="#1a1a1a" stroke-width="0.8"/>',
    "in-umsetzung": '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#1a1a1a" stroke-width="0.8"/>',
    "abgeschlossen": "",
    "zurueckgestellt": '<path d="M0,3 L6,3" stroke="#1a1a1a" stroke-width="0.8"/>',
    "verworfen": '<path d="M3,0 L3,6 M0,3 L6,3" stroke="#1a1a1a" stroke-width="0.8"/>',
}

ROADMAP_ZEILEN_JE_GRAFIK = 40


def _muster_defs(ident: str, statusliste) -> str:
    """One <pattern> per status with a pattern, ids prefixed by the drawing's id (several drawings per page)."""
    out = [
        f'<pattern id="{ident}-{s}" width="6" height="6" patternUnits="userSpaceOnUse">{STATUS_MUSTER[s]}</pattern>'
        for s in statusliste
        if STATUS_MUSTER.get(s)
    ]
    return f"<defs>{''.join(out)}</defs>" if out else ""


def _status_balken(ident: str, status: str, x: float, y: float, breite: float, hoehe: float, rx: float) -> str:
    """A bar (or legend box) in the status colour with the status pattern drawn over it."""
    farbe = STATUS_FARBEN.get(status, "#999999")
    geo = f'x="{_n(x)}" y="{_n(y)}" width="{_n(breite)}" height="{_n(hoehe)}" rx="{_n(rx)}"'
    out = f'<rect {geo} fill="{farbe}" stroke="#1a1a1a" stroke-width="0.4"/>'
    if STATUS_MUSTER.get(status):
        out += f'<rect {geo} fill="url(#{ident}-{status})" stroke="none"/>'
    return out


def _n(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros (stable across platforms)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 12,
    weight: str | None = None,
    anchor: str | None = None,
    fill: str = "#1a1a1a",
    style: str | None = None,
) -> str:
    attrs = [f'x="{_n(x)}"', f'y="{_n(y)}"', f'font-size="{size}"']
    if weight:
        attrs.append(f'font-weight="{weight}"')
    if style:
        attrs.append(f'font-style="{style}"')
    if anchor:
        attrs.append(f'text-anchor="{anchor}"')
    attrs.append(f'fill="{fill}"')
    return f"<text {' '.join(attrs)}>{escape(content)}</text>"


def _svg(ident: str, width: float, height: float, titel: str, beschreibung: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="grafik" id="{escape(ident)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'aria-labelledby="{escape(ident)}-titel" '
        f'font-family="{FONT}">'
    )
    parts = [
        head,
        # the PDF's alternative text for the figure is the <title>: it carries the whole description
        f'<title id="{escape(ident)}-titel">{escape(titel)}: {escape(beschreibung)}</title>',
        f'<desc id="{escape(ident)}-beschreibung">{escape(beschreibung)}</desc>',
        *body,
        "</svg>",
    ]
    return Markup("\n".join(parts))


def _kuerzen(text: str, laenge: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= laenge else text[: laenge - 1].rstrip() + "…"


# --- roadmap -------------------------------------------------------------------------------------


def _monate(day: dt.date, start_jahr: int, *, ende: bool = False) -> float:
    """Months from 1 January of ``start_jahr`` to the start (or, with ``ende``, the end) of ``day``."""
    tage = calendar.monthrange(day.year, day.month)[1]
    offset = (day.day if ende else day.day - 1) / tage
    return (day.year - start_jahr) * 12 + day.month - 1 + offset


def roadmap_svgs(
    zeilen: list[RoadmapZeile], von_jahr: int, bis_jahr: int, je_grafik: int = ROADMAP_ZEILEN_JE_GRAFIK
) -> list[Markup]:
    """The roadmap as SVG drawings of at most ``je_grafik`` rows each (none without rows)."""
    stuecke = [zeilen[i : i + je_grafik] for i in range(0, len(zeilen), je_grafik)]
    return [
        _roadmap_stueck(stueck, von_jahr, bis_jahr, nummer, len(stuecke))
        for nummer, stueck in enumerate(stuecke, start=1)
    ]


def _roadmap_stueck(zeilen: list[RoadmapZeile], von_jahr: int, bis_jahr: int, nummer: int, anzahl: int) -> Markup:
    breite, links, rechts = 780.0, 300.0, 770.0
    kopf, zeile_h, legende_h = 34.0, 22.0, 36.0
    jahre = bis_jahr - von_jahr + 1
    je_monat = (rechts - links) / (jahre * 12)
    hoehe = kopf + zeile_h * len(zeilen) + legende_h + (20 if any(z.meilensteine for z in zeilen) else 0)
    unten = kopf + zeile_h * len(zeilen)
    body: list[str] = []
    # year columns with quarter lines
    for j in range(jahre):
        x = links + j * 12 * je_monat
        if j % 2 == 1:
            body.append(
                f'<rect x="{_n(x)}" y="{_n(kopf - 4)}" width="{_n(12 * je_monat)}" '
                f'height="{_n(unten - kopf + 4)}" fill="#f4f6f8"/>'
            )
        body.append(_text(x + 6 * je_monat, 20, str(von_jahr + j), size=13, weight="bold", anchor="middle"))
        for q in (3, 6, 9):
            xq = x + q * je_monat
            body.append(
                f'<line x1="{_n(xq)}" y1="{_n(kopf - 4)}" x2="{_n(xq)}" y2="{_n(unten)}" '
                f'stroke="#dde2e7" stroke-width="0.6"/>'
            )
    for j in range(jahre + 1):
        x = links + j * 12 * je_monat
        body.append(
            f'<line x1="{_n(x)}" y1="{_n(kopf - 8)}" x2="{_n(x)}" y2="{_n(unten)}" stroke="#8a96a3" stroke-width="1"/>'
        )
    body.append(_text(6, 20, "Steckbrief", size=12, weight="bold"))
    for i, z in enumerate(zeilen):
        y = kopf + i * zeile_h
        if i % 2 == 0:
            body.append(f'<rect x="0" y="{_n(y)}" width="{_n(links - 2)}" height="{_n(zeile_h)}" fill="#f4f6f8"/>')
        label = f"{z.id} {z.titel}"
        body.append(_text(6, y + 15, _kuerzen(label, 48), size=11))
        zeitraum = _zeitraum_text(z)
        if z.von is None or z.bis is None:
            body.append(_text(links + 6, y + 15, "ohne Zeitraum", size=11, style="italic", fill="#5c6670"))
            continue
        x1 = links + max(0.0, _monate(z.von, von_jahr)) * je_monat
        x2 = links + min(jahre * 12.0, _monate(z.bis, von_jahr, ende=True)) * je_monat
        tooltip = f"{z.id} {z.titel}: {zeitraum} ({bezeichnung(z.status, 'status')})"
        balken = _status_balken(f"roadmap-{nummer}", z.status, x1, y + 4, max(2.0, x2 - x1), zeile_h - 8, 3)
        body.append(f"<g><title>{escape(tooltip)}</title>{balken}</g>")
        for titel, tag, zustand in z.meilensteine:
            if 0 <= _monate(tag, von_jahr) <= jahre * 12:
                body.append(_raute(links + _monate(tag, von_jahr) * je_monat, y + zeile_h / 2, zustand, titel))
    statusliste = sorted({z.status for z in zeilen}, key=_status_rang)
    body.insert(0, _muster_defs(f"roadmap-{nummer}", statusliste))
    body.extend(_legende(f"roadmap-{nummer}", statusliste, unten + 14))
    zustaende = {zustand for z in zeilen for _, _, zustand in z.meilensteine}
    x = 8.0
    for zustand in ("erreicht", "ueberfaellig", "offen"):
        if zustand in zustaende:  # a second legend line, below the status colours
            body.append(_raute(x + 7, unten + 38, zustand, None))
            body.append(_text(x + 20, unten + 42.5, f"Meilenstein {MEILENSTEIN_MARKEN[zustand][1]}", size=11))
            x += 160
    teil = f" (Teil {nummer} von {anzahl})" if anzahl > 1 else ""
    beschreibung = (
        "; ".join(
            f"{z.id} {z.titel}: {_zeitraum_text(z)} ({bezeichnung(z.status, 'status')}){_marken_text(z)}"
            for z in zeilen
        )
        or "Keine Steckbriefe."
    )
    return _svg(f"roadmap-{nummer}", breite, hoehe, f"Roadmap der Steckbriefe{teil}", beschreibung, body)


# format v1.1 milestones on the roadmap: fill and German name by state (reached, overdue, open)
MEILENSTEIN_MARKEN = {
    "erreicht": ("#1a1a1a", "erreicht"),
    "ueberfaellig": ("#c62828", "überfällig"),
    "offen": ("#ffffff", "offen"),
}


def _raute(x: float, y: float, zustand: str, titel: str | None) -> str:
    fill, name = MEILENSTEIN_MARKEN[zustand]
    pts = f"{_n(x)},{_n(y - 6)} {_n(x + 6)},{_n(y)} {_n(x)},{_n(y + 6)} {_n(x - 6)},{_n(y)}"
    shape = f'<polygon points="{pts}" fill="{fill}" stroke="#1a1a1a" stroke-width="1"/>'
    return shape if titel is None else f"<g><title>{escape(f'Meilenstein {name}: {titel}')}</title>{shape}</g>"


def _marken_text(z: RoadmapZeile) -> str:
    marken = [
        f"{titel} {MEILENSTEIN_MARKEN[zustand][1]} {tag.month:02d}/{tag.year}" for titel, tag, zustand in z.meilensteine
    ]
    return f" (Meilensteine: {', '.join(marken)})" if marken else ""


def _status_rang(status: str) -> int:
    order = list(STATUS_REIHENFOLGE)
    return order.index(status) if status in order else len(order)


def _zeitraum_text(z: RoadmapZeile) -> str:
    if z.von is None or z.bis is None:
        return "ohne Zeitraum"
    return f"{monat(z.von)} – {monat(z.bis)}"


def _legende(ident: str, statusliste: list[str], y: float) -> list[str]:
    out, x = [], 8.0
    for status in statusliste:
        out.append(_status_balken(ident, status, x, y, 14, 12, 2))
        name = bezeichnung(status, "status")
        out.append(_text(x + 20, y + 10.5, name, size=11))
        x += 40 + 7 * len(name)
    return out


# --- organigram ----------------------------------------------------------------------------------


def organigramm_svg(gremien, titel: str = "Aufbauorganisation") -> Markup:
    """The Gremien as boxes from top to bottom in the order of strategie.yaml, each with Turnus and Mitglieder."""
    breite, box_x, box_b = 760.0, 30.0, 700.0
    zeile_h, abstand = 17.0, 34.0
    body: list[str] = []
    y = 10.0
    for i, g in enumerate(gremien):
        zeilen = [f"• {teil}" for m in g.mitglieder for teil in _umbrechen(m, 88)]
        box_h = 32 + (zeile_h if g.turnus else 0) + zeile_h * len(zeilen) + 8
        if i:
            mitte = box_x + box_b / 2
            body.append(
                f'<line x1="{_n(mitte)}" y1="{_n(y - abstand)}" x2="{_n(mitte)}" y2="{_n(y - 8)}" '
                f'stroke="#33414f" stroke-width="1.5"/>'
            )
            body.append(
                f'<polygon points="{_n(mitte - 6)},{_n(y - 9)} {_n(mitte + 6)},{_n(y - 9)} '
                f'{_n(mitte)},{_n(y - 1)}" fill="#33414f"/>'
            )
        body.append(
            f'<rect x="{_n(box_x)}" y="{_n(y)}" width="{_n(box_b)}" height="{_n(box_h)}" rx="6" '
            f'fill="#eef3f8" stroke="#33414f" stroke-width="1.2"/>'
        )
        body.append(f'<rect x="{_n(box_x)}" y="{_n(y)}" width="{_n(box_b)}" height="28" rx="6" fill="#1f4e79"/>')
        body.append(f'<rect x="{_n(box_x)}" y="{_n(y + 20)}" width="{_n(box_b)}" height="8" fill="#1f4e79"/>')
        body.append(_text(box_x + 14, y + 19, _kuerzen(g.name, 70), size=14, weight="bold", fill="#ffffff"))
        zy = y + 28 + zeile_h
        if g.turnus:
            body.append(_text(box_x + 14, zy, _kuerzen(f"Turnus: {g.turnus}", 95), size=12, style="italic"))
            zy += zeile_h
        for z in zeilen:
            body.append(_text(box_x + 14, zy, z, size=12))
            zy += zeile_h
        y += box_h + abstand
    hoehe = max(20.0, y - abstand + 10)
    beschreibung = (
        "; ".join(
            f"{g.name}"
            + (f" (Turnus: {g.turnus})" if g.turnus else "")
            + (f", Mitglieder: {', '.join(g.mitglieder)}" if g.mitglieder else "")
            for g in gremien
        )
        or "Keine Gremien."
    )
    return _svg("organigramm", breite, hoehe, titel, beschreibung, body)


def _umbrechen(text: str, breite: int) -> list[str]:
    return textwrap.wrap(" ".join(str(text).split()), breite) or [""]


# --- matrix --------------------------------------------------------------------------------------

MATRIX_ZEILEN_JE_FELD = 4


def _feldfarbe(relevanz: int, realisierbarkeit: int) -> str:
    summe = relevanz + realisierbarkeit
    if summe >= 8:
        return "#cfe8d2"
    if summe >= 6:
        return "#e7f1dc"
    if summe >= 4:
        return "#fbf1d6"
    return "#f6dfda"


def matrix_svg(eintraege: list[MatrixEintrag]) -> Markup:
    """A 5 × 5 grid: Relevanz upwards, Realisierbarkeit to the right, Steckbrief ids in the cells."""
    links, oben, feld_b, feld_h = 70.0, 14.0, 134.0, 78.0
    breite = links + 5 * feld_b + 14
    hoehe = oben + 5 * feld_h + 56
    felder: dict[tuple[int, int], list[MatrixEintrag]] = defaultdict(list)
    for e in eintraege:
        felder[(e.relevanz, e.realisierbarkeit)].append(e)
    body: list[str] = []
    for rel in range(5, 0, -1):
        y = oben + (5 - rel) * feld_h
        body.append(_text(links - 12, y + feld_h / 2 + 5, str(rel), size=13, weight="bold", anchor="end"))
        for real in range(1, 6):
            x = links + (real - 1) * feld_b
            body.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(feld_b)}" height="{_n(feld_h)}" '
                f'fill="{_feldfarbe(rel, real)}" stroke="#8a96a3" stroke-width="1"/>'
            )
            for k, z in enumerate(_feld_zeilen(felder.get((rel, real), []))):
                body.append(_text(x + 8, y + 18 + 16 * k, z, size=12))
    for real in range(1, 6):
        body.append(
            _text(
                links + (real - 0.5) * feld_b,
                oben + 5 * feld_h + 18,
                str(real),
                size=13,
                weight="bold",
                anchor="middle",
            )
        )
    body.append(
        _text(
            links + 2.5 * feld_b,
            oben + 5 * feld_h + 44,
            "Realisierbarkeit (1 = gering, 5 = hoch)",
            size=13,
            anchor="middle",
        )
    )
    mitte_y = oben + 2.5 * feld_h
    body.append(
        f'<text x="20" y="{_n(mitte_y)}" font-size="13" text-anchor="middle" fill="#1a1a1a" '
        f'transform="rotate(-90 20 {_n(mitte_y)})">Relevanz (1 = gering, 5 = hoch)</text>'
    )
    beschreibung = (
        "; ".join(f"{e.id} {e.titel}: Relevanz {e.relevanz}, Realisierbarkeit {e.realisierbarkeit}" for e in eintraege)
        or "Keine bewerteten Steckbriefe."
    )
    return _svg("matrix", breite, hoehe, "Relevanz und Realisierbarkeit der Steckbriefe", beschreibung, body)


def _feld_zeilen(eintraege: list[MatrixEintrag]) -> list[str]:
    """The ids of one cell in lines of at most 17 characters; what does not fit becomes "+n weitere"."""
    zeilen: list[list[str]] = []
    for e in eintraege:
        if zeilen and len(", ".join(zeilen[-1] + [e.id])) <= 17:
            zeilen[-1].append(e.id)
        else:
            zeilen.append([e.id])
    if len(zeilen) > MATRIX_ZEILEN_JE_FELD:
        behalten = zeilen[: MATRIX_ZEILEN_JE_FELD - 1]
        rest = len(eintraege) - sum(len(z) for z in behalten)
        return [", ".join(z) + "," for z in behalten] + [f"+{rest} weitere"]
    return [", ".join(z) + ("," if i < len(zeilen) - 1 else "") for i, z in enumerate(zeilen)]
