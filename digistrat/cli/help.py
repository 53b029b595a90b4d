"""German ``--help`` through the public API of Typer and Click: the app and its commands use
these classes (``cls=``), which format their own help and name the help option in German.

Plain text, a fixed width and no colour, so the help (and docs/cli.md made from it) looks the
same on every terminal; rich is not imported for it.
"""

from __future__ import annotations

import inspect
from typing import Any

import typer.core

WIDTH = 100
_USAGE_WORDS = (("[OPTIONS]", "[OPTIONEN]"), ("COMMAND [ARGS]...", "BEFEHL [ARGUMENTE]..."))


def _default_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_default_text(v) for v in value)
    return str(getattr(value, "value", value))


def _option_row(param: Any, ctx: Any) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
        names += f" {param.make_metavar(ctx)}"
    text = param.help or ""
    show = getattr(param, "show_default", False)
    if show and param.default not in (None, False, (), []) and not getattr(param, "is_flag", False):
        text += f" [Standard: {show if isinstance(show, str) else _default_text(param.default)}]"
    if param.required:
        text += " [Pflicht]"
    return names, text.strip()


def _argument_row(param: Any, ctx: Any) -> tuple[str, str]:
    name = param.make_metavar(ctx)
    return (name if param.required else f"[{name}]"), (getattr(param, "help", None) or "")


def _summary(command: Any) -> str:
    """The first paragraph of a command's docstring, on one line."""
    text = command.short_help or inspect.cleandoc(command.help or "").split("\n\n")[0]
    return " ".join(text.split())


def _write_description(command: Any, formatter: Any) -> None:
    text = inspect.cleandoc(command.help or "")
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(" ".join(paragraph.split()))


def _write_params(command: Any, ctx: Any, formatter: Any) -> None:
    params = command.get_params(ctx)
    arguments = [_argument_row(p, ctx) for p in params if p.param_type_name == "argument"]
    options = [_option_row(p, ctx) for p in params if p.param_type_name == "option" and not p.hidden]
    if arguments:
        with formatter.section("Argumente"):
            formatter.write_dl(arguments)
    if options:
        with formatter.section("Optionen"):
            formatter.write_dl(options)


class _GermanHelp:
    """Mixin for a Typer command or group (both are Click commands)."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Diese Hilfe anzeigen und beenden."
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        for en, de in _USAGE_WORDS:
            pieces = pieces.replace(en, de)
        formatter.write_usage(ctx.command_path, pieces, prefix="Aufruf: ")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.format_usage(ctx, formatter)
        _write_description(self, formatter)
        _write_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Only groups have commands (see GermanGroup)."""


class GermanCommand(_GermanHelp, typer.core.TyperCommand):
    pass


class GermanGroup(_GermanHelp, typer.core.TyperGroup):
    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, _summary(command)))
        if rows:
            with formatter.section("Befehle"):
                formatter.write_dl(rows)


class App(typer.Typer):
    """The Typer app whose commands all get German help."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", GermanCommand)
        return super().command(*args, **kwargs)
