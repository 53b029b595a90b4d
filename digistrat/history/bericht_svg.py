"""Small inline SVG charts of the Sachstandsbericht: a Kennzahl's Ist against its Ziel.

Same conventions as :mod:`digistrat.render.svg`: plain coordinates, ``role="img"`` with a
``<title>`` and ``<desc>`` that say in words what the bar shows.
"""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from digistrat.formatting import datum, zahl
from digistrat.render.svg import _n, _svg, _text

BREITE, HOEHE, BALKEN = 230.0, 30.0, 120.0
FARBE_IST, FARBE_FRUEHER, FARBE_ZIEL = "#1f5f9e", "#8fb3d9", "#1a1a1a"


def _wert(value) -> str:
    return zahl(value) if isinstance(value, (int, Decimal)) else str(value)


def kennzahl_svg(ident: str, stand) -> Markup | None:
    """The latest value as a bar against the target (a line at the bar's end); earlier values as ticks.

    None where there is nothing to draw (no numeric target or no numeric value).
    """
    anteil = stand.anteil
    if anteil is None:
        return None
    k = stand.kennzahl
    einheit = f" {k.einheit}" if k.einheit else ""
    ziel = Decimal(repr(k.zielwert)) if isinstance(k.zielwert, float) else Decimal(k.zielwert)
    scale = max(Decimal(1), anteil)  # a value above the target stretches the scale

    def x(share: Decimal) -> float:
        return float(share / scale) * BALKEN

    body = [f'<rect x="0" y="8" width="{_n(BALKEN)}" height="14" fill="#eef1f4"/>']
    for w in stand.werte[:-1]:
        if isinstance(w.wert, (int, Decimal)):
            body.append(
                f'<rect x="{_n(x(Decimal(w.wert) / ziel))}" y="6" width="1.5" height="18" fill="{FARBE_FRUEHER}"/>'
            )
    body.append(f'<rect x="0" y="8" width="{_n(x(anteil))}" height="14" fill="{FARBE_IST}"/>')
    body.append(f'<rect x="{_n(x(Decimal(1)) - 1)}" y="3" width="2" height="24" fill="{FARBE_ZIEL}"/>')
    prozent = zahl((anteil * 100).quantize(Decimal(1)))
    body.append(_text(BALKEN + 8, 20, f"{prozent} % des Ziels", size=13))
    beschreibung = (
        f"{k.name}: {_wert(stand.aktuell.wert)}{einheit} am {datum(stand.aktuell.datum.text)}, "
        f"Ziel {_wert(k.zielwert)}{einheit}, das sind {prozent} Prozent des Ziels."
    )
    if len(stand.werte) > 1:
        frueher = ", ".join(f"{_wert(w.wert)} am {datum(w.datum.text)}" for w in stand.werte[:-1])
        beschreibung += f" Frühere Werte: {frueher}."
    return _svg(ident, BREITE, HOEHE, f"{k.name}: Ist und Ziel", beschreibung, body)
