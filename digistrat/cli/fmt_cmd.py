"""``digistrat fmt``: one layout for all project files (comments and data stay as they are)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def fmt(
    paths: list[Path] | None = typer.Argument(
        None,
        metavar="[PFAD]...",
        help="Dateien oder Projektordner (Standard: das Projekt um den aktuellen Ordner).",
        show_default=False,
    ),
    check: bool = typer.Option(
        False, "--check", help="Nichts schreiben; Exit-Code 1, wenn eine Datei sich ändern würde."
    ),
    diff: bool = typer.Option(False, "--diff", help="Nichts schreiben; die Änderungen als Unified Diff ausgeben."),
) -> None:
    """Projektdateien einheitlich formatieren: Reihenfolge der Schlüssel wie in der Formatreferenz,
    zwei Leerzeichen Einrückung, Listen als Block, Anführungszeichen nur wo nötig, Beträge ohne
    Trennzeichen, Daten im ISO-Format. Kommentare und Daten bleiben erhalten; Dateien mit YAML- oder
    Schemafehlern bleiben unverändert und werden gemeldet.

    Exit-Code 0: alles in Ordnung; 1: Fehler in Dateien oder (mit --check) Dateien nicht formatiert.
    """
    from digistrat.authoring.fmt import collect, format_file
    from digistrat.output import write_atomic

    results = [format_file(path, display, kind) for path, display, kind in collect(paths or [])]
    changed = [r for r in results if r.changed]
    problems = [r for r in results if r.problem]
    for result in problems:
        typer.echo(f"{result.problem} – nicht formatiert.", err=True)
    if diff:
        sys.stdout.write("".join(r.diff() for r in changed))
    for result in changed:
        if check or diff:
            typer.echo(f"würde formatiert: {result.display}", err=True)
        elif result.new is not None:
            write_atomic(result.path, result.new)
            typer.echo(f"formatiert: {result.display}", err=True)
    typer.echo(_summary(len(results), len(changed), len(problems), check or diff), err=True)
    raise typer.Exit(1 if problems or ((check or diff) and changed and check) else 0)


def _summary(total: int, changed: int, problems: int, dry: bool) -> str:
    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    if dry:
        done = f"{n(changed, 'Datei würde', 'Dateien würden')} formatiert werden"
    else:
        done = f"{n(changed, 'Datei', 'Dateien')} formatiert"
    parts = [done, f"{n(total - changed - problems, 'Datei', 'Dateien')} unverändert"]
    if problems:
        parts.append(f"{n(problems, 'Datei', 'Dateien')} mit Fehlern nicht formatiert")
    return ", ".join(parts) + "."


def register(app: typer.Typer) -> None:
    app.command("fmt")(fmt)
