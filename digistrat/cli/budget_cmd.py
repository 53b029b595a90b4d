"""``digistrat budget``: exact rollups of money and VZÄ, by partner, year, Handlungsfeld, …"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from digistrat.cli.common import NO_CACHE_OPTION, NUR_BEWILLIGT_OPTION, emit, load_valid_project, use_cache, use_color
from digistrat.cli.completion import complete_partner

NACH_HELP = "partner, jahr, handlungsfeld, kategorie, steckbrief, programm"
FORMAT_HELP = "table, json, csv, csv-international, markdown, xlsx"


def budget(
    path: Path | None = typer.Argument(
        None, help="Projektordner oder ein Ordner bzw. eine Datei darin (Standard: aktueller Ordner)."
    ),
    nach: str = typer.Option(
        "partner", "--nach", "-n", help=f"Gliederung der Zahlen: {NACH_HELP}.", show_default=False
    ),
    jahr: int | None = typer.Option(None, "--jahr", help="Nur dieses Haushaltsjahr, z. B. 2023."),
    partner: str | None = typer.Option(
        None,
        "--partner",
        "-p",
        help="Nur die Zahlen dieses Partners (Kennung aus partner.yaml), z. B. stadt-heide.",
        autocompletion=complete_partner,
    ),
    nur_bewilligt: bool | None = NUR_BEWILLIGT_OPTION,
    format: str = typer.Option(
        "table", "--format", "-f", help=f"Ausgabeformat: {FORMAT_HELP}. Standard: table.", show_default=False
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="In diese Datei schreiben statt auf die Standardausgabe (bei xlsx Pflicht)."
    ),
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Aufwand, Förderung, Eigenanteil und VZÄ je Partner und Jahr auf den Cent genau rechnen.

    Standard ist eine Tabelle der Partner mit allen Jahren der Laufzeit und den Summen.
    Exit-Code 0: gerechnet; 1: das Projekt enthält Fehler; 2: Aufruf- oder Dateifehler.
    """
    use_cache(not no_cache)
    from digistrat.budget import BudgetOptions, render_budget
    from digistrat.errors import DigistratError

    options = BudgetOptions(nach=nach, jahr=jahr, partner=partner, nur_bewilligt=nur_bewilligt, format=format)
    options.check()
    if format == "xlsx" and output is None:
        raise DigistratError(
            "Das Format xlsx ist eine Binärdatei; bitte mit --output DATEI.xlsx in eine Datei schreiben."
        )
    project = load_valid_project(path or Path("."), "Das Budget wird erst gerechnet")
    on_terminal = format == "table" and output is None and sys.stdout.isatty()
    # a terminal gets its width (and colour); files and pipes a fixed layout, the same everywhere
    color = on_terminal and use_color()
    width = _terminal_width() if on_terminal else None
    emit(render_budget(project, options, color=color, width=width), output)
    if output is not None:
        print(f"Budget geschrieben: {output}", file=sys.stderr)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def register(app: typer.Typer) -> None:
    app.command("budget")(budget)
