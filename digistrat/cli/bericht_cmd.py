"""``digistrat bericht``: the Sachstandsbericht for the Hauptausschuss at a Stichtag."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from digistrat.cli.common import emit, load_valid_project


def bericht(
    path: Path | None = typer.Argument(
        None, help="Projektordner oder ein Ordner bzw. eine Datei darin (Standard: aktueller Ordner)."
    ),
    stichtag: str = typer.Option(..., "--stichtag", help="Stand des Berichts im Format JJJJ-MM-TT, z. B. 2026-11-26."),
    seit: str | None = typer.Option(
        None,
        "--seit",
        help="Git-Revision des letzten Berichts (Commit, Branch oder Tag): was sich seitdem geändert hat.",
    ),
    format: str = typer.Option(
        "md", "--format", "-f", help="Ausgabeformat: md, html, pdf, json. Standard: md.", show_default=False
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="Zielordner für sachstandsbericht-DATUM.FORMAT. Ohne Angabe gehen md und json auf die "
        "Standardausgabe, html und pdf in den Ordner „berichte“ des Projekts.",
    ),
) -> None:
    """Sachstandsbericht: Ampel, Fortschritt, Sachstand, Meilensteine, Kennzahlen und Plan/Ist
    je Steckbrief und Partner, mit einer Übersichtsseite; mit --seit auch die Änderungen.

    Exit-Code 0: geschrieben; 1: das Projekt enthält Fehler; 2: Aufruf-, Revisions- oder Dateifehler.
    """
    from digistrat.cli.diff_cmd import report_invalid, resolve_arguments
    from digistrat.errors import DigistratError
    from digistrat.history.bericht import build_bericht
    from digistrat.history.bericht_render import FORMATE, dateiname, render_bericht
    from digistrat.render.writer import parse_datum

    if format not in FORMATE:
        raise DigistratError(f"Unbekanntes Ausgabeformat „{format}“. Erlaubt: {', '.join(FORMATE)}.")
    tag = parse_datum(stichtag, "--stichtag")
    if format == "pdf":
        from digistrat.render.pdf import check_available

        check_available()
    project = load_valid_project(path or Path("."), "Der Bericht wird erst geschrieben")
    aenderungen = None
    if seit is not None:
        from digistrat.history.diff import compare, stand_of
        from digistrat.history.load import RevisionInvalid, load_stand

        repo, project_dir, _ = resolve_arguments(seit, None, path)
        try:
            aenderungen = compare(load_stand(repo, seit, project_dir), stand_of(project, None))
        except RevisionInvalid as exc:
            report_invalid(exc)
            raise typer.Exit(1) from None
    result = build_bericht(project, tag, seit, aenderungen)
    content = render_bericht(result, format)
    if out is None and format in ("md", "json"):
        emit(content, None)
        return
    target = (out if out is not None else Path(project.root) / "berichte") / dateiname(result, format)
    emit(content, target)
    print(f"Bericht geschrieben: {target}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("bericht")(bericht)
