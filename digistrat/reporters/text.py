"""Human-readable report, grouped by file; coloured only on a terminal without NO_COLOR."""

from __future__ import annotations

import re

from digistrat.findings import Severity
from digistrat.reporters.base import Report, Reporter, summary_line

_STYLE = {Severity.FEHLER: "bold red", Severity.WARNUNG: "yellow", Severity.HINWEIS: "cyan"}

Segment = tuple  # (text, rich style or "")

# A file name (or a message quoting one) may carry escape sequences that would clear the screen or
# retitle the terminal; they are shown as visible \x1b-style text instead.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_CONTROL_WITH_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as ``\\xNN``."""
    pattern = _CONTROL if keep_newlines else _CONTROL_WITH_NEWLINE
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class TextReporter(Reporter):
    name = "text"
    description = "Lesbarer Bericht, nach Dateien gruppiert (Standard)"

    def render(self, report: Report, *, color: bool = False) -> str:
        lines = list(self._lines(report))
        if not color:
            # plain text needs no rich (saves its import on every CI run)
            return "".join("".join(text for text, _ in line) + "\n" for line in lines)
        return _with_rich(lines)

    def _lines(self, report: Report):
        by_file: dict[str, list] = {}
        for f in report.findings:
            by_file.setdefault(f.file, []).append(f)
        for file, items in by_file.items():
            yield [(visible(file), "bold underline")]
            for f in items:
                where = f"{f.line}:{f.column}" if f.line is not None else "-"
                line = [
                    ("  ", ""),
                    (f"{where:<8}", "dim"),
                    (f"{f.severity.value:<8}", _STYLE[f.severity]),
                    (f"{f.code}  ", "bold"),
                    (visible(f.message, keep_newlines=True), ""),
                ]
                if f.path:
                    line.append((f"  {visible(f.json_path)}", "dim"))
                yield line
            yield []
        ok = not report.findings
        yield [(("✓ " if ok else "✗ ") + summary_line(report), "green" if ok else "bold")]


def _with_rich(lines: list[list[Segment]]) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    buf = io.StringIO()
    # colour was asked for explicitly (the caller already honoured NO_COLOR): override rich's own check
    console = Console(
        file=buf,
        force_terminal=True,
        no_color=False,
        color_system="standard",
        width=200,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )
    for line in lines:
        text = Text()
        for part, style in line:
            text.append(part, style=style or None)
        console.print(text)
    return buf.getvalue()
