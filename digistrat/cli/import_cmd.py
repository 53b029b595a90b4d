"""``digistrat import``: an existing project list (XLSX) becomes Steckbriefe and agenda entries."""

from __future__ import annotations

from pathlib import Path

import typer

from digistrat.cli.common import check_valid_project


def import_(
    datei: Path = typer.Argument(..., help="Projektliste als .xlsx (eine Zeile je Projekt, Spaltenköpfe in Zeile 1)."),
    path: Path | None = typer.Argument(None, help="Projektordner (Standard: aktueller Ordner)."),
    zuordnung: Path | None = typer.Option(
        None,
        "--zuordnung",
        "-z",
        help="YAML-Datei: welche Spalte welches Feld füllt (siehe docs/import.md). "
        "Standard: Spalten Kennung, Titel, Handlungsfeld, Status, Verantwortlich, Kurzbeschreibung.",
    ),
) -> None:
    """Projektliste importieren: je Zeile ein neuer Steckbrief, hinten an die Digitale Agenda angefügt.

    Ganz oder gar nicht: jede Zelle wird geprüft, und das Projekt muss danach gültig sein.
    Vorhandene Steckbriefe werden nie überschrieben.
    Exit-Code 0: importiert; 1: Fehler in Liste oder Projekt; 2: Aufruf- oder Dateifehler.
    """
    from digistrat.loading.project import display_path
    from digistrat.sheets import require_openpyxl
    from digistrat.sheets.project_import import import_list, load_zuordnung

    require_openpyxl()
    mapping = load_zuordnung(zuordnung)
    result = check_valid_project(path or Path("."), "Die Liste wird erst importiert")
    done = import_list(result, datei, mapping, display_path(datei))
    n = len(done.ids)
    print(f"{n} Steckbrief{'e' if n != 1 else ''} importiert: {', '.join(done.ids)}")
    for shown in done.geschrieben:
        print(f"  {shown}")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
