"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from digistrat.catalog import describe
from digistrat.findings import Severity
from digistrat.reporters.base import Report, Reporter

_LEVEL = {Severity.FEHLER: "error", Severity.WARNUNG: "warning", Severity.HINWEIS: "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 (Code-Scanning)"

    def render(self, report: Report, *, color: bool = False) -> str:
        codes = sorted({f.code for f in report.findings})
        rules = []
        index = {}
        for i, code in enumerate(codes):
            name, text = describe(code) or (next(f.rule for f in report.findings if f.code == code), code)
            index[code] = i
            rules.append({"id": code, "name": name, "shortDescription": {"text": text}})
        results = []
        for f in report.findings:
            region = {"startLine": f.line, "startColumn": f.column} if f.line is not None else None
            physical = {"artifactLocation": _artifact_location(f.file)}
            if region:
                physical["region"] = region
            results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": _LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [
                        {
                            "physicalLocation": physical,
                            "logicalLocations": [{"fullyQualifiedName": f.json_path, "kind": "member"}],
                        }
                    ],
                }
            )
        doc = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "digistrat",
                            "version": report.tool_version,
                            "informationUri": "https://pypi.org/project/digistrat/",
                            "rules": rules,
                        }
                    },
                    "results": results,
                    "columnKind": "unicodeCodePoints",
                }
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _artifact_location(file: str) -> dict:
    """SARIF wants URIs: percent-encoded (spaces, umlauts), relative ones against the checkout root."""
    if Path(file).is_absolute():  # a file outside the working directory
        return {"uri": Path(file).as_uri()}
    return {"uri": quote(file), "uriBaseId": "%SRCROOT%"}
