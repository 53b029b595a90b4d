"""JUnit XML: one test case per checked file; each finding is a failure of its file's case."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from digistrat.findings import Severity
from digistrat.reporters.base import Report, Reporter


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit-XML für Testberichte in CI-Systemen"

    def render(self, report: Report, *, color: bool = False) -> str:
        by_file: dict[str, list] = {name: [] for name in report.files}
        for f in report.findings:
            by_file.setdefault(f.file, []).append(f)
        failing = sum(1 for items in by_file.values() if any(x.severity is Severity.FEHLER for x in items))
        suites = ET.Element("testsuites", name=f"digistrat {report.command}")
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=f"digistrat {report.command}",
            tests=str(len(by_file)),
            failures=str(failing),
            errors="0",
            skipped="0",
        )
        for file, items in by_file.items():
            case = ET.SubElement(suite, "testcase", classname=f"digistrat.{report.command}", name=file)
            errors = [x for x in items if x.severity is Severity.FEHLER]
            others = [x for x in items if x.severity is not Severity.FEHLER]
            if errors:
                first = errors[0]
                failure = ET.SubElement(
                    case, "failure", type=first.code, message=f"{len(errors)} Fehler: {first.message}"
                )
                failure.text = "\n".join(_line(x) for x in errors)
            if others:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(_line(x) for x in others)
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _line(f) -> str:
    where = f"{f.file}:{f.line}:{f.column}" if f.line is not None else f.file
    return f"{where} {f.severity.value} {f.code} {f.message} ({f.json_path})"
