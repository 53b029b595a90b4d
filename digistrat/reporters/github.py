"""GitHub Actions workflow commands: findings appear as annotations on the changed lines."""

from __future__ import annotations

from digistrat.findings import Severity
from digistrat.reporters.base import Report, Reporter, summary_line

_LEVEL = {Severity.FEHLER: "error", Severity.WARNUNG: "warning", Severity.HINWEIS: "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"
    description = "Annotationen für GitHub Actions (Standard, wenn GITHUB_ACTIONS=true)"

    def render(self, report: Report, *, color: bool = False) -> str:
        lines = []
        for f in report.findings:
            props = [f"file={_escape_property(f.file)}"]
            if f.line is not None:
                props.append(f"line={f.line}")
                props.append(f"col={f.column}")
            props.append(f"title={_escape_property(f'{f.code} {f.rule}')}")
            lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message)}")
        lines.append(summary_line(report))
        return "\n".join(lines) + "\n"
