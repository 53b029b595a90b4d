"""The Typer app: the root options and every command module's ``register(app)``."""

from __future__ import annotations

import importlib

import typer

from digistrat import __version__
from digistrat.cli import COMMAND_MODULES
from digistrat.cli.help import WIDTH, App, GermanGroup

app = App(
    name="digistrat",
    cls=GermanGroup,
    help="Digitalisierungsstrategie, Kooperationspartner und Digitale Agenda als YAML: "
    "prüfen, rechnen und als Anlagen einer Beschlussvorlage ausgeben.",
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "terminal_width": WIDTH, "max_content_width": WIDTH},
)


def _show_version(value: bool) -> None:
    if value:
        print(f"digistrat {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_show_version, is_eager=True, help="Version anzeigen und beenden."
    ),
) -> None:
    """Digitalisierungsstrategie, Kooperationspartner und Digitale Agenda als YAML."""


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"digistrat.cli.{_name}")
    except ModuleNotFoundError as _exc:  # a command still being built in a checkout
        if _exc.name != f"digistrat.cli.{_name}":
            raise
        continue
    _module.register(app)
