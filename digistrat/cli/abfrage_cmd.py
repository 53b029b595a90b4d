"""``digistrat abfrage``: the Sachstandsabfrage forms, one XLSX per partner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from digistrat.cli.common import check_valid_project
from digistrat.errors import DigistratError


def _stichtag(text: str | None, project) -> dt.date:
    from digistrat.dates import parse_day

    text = text or project.config.stichtag
    if text is None:
        return dt.date.today()
    try:
        return parse_day(text)
    except ValueError:
        raise DigistratError(
            f"Ungültiger Stichtag „{text}“: erwartet wird ein Datum JJJJ-MM-TT, z. B. 2026-06-30."
        ) from None


def abfrage(
    path: Path | None = typer.Argument(None, help="Projektordner (Standard: aktueller Ordner)."),
    out: Path = typer.Option(..., "--out", "-o", help="Ordner für die Formulare (wird angelegt)."),
    partner: list[str] | None = typer.Option(
        None, "--partner", "-p", help="Nur für diesen Partner (Kennung aus partner.yaml); mehrfach möglich."
    ),
    stichtag: str | None = typer.Option(
        None, "--stichtag", help="Stichtag JJJJ-MM-TT. Standard: stichtag aus digistrat.yaml, sonst heute."
    ),
) -> None:
    """Sachstandsabfrage als XLSX-Formular je Partner schreiben (sachstandsabfrage-<partner>.xlsx).

    Jeder Partner bekommt die Steckbriefe, für die er verantwortlich ist, mit dem zuletzt gemeldeten Stand.
    Exit-Code 0: geschrieben; 1: das Projekt enthält Fehler; 2: Aufruf- oder Dateifehler.
    """
    from digistrat.loading.project import display_path
    from digistrat.sheets import require_openpyxl
    from digistrat.sheets.abfrage import abfrage as write_forms

    require_openpyxl()
    result = check_valid_project(path or Path("."), "Die Formulare werden erst geschrieben")
    day = _stichtag(stichtag, result.project)
    for w in write_forms(result, out, partner, day):
        n = len(w.steckbriefe)
        print(f"{display_path(w.path)}: {n} Steckbrief{'e' if n != 1 else ''} ({', '.join(w.steckbriefe)})")


def register(app: typer.Typer) -> None:
    app.command("abfrage")(abfrage)
