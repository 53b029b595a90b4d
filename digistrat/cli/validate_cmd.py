"""``digistrat validate``: schema and cross-file integrity of one or more projects."""

from __future__ import annotations

from pathlib import Path

import typer

from digistrat.cli.common import (
    NO_CACHE_OPTION,
    PATHS_ARGUMENT,
    REPORT_FORMAT_OPTION,
    REPORT_OUTPUT_OPTION,
    check_report_format,
    emit_report,
    use_cache,
)


def validate(
    paths: list[Path] | None = PATHS_ARGUMENT,
    format: str | None = REPORT_FORMAT_OPTION,
    output: Path | None = REPORT_OUTPUT_OPTION,
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Anzahl paralleler Prozesse (Standard: alle Kerne)."
    ),
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Dateien gegen die Schemas prüfen und Verweise zwischen den Dateien kontrollieren.

    Exit-Code 0: keine Fehler; 1: Fehler gefunden; 2: Aufruf- oder Dateifehler.
    """
    use_cache(not no_cache)
    from digistrat.validation import validate_paths

    fmt = check_report_format(format)
    report = validate_paths(paths or [Path(".")], jobs=jobs)
    emit_report(report, fmt, output)
    raise typer.Exit(1 if report.count_errors() else 0)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
