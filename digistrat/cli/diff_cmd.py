"""``digistrat diff``: what changed in the project between two git revisions."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from digistrat.cli.common import emit, use_color


def diff(
    von: str = typer.Argument(..., help="Frühere Revision: Commit, Branch oder Tag, z. B. beschluss."),
    bis: str | None = typer.Argument(
        None, help="Spätere Revision (Standard: der Arbeitsstand, auch mit noch nicht eingecheckten Änderungen)."
    ),
    path: Path | None = typer.Argument(
        None,
        help="Projektordner oder ein Ordner darin, auch ein Unterordner des Repositorys (Standard: aktueller Ordner).",
    ),
    format: str = typer.Option(
        "table", "--format", "-f", help="Ausgabeformat: table, markdown, json. Standard: table.", show_default=False
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="In diese Datei schreiben."),
) -> None:
    """Zwei Stände des Projekts vergleichen: neue, entfernte Steckbriefe, Statuswechsel und
    jede geänderte Zahl des Budgets je Partner und Jahr.

    Die Revisionen werden aus git gelesen, ohne Arbeitsverzeichnis oder Index anzufassen.
    Exit-Code 0: verglichen; 1: das Projekt enthält in einer Revision Fehler; 2: Aufruf-,
    Revisions- oder Dateifehler.
    """
    from digistrat.errors import DigistratError
    from digistrat.history.diff import compare
    from digistrat.history.diff_formats import FORMATE, render_diff
    from digistrat.history.load import RevisionInvalid, load_stand

    if format not in FORMATE:
        raise DigistratError(f"Unbekanntes Ausgabeformat „{format}“. Erlaubt: {', '.join(FORMATE)}.")
    repo, project_dir, bis = resolve_arguments(von, bis, path)
    try:
        vorher = load_stand(repo, von, project_dir)
        nachher = load_stand(repo, bis, project_dir)
    except RevisionInvalid as exc:
        report_invalid(exc)
        raise typer.Exit(1) from None
    on_terminal = format == "table" and output is None and sys.stdout.isatty()
    emit(render_diff(compare(vorher, nachher), format, color=on_terminal and use_color()), output)
    if output is not None:
        print(f"Vergleich geschrieben: {output}", file=sys.stderr)


def resolve_arguments(von: str, bis: str | None, path: Path | None):
    """(repository, project folder, bis): a second argument that is a folder and no revision is PATH."""
    from digistrat.errors import DigistratError
    from digistrat.history.git import Repository

    if bis is not None and path is None and Path(bis).exists():
        probe = Repository.find(_project_dir(Path(bis)))
        if _is_revision(probe, bis):
            raise DigistratError(
                f"„{bis}“ ist sowohl eine Revision als auch ein Ordner. Zum Vergleich mit dem Arbeitsstand "
                f"im Ordner aufrufen (digistrat diff {von}), für zwei Revisionen den Pfad dazu angeben "
                f"(digistrat diff {von} {bis} PFAD)."
            )
        path, bis = Path(bis), None
    project_dir = _project_dir(path or Path("."))
    return Repository.find(project_dir), project_dir, bis


def _project_dir(path: Path) -> Path:
    """The project root above ``path`` in the working tree, else ``path`` itself."""
    from digistrat.errors import DigistratError
    from digistrat.loading.project import find_root

    try:
        return find_root(path)
    except DigistratError:
        return path.resolve() if path.exists() else Path.cwd() / path


def _is_revision(repo, rev: str) -> bool:
    from digistrat.errors import DigistratError

    try:
        repo.commit(rev)
    except DigistratError:
        return False
    return True


def report_invalid(exc) -> None:
    """The findings of an invalid revision on stderr, then what that means."""
    from digistrat.reporters import get_reporter
    from digistrat.reporters.base import Report

    report = Report("validate", exc.findings, exc.files or sorted({f.file for f in exc.findings}))
    sys.stderr.write(get_reporter("text").render(report, color=use_color(sys.stderr)))
    print(f"Fehler: {exc.message}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
