"""GitLab Code Quality report (``artifacts:reports:codequality``).

Fingerprints are stable across runs and do not change when lines move: they hash the code,
file, JSON path and message, plus a counter for identical findings.
"""

from __future__ import annotations

import hashlib
import json

from digistrat.findings import Severity
from digistrat.reporters.base import Report, Reporter

_SEVERITY = {Severity.FEHLER: "major", Severity.WARNUNG: "minor", Severity.HINWEIS: "info"}


class GitlabReporter(Reporter):
    name = "gitlab"
    description = "GitLab Code-Quality-Bericht (JSON)"

    def render(self, report: Report, *, color: bool = False) -> str:
        seen: dict[str, int] = {}
        issues = []
        for f in report.findings:
            base = "\x1f".join((f.code, f.file, f.json_path, f.message))
            n = seen.get(base, 0)
            seen[base] = n + 1
            fingerprint = hashlib.sha256(f"{base}\x1f{n}".encode()).hexdigest()
            issues.append(
                {
                    "description": f"{f.code} {f.message}",
                    "check_name": f"{f.code} {f.rule}",
                    "fingerprint": fingerprint,
                    "severity": _SEVERITY[f.severity],
                    "location": {"path": f.file, "lines": {"begin": f.line or 1}},
                }
            )
        return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
