"""A rich console that writes into a string: the one setup for tables printed by budget and diff."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def text_console(buf: io.StringIO, width: int, color: bool) -> Console:
    """Deterministic output: no emoji, markup or highlighting; ANSI colours only when asked."""
    from rich.console import Console

    return Console(
        file=buf,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def finish(buf: io.StringIO, color: bool) -> str:
    """rich pads every line to the table's width; plain output has no trailing blanks."""
    text = buf.getvalue()
    return text if color else "\n".join(line.rstrip() for line in text.split("\n"))
