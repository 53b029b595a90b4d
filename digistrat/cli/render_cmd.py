"""``digistrat render``: the annexes of the Beschlussvorlage and each partner's finance block."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from digistrat.cli.common import NO_CACHE_OPTION, NUR_BEWILLIGT_OPTION, load_valid_project, use_cache

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

DOKUMENTE_HELP = "strategie, agenda, organisation, ressourcen, finanzen"
JOBS_OPTION = typer.Option(
    None,
    "--jobs",
    "-j",
    min=1,
    help="Anzahl paralleler Prozesse für die Dokumente (Standard: alle Kerne für PDF, sonst 1; "
    "ohne --jobs entsteht eine HTML-Agenda ab 2.000 Steckbriefen in 2 Prozessen).",
)
PFADE_AUSSERHALB = typer.Option(
    False,
    "--pfade-ausserhalb",
    help="render.vorlagen und render.ausgabe aus digistrat.yaml dürfen außerhalb des Projektordners "
    "liegen. Ohne diese Option bricht render in diesem Fall ab (digistrat.yaml kann aus einem "
    "fremden Merge Request stammen).",
)
JAHR_HELP = "Finanzielle Auswirkungen nur für dieses Haushaltsjahr (JJJJ). Standard: ein Block je Jahr der Laufzeit."


def render(
    path: Path | None = typer.Argument(
        None, help="Projektordner oder ein Ordner bzw. eine Datei darin (Standard: aktueller Ordner)."
    ),
    format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="Ausgabeformat: md, html oder pdf. Standard: render.format aus digistrat.yaml, sonst html.",
        show_default=False,
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Zielordner. Standard: render.ausgabe aus digistrat.yaml, sonst „anlagen“ im Projektordner.",
        show_default=False,
    ),
    dokument: list[str] | None = typer.Option(
        None,
        "--dokument",
        "-d",
        help=f"Nur dieses Dokument (mehrfach möglich): {DOKUMENTE_HELP}. Standard: alle.",
        show_default=False,
        metavar="<str>",
    ),
    partner: list[str] | None = typer.Option(
        None,
        "--partner",
        "-p",
        help="Finanzielle Auswirkungen nur für diesen Partner (Kennung aus partner.yaml, "
        "mehrfach möglich). Standard: alle Partner.",
        show_default=False,
        metavar="<str>",
    ),
    datum: str | None = typer.Option(
        None,
        "--datum",
        help="Datum, das auf die Dokumente gedruckt wird (JJJJ-MM-TT). Standard: render.datum "
        "aus digistrat.yaml, sonst keines.",
        show_default=False,
    ),
    pfade_ausserhalb: bool = PFADE_AUSSERHALB,
    jahr: int | None = typer.Option(None, "--jahr", help=JAHR_HELP, show_default=False, metavar="JJJJ"),
    nur_bewilligt: bool | None = NUR_BEWILLIGT_OPTION,
    jobs: int | None = JOBS_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Die Anlagen der Beschlussvorlage als Markdown, HTML oder PDF schreiben.

    Anlage 1 Digitalisierungsstrategie, Anlage 2 Digitale Agenda, Anlage 3 Aufbauorganisation,
    Anlage 4 Ressourcen, die Finanziellen Auswirkungen je Partner und eine Übersichtsseite.
    Exit-Code 0: geschrieben; 1: das Projekt enthält Fehler; 2: Aufruf-, Vorlagen- oder Dateifehler.
    """
    use_cache(not no_cache)
    from digistrat.loading.project import display_path
    from digistrat.render.writer import RenderOptions, parse_datum, render_project

    project = load_valid_project(path or Path("."), "Die Dokumente werden erst geschrieben")
    tag = parse_datum(datum, "--datum") if datum is not None else None
    options = RenderOptions(
        format, out, tuple(dokument or ()), tuple(partner or ()), tag, nur_bewilligt, jobs, pfade_ausserhalb, jahr
    )
    if sys.stderr.isatty():
        with ProgressBar() as bar:
            result = render_project(project, options, bar.advance)
    else:
        result = render_project(project, options)
        for datei in result.files:
            print(f"geschrieben: {display_path(datei)}", file=sys.stderr)
    for hinweis in result.hinweise:
        print(f"Hinweis: {hinweis}", file=sys.stderr)
    anzahl = f"{len(result.files)} {'Datei' if len(result.files) == 1 else 'Dateien'}"
    print(f"{anzahl} geschrieben nach {display_path(result.ausgabe)}/.", file=sys.stderr)


class ProgressBar:
    """A transient rich progress bar on stderr, shown once a run has more than a handful of files."""

    SHOWN_FROM = 6  # a bar only pays off when there is more than a handful of files to wait for

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        return self

    def advance(self, path: Path, done: int, total: int) -> None:
        if total < self.SHOWN_FROM:
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(
                TextColumn("Dokumente"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("", total=total)
        if self.task is not None:
            self.progress.update(self.task, completed=done, description=path.name)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


def register(app: typer.Typer) -> None:
    app.command("render")(render)
