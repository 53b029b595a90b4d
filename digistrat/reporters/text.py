"""Human-readable report, grouped by file; coloured only on a terminal without NO_COLOR."""

from __future__ import annotations

import io

from digistrat.findings import Severity
from digistrat.reporters.base import Report, Reporter, summary_line

_STYLE = {Severity.FEHLER: "bold red", Severity.WARNUNG: "yellow", Severity.HINWEIS: "cyan"}


class TextReporter(Reporter):
    name = "text"
    description = "Lesbarer Bericht, nach Dateien gruppiert (Standard)"

    def render(self, report: Report, *, color: bool = False) -> str:
        from rich.console import Console
        from rich.text import Text

        buf = io.StringIO()
        console = Console(file=buf, force_terminal=color, no_color=not color, color_system="standard" if color else None,
                          width=200, highlight=False, emoji=False, soft_wrap=True)
        by_file: dict[str, list] = {}
        for f in report.findings:
            by_file.setdefault(f.file, []).append(f)
        for file, items in by_file.items():
            console.print(Text(file, style="bold underline"))
            for f in items:
                where = f"{f.line}:{f.column}" if f.line is not None else "-"
                line = Text("  ")
                line.append(f"{where:<8}", style="dim")
                line.append(f"{f.severity.value:<8}", style=_STYLE[f.severity])
                line.append(f"{f.code}  ", style="bold")
                line.append(f.message)
                if f.path:
                    line.append(f"  {f.json_path}", style="dim")
                console.print(line)
            console.print()
        ok = not report.findings
        mark = "✓ " if ok else "✗ "
        console.print(Text(mark + summary_line(report), style="green" if ok else "bold"))
        return buf.getvalue()
