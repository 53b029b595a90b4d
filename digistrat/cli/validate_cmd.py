"""``digistrat validate``: schema and cross-file integrity of one or more projects."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from digistrat.cli.common import REPORT_FORMATS, check_report_format, emit_report


def validate(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="Projektordner, Unterordner oder einzelne Dateien (Standard: aktueller Ordner). "
        "Das Projekt wird wie bei git nach oben gesucht und immer ganz geprüft."),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", help=f"Ausgabeformat: {', '.join(REPORT_FORMATS)}. "
        "Standard: text, in GitHub Actions github.", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Bericht in diese Datei schreiben."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Anzahl paralleler Prozesse (Standard: alle Kerne)."),
) -> None:
    """Dateien gegen die Schemas prüfen und Verweise zwischen den Dateien kontrollieren.

    Exit-Code 0: keine Fehler; 1: Fehler gefunden; 2: Aufruf- oder Dateifehler.
    """
    from digistrat.validation import validate_paths

    fmt = check_report_format(format)
    report = validate_paths(paths or [Path(".")], jobs=jobs)
    emit_report(report, fmt, output)
    raise typer.Exit(1 if report.count_errors() else 0)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
