"""``digistrat lint``: everything ``validate`` reports, then the domain rules (DS1xx)."""

from __future__ import annotations

import datetime as dt
import sys
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
from digistrat.dates import parse_day
from digistrat.errors import DigistratError


def _parse_stichtag(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError:
        raise DigistratError(
            f"Ungültiger Stichtag „{text}“: erwartet wird ein Datum JJJJ-MM-TT, z. B. 2024-06-30."
        ) from None


def lint(
    paths: list[Path] | None = PATHS_ARGUMENT,
    format: str | None = REPORT_FORMAT_OPTION,
    output: Path | None = REPORT_OUTPUT_OPTION,
    fail_on: str = typer.Option(
        "fehler", "--fail-on", help="Exit-Code 1 ab diesem Schweregrad: fehler, warnung oder hinweis."
    ),
    stichtag: str | None = typer.Option(
        None,
        "--stichtag",
        help="Datum JJJJ-MM-TT, an dem Status und Zeiträume gemessen werden "
        "(Standard: stichtag in digistrat.yaml, sonst heute).",
        show_default=False,
    ),
    select: list[str] | None = typer.Option(
        None,
        "--select",
        help="Nur diese Regeln prüfen (Name oder Kennung, mehrfach oder mit Kommas); ersetzt regeln.auswahl.",
        show_default=False,
    ),
    ignore: list[str] | None = typer.Option(
        None, "--ignore", help="Diese Regeln nicht prüfen (zusätzlich zu regeln.ignorieren).", show_default=False
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Befunde aus dieser Baseline-Datei ausblenden; nur neue Befunde zählen."
    ),
    write_baseline: Path | None = typer.Option(
        None,
        "--write-baseline",
        help="Alle aktuellen Befunde als Baseline in diese Datei schreiben und mit Exit-Code 0 enden.",
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Anzahl paralleler Prozesse (Standard: alle Kerne)."
    ),
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Alles prüfen, was validate prüft, und dazu die fachlichen Regeln (DS1xx).

    Regeln lassen sich in digistrat.yaml (regeln:) und mit Kommentaren
    „# digistrat: disable=NAME“ abschalten; „digistrat rules“ listet sie auf.

    Exit-Code 0: kein Befund ab --fail-on; 1: Befunde ab --fail-on; 2: Aufruf- oder Dateifehler.
    """
    use_cache(not no_cache)
    from digistrat.findings import Severity
    from digistrat.linting import LintOptions, fails, lint_paths

    fmt = check_report_format(format)
    try:
        threshold = Severity.parse(fail_on)
    except ValueError as exc:
        raise DigistratError(f"--fail-on: {exc}.") from None
    options = LintOptions(
        select=list(select) if select else None,
        ignore=list(ignore or []),
        stichtag=_parse_stichtag(stichtag),
        baseline=None if write_baseline else baseline,
        jobs=jobs,
    )
    outcome = lint_paths(paths or [Path(".")], options)
    if write_baseline is not None:
        from digistrat.rules import baseline as baseline_file

        baseline_file.write(outcome.all_findings, write_baseline)
        n = len(outcome.all_findings)
        print(f"Baseline geschrieben: {write_baseline} – {n} {'Befund' if n == 1 else 'Befunde'}.", file=sys.stderr)
        raise typer.Exit(0)
    emit_report(outcome.report, fmt, output)
    if options.baseline is not None and (outcome.baseline_known or outcome.baseline_fixed):
        from digistrat.reporters.base import plural

        note = f"Baseline: {plural(outcome.baseline_known, 'bekannter Befund', 'bekannte Befunde')} ausgeblendet"
        if outcome.baseline_fixed:
            note += (
                f"; {plural(outcome.baseline_fixed, 'Eintrag tritt', 'Einträge treten')} nicht mehr auf "
                "(mit --write-baseline aktualisieren)"
            )
        print(note + ".", file=sys.stderr)
    raise typer.Exit(1 if fails(outcome.report.findings, threshold) else 0)


def register(app: typer.Typer) -> None:
    app.command("lint")(lint)
