"""Generate the CLI reference (docs/cli.md) from the commands' own ``--help``.

``python -m digistrat.cli.reference > docs/cli.md`` — a test fails when the committed file
is stale, so the documentation cannot drift from the code (as in sqlite-utils).
"""

from __future__ import annotations

import contextlib
import io
import os


def _help(args: list[str]) -> str:
    from digistrat.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            main([*args, "--help"])
        except SystemExit:
            pass
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()).strip("\n")


def command_names() -> list[str]:
    from digistrat.cli import app

    names = [c.name for c in app.registered_commands if c.name and not c.hidden]
    for group in app.registered_groups:  # command groups such as `neu`, then their commands
        if group.hidden or not group.name:
            continue
        names.append(group.name)
        names += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands if c.name and not c.hidden]
    return names


def generate() -> str:
    # a fixed width and no colour: the output must not depend on the terminal it was made in
    saved = {k: os.environ.get(k) for k in ("COLUMNS", "NO_COLOR", "TERMINAL_WIDTH")}
    os.environ.update({"COLUMNS": "100", "NO_COLOR": "1", "TERMINAL_WIDTH": "100"})
    try:
        parts = [
            "# CLI-Referenz",
            "",
            "<!-- Generiert mit `python -m digistrat.cli.reference > docs/cli.md`; nicht von Hand ändern. -->",
            "",
            "## digistrat",
            "",
            "```text",
            _help([]),
            "```",
        ]
        for name in command_names():
            parts += ["", f"## digistrat {name}", "", "```text", _help(name.split()), "```"]
        return "\n".join(parts) + "\n"
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


if __name__ == "__main__":
    import sys

    sys.stdout.write(generate())
