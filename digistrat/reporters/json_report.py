"""Machine-readable report (German keys, like the rest of the format)."""

from __future__ import annotations

import json

from digistrat.findings import Severity
from digistrat.reporters.base import Report, Reporter


def finding_dict(f) -> dict:
    return {
        "datei": f.file,
        "zeile": f.line,
        "spalte": f.column,
        "pfad": f.json_path,
        "code": f.code,
        "regel": f.rule,
        "schweregrad": f.severity.value,
        "meldung": f.message,
    }


class JsonReporter(Reporter):
    name = "json"
    description = "JSON mit allen Befunden und einer Zusammenfassung"

    def render(self, report: Report, *, color: bool = False) -> str:
        doc = {
            "werkzeug": {"name": "digistrat", "version": report.tool_version, "befehl": report.command},
            "befunde": [finding_dict(f) for f in report.findings],
            "zusammenfassung": {
                "dateien": len(report.files),
                "fehler": report.count(Severity.FEHLER),
                "warnungen": report.count(Severity.WARNUNG),
                "hinweise": report.count(Severity.HINWEIS),
            },
        }
        doc.update(report.extra)
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
