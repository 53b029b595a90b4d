"""``digistrat init``: a new project with comments, editor and CI setup."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def init(
    ordner: Path = typer.Argument(Path("."), metavar="ORDNER", help="Zielordner (Standard: aktueller Ordner)."),
    titel: str | None = typer.Option(
        None, "--titel", "-t", help="Titel der Strategie (Standard: „<Region> Digital“).", show_default=False
    ),
    region: str | None = typer.Option(
        None, "--region", "-r", help="Kreis oder Region (Standard: „Kreis Musterland“).", show_default=False
    ),
) -> None:
    """Ein vollständiges, gültiges Startprojekt anlegen: Strategie, Partner, Agenda, ein Steckbrief,
    Einstellungen für VS Code, GitLab CI, GitHub Actions und pre-commit.

    Im Terminal fragt init nach fehlenden Angaben, sonst gelten die Standardwerte. Vorhandene
    Dateien werden nie überschrieben.
    """
    from digistrat.authoring.init import DEFAULT_REGION, default_titel, init_project
    from digistrat.loading.project import display_path

    if region is None:
        region = _ask("Kreis oder Region", DEFAULT_REGION)
    if titel is None:
        titel = _ask("Titel der Strategie", default_titel(region))
    written, git_note = init_project(ordner, titel, region)
    for path in written:
        typer.echo(f"angelegt: {display_path(path)}", err=True)
    if git_note:
        typer.echo(git_note, err=True)
    where = display_path(ordner.resolve())
    go = "" if where == "." else f"cd {where} && "
    typer.echo(
        f"Fertig. Nächste Schritte: {go}digistrat validate && digistrat lint && "
        "digistrat neu steckbrief --titel TITEL --handlungsfeld verwaltung",
        err=True,
    )


def _ask(question: str, default: str) -> str:
    if not _interactive():
        return default
    from rich.prompt import Prompt

    return Prompt.ask(question, default=default).strip() or default


def register(app: typer.Typer) -> None:
    app.command("init")(init)
