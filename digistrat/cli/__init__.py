"""The ``digistrat`` command line: a thin Typer layer.

Each command module parses options into a plain object and calls the library; heavy imports
(rich, jsonschema, Jinja2) happen inside the commands, so ``digistrat --version`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from digistrat import __version__
from digistrat.errors import DigistratError

app = typer.Typer(
    name="digistrat",
    help="Digitalisierungsstrategie, Kooperationspartner und Digitale Agenda als YAML: "
    "prüfen, rechnen und als Anlagen einer Beschlussvorlage ausgeben.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Command modules, each with a ``register(app)`` function; the order is the order in --help.
COMMAND_MODULES = (
    "validate_cmd",
    "lint_cmd",
    "rules_cmd",
    "budget_cmd",
    "render_cmd",
    "schema_cmd",
    "abfrage_cmd",
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

_USAGE_TRANSLATIONS = (
    ("No such option", "Unbekannte Option"),
    ("No such command", "Unbekannter Befehl"),
    ("Missing argument", "Fehlendes Argument"),
    ("Missing option", "Fehlende Option"),
    ("Invalid value for", "Ungültiger Wert für"),
    ("Got unexpected extra arguments", "Unerwartete zusätzliche Argumente"),
    ("Got unexpected extra argument(s)", "Unerwartete zusätzliche Argumente"),
    ("Got unexpected extra argument", "Unerwartetes zusätzliches Argument"),
    ("requires an argument", "braucht einen Wert"),
    ("is not one of", "ist nicht eines von"),
    ("does not exist", "existiert nicht"),
    ("is not a valid integer", "ist keine ganze Zahl"),
    ("is not a valid int.", "ist keine ganze Zahl."),
    ("is not a valid float.", "ist keine Zahl."),
    ("is not a valid boolean.", "ist kein Wahrheitswert."),
    ("Did you mean", "Meinten Sie"),
    ("Possible options", "Mögliche Optionen"),
)


def _german_usage(message: str) -> str:
    for en, de in _USAGE_TRANSLATIONS:
        message = message.replace(en, de)
    return message


def _localize_help() -> None:
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover
        return
    rich_utils.OPTIONS_PANEL_TITLE = "Optionen"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumente"
    rich_utils.COMMANDS_PANEL_TITLE = "Befehle"
    rich_utils.ERRORS_PANEL_TITLE = "Fehler"
    rich_utils.DEFAULT_STRING = "[Standard: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[Pflicht]"
    rich_utils.ENVVAR_STRING = "[Umgebungsvariable: {}]"
    rich_utils.ABORTED_TEXT = "Abgebrochen."

    from typer._click import core as click_core
    from typer._click import formatting

    if not getattr(click_core.Command.get_help_option, "_digistrat", False):
        original_help_option = click_core.Command.get_help_option
        original_write_usage = formatting.HelpFormatter.write_usage

        def get_help_option(self, ctx):
            option = original_help_option(self, ctx)
            if option is not None:
                option.help = "Diese Hilfe anzeigen und beenden."
            return option

        def write_usage(self, prog, args="", prefix=None):
            return original_write_usage(self, prog, args, "Aufruf: " if prefix is None else prefix)

        get_help_option._digistrat = True
        click_core.Command.get_help_option = get_help_option
        formatting.HelpFormatter.write_usage = write_usage


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: German messages and exit codes, never a traceback."""
    from typer._click import exceptions as click_exc  # typer vendors click

    args = sys.argv[1:] if argv is None else argv
    if not args or any(a in ("-h", "--help") for a in args):
        _localize_help()  # imports rich: only when help is shown
    try:
        code = app(args=args, prog_name="digistrat", standalone_mode=False)
    except click_exc.NoArgsIsHelpError:
        sys.exit(0)  # the help was shown, as asked for by calling without arguments
    except click_exc.UsageError as exc:
        hint = (
            f"\nHilfe: digistrat {exc.ctx.command.name} --help"
            if exc.ctx and exc.ctx.command.name != "digistrat"
            else ("\nHilfe: digistrat --help")
        )
        print(f"Aufruffehler: {_german_usage(exc.format_message())}{hint}", file=sys.stderr)
        sys.exit(2)
    except typer.Exit as exc:  # Exit/Abort live in typer.exceptions, not in the vendored click
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("Abgebrochen.", file=sys.stderr)
        sys.exit(130)
    except DigistratError as exc:
        print(f"Fehler: {exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # output piped into `head` and closed early: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug in digistrat: say so plainly, traceback only on request
        if os.environ.get("DIGISTRAT_DEBUG"):
            raise
        print(
            f"Interner Fehler in digistrat {__version__}: {type(exc).__name__}: {exc}\n"
            "Bitte melden; mit DIGISTRAT_DEBUG=1 wird der vollständige Verlauf gezeigt.",
            file=sys.stderr,
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
