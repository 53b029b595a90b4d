"""``digistrat einlesen``: returned Sachstandsabfrage forms into the Steckbriefe."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from digistrat.cli.common import check_valid_project
from digistrat.errors import DigistratError


def einlesen(
    dateien: list[Path] = typer.Argument(
        ..., help="Zurückgesandte Formulare (.xlsx); zuletzt optional der Projektordner.", show_default=False
    ),
    trotzdem: bool = typer.Option(
        False, "--trotzdem", help="Auch einlesen, wenn Steckbriefe seit dem Erstellen des Formulars geändert wurden."
    ),
    format: str = typer.Option("text", "--format", "-f", help="Ausgabe: text oder json."),
) -> None:
    """Ausgefüllte Sachstandsabfragen in die Steckbriefe übernehmen – ganz oder gar nicht.

    Jede Zelle wird geprüft; ein Fehler nennt Datei, Blatt und Zelle (z. B. Sachstand!E4).
    Bei einem Fehler wird nichts geändert. Kommentare und Reihenfolge im YAML bleiben erhalten.
    Exit-Code 0: eingelesen (oder nichts zu tun); 1: Fehler in Formularen oder Projekt; 2: Aufruffehler.
    """
    from digistrat.sheets import require_openpyxl
    from digistrat.sheets.einlesen import einlesen as merge_forms

    if format not in ("text", "json"):
        raise DigistratError(f"Unbekanntes Ausgabeformat „{format}“. Erlaubt: text, json.")
    require_openpyxl()
    forms, project_path = _split_paths(dateien)
    result = check_valid_project(project_path, "Die Formulare werden erst eingelesen")
    ergebnis = merge_forms(result, forms, trotzdem=trotzdem)
    sys.stdout.write(_as_json(ergebnis) if format == "json" else _as_text(ergebnis))


def _split_paths(paths: list[Path]) -> tuple[list[Path], Path]:
    """Forms, then an optional project folder as the last argument."""
    if len(paths) > 1 and paths[-1].is_dir():
        return paths[:-1], paths[-1]
    if paths[-1].is_dir():
        raise DigistratError("Bitte mindestens ein Formular (.xlsx) angeben.")
    return paths, Path(".")


def _as_text(ergebnis) -> str:
    lines = []
    for form in ergebnis.formulare:
        lines.append(f"Formular {form.display}: {form.partner}, Stichtag {form.stichtag.strftime('%d.%m.%Y')}")
    for stand, plan in ergebnis.plaene:
        lines.append(f"{stand.id} – {stand.titel} ({stand.display})")
        lines.extend(f"  {a.beschreibung()}" for a in plan.aenderungen)
    if ergebnis.geschrieben:
        n = len(ergebnis.geschrieben)
        lines.append(f"{n} Steckbrief{'e' if n != 1 else ''} geändert.")
    else:
        lines.append("Keine Änderungen: Die Antworten stehen schon in den Steckbriefen.")
    return "\n".join(lines) + "\n"


def _as_json(ergebnis) -> str:
    data = {
        "formulare": [
            {"datei": f.display, "partner": f.partner, "stichtag": f.stichtag.isoformat()} for f in ergebnis.formulare
        ],
        "steckbriefe": [
            {
                "id": stand.id,
                "datei": stand.display,
                "aenderungen": [{"art": a.art, **a.werte} for a in plan.aenderungen],
            }
            for stand, plan in ergebnis.plaene
        ],
        "geschrieben": ergebnis.geschrieben,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def register(app: typer.Typer) -> None:
    app.command("einlesen")(einlesen)
