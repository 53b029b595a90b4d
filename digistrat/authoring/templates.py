"""Commented starter files for ``init`` and ``neu``: German comments that explain every key.

The texts are in the key order of the format reference, so ``digistrat fmt`` leaves them as
they are. Values are inserted as YAML scalars (quoted where YAML needs it).
"""

from __future__ import annotations

import datetime as _dt
import io

from ruamel.yaml import YAML

# column at which the explaining comments start (values are padded up to it)
_COMMENT_COLUMN = 36


def scalar(value) -> str:
    """``value`` as a YAML scalar on one line: ``1.3`` → ``"1.3"``, ``a: b`` → ``"a: b"``."""
    from digistrat.authoring.roundtrip import make_yaml

    y: YAML = make_yaml()
    out = io.StringIO()
    y.dump({"x": value}, out)
    text = out.getvalue()
    assert text.startswith("x: ") and text.count("\n") == 1, text
    return text[3:-1]


def _lines(rows: list[tuple[str, str]]) -> str:
    """``(code, comment)`` rows → lines with the comments aligned (no comment: the code alone)."""
    out = []
    for code, comment in rows:
        if not comment:
            out.append(code)
        else:
            out.append(f"{code.ljust(_COMMENT_COLUMN - 1)} # {comment}")
    return "\n".join(out) + "\n"


def steckbrief_text(steckbrief_id: str, titel: str, handlungsfeld: str, verantwortlich: str) -> str:
    """A new Steckbrief: the required keys filled in, the usual optional ones as commented examples."""
    year = _dt.date.today().year
    return _lines(
        [
            (f"# Steckbrief {steckbrief_id} – angelegt mit „digistrat neu steckbrief“.", ""),
            ("# Alle Schlüssel mit Bedeutung und erlaubten Werten: docs/format.md", ""),
            (f"id: {scalar(steckbrief_id)}", "Pflicht: Kennung, gleich dem Dateinamen ohne .yaml"),
            (f"titel: {scalar(titel)}", "Pflicht: Name des Projekts"),
            (f"handlungsfeld: {scalar(handlungsfeld)}", "Pflicht: Kennung eines Handlungsfelds aus strategie.yaml"),
            ("status: idee", "Pflicht: idee | geplant | in-umsetzung | abgeschlossen | zurueckgestellt | verworfen"),
            ("typ: massnahme", "leitprojekt | potenzialprojekt | massnahme"),
            ("prioritaet: mittel", "hoch | mittel | niedrig"),
            (f"kurzbeschreibung: {scalar(titel)}", "Pflicht: das Projekt in zwei, drei Sätzen (Markdown erlaubt)"),
            (
                f"verantwortlich: {scalar(verantwortlich)}",
                "Pflicht: Kennung des federführenden Partners aus partner.yaml",
            ),
            ("", ""),
            ("# Vorlagen für weitere Angaben – zum Verwenden das # am Zeilenanfang entfernen:", ""),
            ("# zielgruppen: [Bürger*innen, Verwaltung]", ""),
            ("# beteiligte: []                   # weitere Partner (Kennungen aus partner.yaml)", ""),
            (f"# zeitraum: {{von: {year + 1}-01, bis: {year + 1}-12}}", ""),
            ("# kosten:                          # Euro je Jahr, ohne Tausenderpunkt: 30000, nicht 30.000", ""),
            (f"#   - {{jahr: {year + 1}, betrag: 10000, kategorie: sachkosten}}", ""),
            ("# personal:                        # Stellen für das Projekt in VZÄ (0.5 = halbe Stelle)", ""),
            (f"#   - {{partner: {verantwortlich}, vzae: 0.5, stelle: neu, rolle: Projektleitung}}", ""),
            ("# foerderung:                      # genau eines von betrag oder quote (Prozent der Kosten)", ""),
            ("#   - {programm: Landesprogramm, quote: 50, status: geplant}", ""),
        ]
    )
