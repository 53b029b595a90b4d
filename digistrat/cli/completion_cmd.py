"""``digistrat completion SHELL``: the shell script that completes commands, options and ids."""

from __future__ import annotations

import typer

SHELLS = ("bash", "zsh", "fish", "powershell")


def completion(
    shell: str = typer.Argument(..., metavar="SHELL", help=f"Die Shell: {', '.join(SHELLS)}."),
) -> None:
    """Skript für die Tab-Vervollständigung ausgeben: Befehle, Optionen, Partner-, Handlungsfeld- und
    Steckbrief-Kennungen des Projekts im aktuellen Ordner.

    Einrichten (einmalig), z. B. für bash: digistrat completion bash >> ~/.bash_completion
    – zsh: digistrat completion zsh > ~/.zfunc/_digistrat – fish: digistrat completion fish >
    ~/.config/fish/completions/digistrat.fish
    """
    from typer.completion import get_completion_script

    from digistrat.cli import COMPLETE_VAR
    from digistrat.errors import DigistratError

    if shell not in SHELLS:
        raise DigistratError(f"Unbekannte Shell „{shell}“. Erlaubt: {', '.join(SHELLS)}.")
    typer.echo(get_completion_script(prog_name="digistrat", complete_var=COMPLETE_VAR, shell=shell))


def register(app: typer.Typer) -> None:
    app.command("completion")(completion)
