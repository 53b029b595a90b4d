"""``digistrat neu``: a new Steckbrief, partner or Handlungsfeld, keeping comments and layout."""

from __future__ import annotations

from pathlib import Path

import typer

from digistrat.cli.completion import complete_handlungsfeld, complete_partner, complete_steckbrief
from digistrat.cli.help import App, GermanGroup

PROJECT_ARGUMENT = typer.Argument(
    None, metavar="PFAD", help="Projektordner oder ein Pfad darin (Standard: aktueller Ordner).", show_default=False
)

neu_app = App(
    name="neu",
    cls=GermanGroup,
    help="Einen Steckbrief, Partner oder ein Handlungsfeld anlegen (Kommentare bleiben erhalten).",
    no_args_is_help=True,
)


@neu_app.command("steckbrief")
def steckbrief(
    pfad: Path | None = PROJECT_ARGUMENT,
    titel: str = typer.Option(..., "--titel", "-t", help="Name des Projekts."),
    handlungsfeld: str = typer.Option(
        ..., "--handlungsfeld", help="Kennung aus strategie.yaml.", autocompletion=complete_handlungsfeld
    ),
    verantwortlich: str | None = typer.Option(
        None,
        "--verantwortlich",
        help="Partner-Kennung (Standard: federfuehrung aus strategie.yaml).",
        autocompletion=complete_partner,
        show_default=False,
    ),
    kennung: str | None = typer.Option(
        None, "--id", help="Kennung (Standard: die nächste freie, z. B. DD-23 nach DD-22).", show_default=False
    ),
    nach: str | None = typer.Option(
        None,
        "--nach",
        help="In der Umsetzungsreihenfolge hinter diesem Steckbrief einfügen (Standard: am Ende).",
        autocompletion=complete_steckbrief,
        show_default=False,
    ),
) -> None:
    """Steckbrief aus einer kommentierten Vorlage anlegen und an die Agenda anhängen; gibt den Pfad aus."""
    from digistrat.authoring.neu import neu_steckbrief
    from digistrat.loading.project import display_path

    path = neu_steckbrief(pfad, titel, handlungsfeld, verantwortlich, kennung, nach)
    typer.echo(display_path(path))


@neu_app.command("partner")
def partner(
    pfad: Path | None = PROJECT_ARGUMENT,
    name: str = typer.Option(..., "--name", "-n", help="Name, z. B. „Amt Musterland“."),
    art: str = typer.Option(..., "--art", help="kreis, amt, stadt, gemeinde, verband, unternehmen oder sonstige."),
    kennung: str | None = typer.Option(
        None, "--id", help="Kennung (Standard: aus dem Namen, z. B. amt-musterland).", show_default=False
    ),
    einwohner: int | None = typer.Option(None, "--einwohner", min=0, help="Einwohnerzahl.", show_default=False),
) -> None:
    """Partner an partner.yaml anhängen; gibt die Kennung aus."""
    from digistrat.authoring.neu import neu_partner

    typer.echo(neu_partner(pfad, name, art, kennung, einwohner))


@neu_app.command("handlungsfeld")
def handlungsfeld(
    pfad: Path | None = PROJECT_ARGUMENT,
    titel: str = typer.Option(..., "--titel", "-t", help="Name des Handlungsfelds."),
    kennung: str | None = typer.Option(
        None, "--id", help="Kennung (Standard: aus dem Titel, z. B. bildung).", show_default=False
    ),
    ziel: str | None = typer.Option(None, "--ziel", help="Ziel des Handlungsfelds in einem Satz.", show_default=False),
) -> None:
    """Handlungsfeld an strategie.yaml anhängen; gibt die Kennung aus."""
    from digistrat.authoring.neu import neu_handlungsfeld

    typer.echo(neu_handlungsfeld(pfad, titel, kennung, ziel))


def register(app: typer.Typer) -> None:
    app.add_typer(neu_app, name="neu")
