"""Helpers shared by command modules: report format choice, colour, writing output."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from digistrat.errors import DigistratError

REPORT_FORMATS = ("text", "json", "github", "gitlab", "sarif", "junit")


def _report_options():
    """The arguments validate and lint share, defined once so that their help cannot drift apart."""
    import typer

    paths = typer.Argument(
        None,
        help="Projektordner, Unterordner oder einzelne Dateien (Standard: aktueller Ordner). "
        "Das Projekt wird wie bei git nach oben gesucht und immer ganz geprüft.",
    )
    fmt = typer.Option(
        None,
        "--format",
        "-f",
        help=f"Ausgabeformat: {', '.join(REPORT_FORMATS)}. Standard: text, in GitHub Actions github.",
        show_default=False,
    )
    output = typer.Option(None, "--output", "-o", help="Bericht in diese Datei schreiben.")
    return paths, fmt, output


PATHS_ARGUMENT, REPORT_FORMAT_OPTION, REPORT_OUTPUT_OPTION = _report_options()


def _nur_bewilligt_option():
    """``--nur-bewilligt/--alle-foerderungen`` of budget and render (one definition, one help text)."""
    import typer

    return typer.Option(
        None,
        "--nur-bewilligt/--alle-foerderungen",
        help="Nur bewilligte Förderung rechnen, oder jede außer "
        "abgelehnter. Standard: budget.nur_bewilligt aus digistrat.yaml, sonst jede außer abgelehnter.",
        show_default=False,
    )


def _no_cache_option():
    import typer

    return typer.Option(
        False,
        "--no-cache",
        help="Den Zwischenspeicher geprüfter Dateien (bei render --format pdf auch gesetzter Dokumente) "
        "weder lesen noch schreiben (Standard: benutzen; Ort: DIGISTRAT_CACHE_DIR, sonst der Cache-Ordner "
        "des Benutzers).",
        show_default=False,
    )


NUR_BEWILLIGT_OPTION = _nur_bewilligt_option()


NO_CACHE_OPTION = _no_cache_option()


def use_cache(enabled: bool) -> None:
    """Each command decides anew (in-process callers run several commands one after another)."""
    from digistrat.loading import cache

    cache.reset()
    if not enabled:
        cache.disable()


def default_report_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def check_report_format(fmt: str | None) -> str:
    fmt = fmt or default_report_format()
    if fmt not in REPORT_FORMATS:
        raise DigistratError(f"Unbekanntes Ausgabeformat „{fmt}“. Erlaubt: {', '.join(REPORT_FORMATS)}.")
    return fmt


def use_color(stream=None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def emit(text: str | bytes, output: Path | None) -> None:
    """Print to stdout, or write ``output`` atomically."""
    if output is not None:
        from digistrat.output import refuse_project_file, write_atomic

        refuse_project_file(output)
        write_atomic(output, text)
        return
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text)
    else:
        sys.stdout.write(text)
    sys.stdout.flush()


def emit_report(report, fmt: str, output: Path | None) -> None:
    from digistrat.reporters import get_reporter

    reporter = get_reporter(fmt)
    color = output is None and fmt == "text" and use_color()
    emit(reporter.render(report, color=color), output)
    if output is not None:
        from digistrat.reporters.base import summary_line

        print(f"Bericht geschrieben: {output} – {summary_line(report)}", file=sys.stderr)


def load_valid_project(path: Path, consequence: str):
    """The project; with errors the validation report goes to stderr and the command ends with 1.

    ``consequence`` completes the sentence shown after the report, e.g. "Das Budget wird erst
    gerechnet".
    """
    # only the model is needed: each file's raw data is released as soon as its model is built
    return check_valid_project(path, consequence, keep_data=False).project


def check_valid_project(path: Path, consequence: str, *, keep_data: bool = True):
    """Like :func:`load_valid_project`, but the whole check result (files and raw data too)."""
    import typer

    from digistrat.validation import check

    result = check(path, keep_data=keep_data)
    if result.has_errors or result.project is None:
        from digistrat.reporters import get_reporter
        from digistrat.reporters.base import Report

        report = Report("validate", result.findings, [s.display for s in result.sources])
        sys.stderr.write(get_reporter("text").render(report, color=use_color(sys.stderr)))
        print(f"{consequence}, wenn „digistrat validate“ keine Fehler mehr meldet.", file=sys.stderr)
        raise typer.Exit(1)
    return result
