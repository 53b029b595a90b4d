"""``digistrat schema``: print or write the bundled JSON Schemas (for editors and other tools)."""

from __future__ import annotations

from pathlib import Path

import typer

KINDS_HELP = "strategie, partner, agenda, steckbrief, foerderprogramme, config"


def schema(
    art: str | None = typer.Argument(None, help=f"Welches Schema: {KINDS_HELP}."),
    write: Path | None = typer.Option(
        None, "--write", "-w", help="Alle Schemas als <art>.schema.json in diesen Ordner schreiben."
    ),
) -> None:
    """Die JSON-Schemas des Dateiformats ausgeben (z. B. für VS Code und die YAML-Erweiterung)."""
    from digistrat.errors import DigistratError
    from digistrat.loading.core_schema import schema_text, write_all

    if write is not None:
        if art is not None:
            raise DigistratError("Entweder eine Art angeben oder --write, nicht beides.")
        for path in write_all(write):
            typer.echo(f"geschrieben: {path}", err=True)
        return
    if art is None:
        raise DigistratError(f"Bitte angeben, welches Schema: {KINDS_HELP} (oder --write ORDNER für alle).")
    typer.echo(schema_text(art), nl=False)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
