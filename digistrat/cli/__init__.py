"""The ``digistrat`` command line: a thin Typer layer.

Each command module parses options into a plain object and calls the library; heavy imports
(rich, jsonschema, Jinja2) happen inside the commands, and the Typer app itself is built in
:mod:`digistrat.cli.application` on first use, so ``digistrat --version`` stays fast.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any, NoReturn

from digistrat import __version__
from digistrat.errors import DigistratError

# Command modules, each with a ``register(app)`` function; the order is the order in --help.
COMMAND_MODULES = (
    "validate_cmd",
    "lint_cmd",
    "rules_cmd",
    "budget_cmd",
    "render_cmd",
    "diff_cmd",
    "bericht_cmd",
    "schema_cmd",
    "abfrage_cmd",
    "einlesen_cmd",
    "import_cmd",
    "init_cmd",
    "neu_cmd",
    "fmt_cmd",
    "completion_cmd",
)

#: Environment variable through which the shell asks for completions (click's protocol).
COMPLETE_VAR = "_DIGISTRAT_COMPLETE"


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


def _is_usage_error(exc: BaseException) -> bool:
    """A Click usage error (unknown option, missing argument, ...): Typer vendors Click and does
    not export the class, so it is recognised by name, as Click documents it."""
    return any(c.__name__ == "UsageError" for c in type(exc).__mro__)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: German messages and exit codes, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):  # answered before Typer is imported: the most frequent quick call
        print(f"digistrat {__version__}")
        sys.exit(0)
    import typer

    from digistrat.cli.application import app

    if COMPLETE_VAR in os.environ:  # the shell asks for completions (script from `digistrat completion`)
        from typer.completion import completion_init

        completion_init()
    restore = _terminate_like_ctrl_c()
    try:
        code = app(args=args or ["--help"], prog_name="digistrat", standalone_mode=False)
    except typer.Exit as exc:  # Exit/Abort live in typer.exceptions, not in the vendored click
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        code = 130
    except DigistratError as exc:
        print(f"Fehler: {exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # output piped into `head` and closed early: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug in digistrat: say so plainly, traceback only on request
        if _is_usage_error(exc):
            _usage_error(exc)
        if os.environ.get("DIGISTRAT_DEBUG"):
            raise
        print(
            f"Interner Fehler in digistrat {__version__}: {type(exc).__name__}: {exc}\n"
            "Bitte melden; mit DIGISTRAT_DEBUG=1 wird der vollständige Verlauf gezeigt.",
            file=sys.stderr,
        )
        sys.exit(3)
    finally:
        terminated = restore()
    if code == 130:  # Typer turns Ctrl-C (and SIGTERM, see below) into exit code 130 without a word
        print("Abgebrochen.", file=sys.stderr)
        sys.exit(143 if terminated else 130)
    sys.exit(code if isinstance(code, int) else 0)


def _usage_error(exc: Any) -> NoReturn:
    ctx = getattr(exc, "ctx", None)
    name = ctx.command.name if ctx is not None else "digistrat"
    hint = f"\nHilfe: digistrat {name} --help" if name != "digistrat" else "\nHilfe: digistrat --help"
    print(f"Aufruffehler: {_german_usage(exc.format_message())}{hint}", file=sys.stderr)
    sys.exit(2)


def __getattr__(name: str) -> Any:
    if name == "app":  # ``from digistrat.cli import app``: the Typer app, built on first use
        from digistrat.cli.application import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` and cleanup runs (no .tmp files left)."""


def _terminate_like_ctrl_c():
    """Install the SIGTERM handler; returns a function that puts the previous one back and says
    whether SIGTERM arrived."""
    received = []
    parent = os.getpid()

    def handler(signum, frame):
        if os.getpid() != parent:
            # a forked worker (render, loading) inherited this handler: die quietly as before
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        received.append(signum)
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        return lambda: False

    def restore() -> bool:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
        return bool(received)

    return restore
