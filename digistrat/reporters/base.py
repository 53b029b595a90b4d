"""What every reporter receives, and the interface it implements."""

from __future__ import annotations

from dataclasses import dataclass, field

from digistrat import __version__
from digistrat.findings import Finding, Severity


@dataclass
class Report:
    """The outcome of one ``validate`` or ``lint`` run over one or more projects."""

    command: str  # "validate" or "lint"
    findings: list[Finding]
    files: list[str]  # every file checked (display paths), in order
    tool_version: str = __version__
    extra: dict = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def count_errors(self) -> int:
        return self.count(Severity.FEHLER)

    @property
    def files_with_findings(self) -> list[str]:
        return list(dict.fromkeys(f.file for f in self.findings))


class Reporter:
    name: str = ""
    description: str = ""

    def render(self, report: Report, *, color: bool = False) -> str:
        raise NotImplementedError


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(report: Report) -> str:
    """German one-line summary shared by the text-like reporters."""
    n_files = len(report.files)
    if not report.findings:
        return f"Keine Befunde: {plural(n_files, 'Datei', 'Dateien')} geprüft."
    parts = []
    for sev, one, many in (
        (Severity.FEHLER, "Fehler", "Fehler"),
        (Severity.WARNUNG, "Warnung", "Warnungen"),
        (Severity.HINWEIS, "Hinweis", "Hinweise"),
    ):
        n = report.count(sev)
        if n:
            parts.append(plural(n, one, many))
    affected = len(report.files_with_findings)
    return (
        f"{', '.join(parts)} in {plural(affected, 'Datei', 'Dateien')} ({plural(n_files, 'Datei', 'Dateien')} geprüft)."
    )
