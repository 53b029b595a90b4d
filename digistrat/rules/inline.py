"""Inline comments that switch rules off: ``# digistrat: disable=NAME`` and ``disable-file=NAME``.

``disable`` at the end of a line applies to findings reported on that line; on a line of its
own it applies to the next line with content. ``disable-file`` anywhere applies to the whole
file. Names are rule names or codes, separated by commas; ``alle`` means every rule. Only lint
rules (DS1xx) can be switched off, never the findings of ``validate``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from digistrat import catalog
from digistrat.catalog import VALIDATE_CODES
from digistrat.findings import Finding, Severity
from digistrat.rules import registry

DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*digistrat:\s*(?P<kind>disable-file|disable)\s*=\s*(?P<names>[^#\n]*)")
NAME = re.compile(r"[^,\s]+")
ALL = "alle"


@dataclass
class Suppressions:
    lines: dict[tuple[str, int], set[str]] = field(default_factory=dict)  # (file, line) → codes
    files: dict[str, set[str]] = field(default_factory=dict)  # file → codes
    findings: list[Finding] = field(default_factory=list)  # directives naming unknown rules

    def hides(self, f: Finding) -> bool:
        if f.code in self.files.get(f.file, ()):
            return True
        return f.line is not None and f.code in self.lines.get((f.file, f.line), ())


def scan(texts: Mapping[str, str]) -> Suppressions:
    sup = Suppressions()
    every = {r.code for r in registry.RULES}
    for file in sorted(texts):
        text = texts[file]
        if "digistrat:" not in text:
            continue
        lines = text.splitlines()
        for n, line in enumerate(lines, start=1):
            m = DIRECTIVE.search(line)
            if m is None:
                continue
            codes = set()
            for nm in NAME.finditer(m.group("names")):
                name = nm.group(0)
                if name.lower() == ALL:
                    codes |= every
                    continue
                rule = registry.resolve(name)
                if rule is None:
                    sup.findings.append(_unknown(name, file, n, m.start("names") + nm.start() + 1))
                else:
                    codes.add(rule.code)
            if m.group("kind") == "disable-file":
                sup.files.setdefault(file, set()).update(codes)
                continue
            target: int | None = n
            if not line[: m.start()].strip():  # a comment on its own line: the next line with content
                target = next(
                    (
                        k
                        for k in range(n + 1, len(lines) + 1)
                        if lines[k - 1].strip() and not lines[k - 1].lstrip().startswith("#")
                    ),
                    None,
                )
            if target is not None:
                sup.lines.setdefault((file, target), set()).update(codes)
    return sup


def _unknown(name: str, file: str, line: int, column: int) -> Finding:
    m = catalog.UNBEKANNTE_REGEL
    if name.upper() in VALIDATE_CODES:
        message = (
            f"„{name}“ ist ein Befund von validate und lässt sich nicht abschalten; "
            "nur Lint-Regeln (DS1xx) können abgeschaltet werden."
        )
    else:
        message = f"Unbekannte Regel „{name}“ im Kommentar.{registry.suggestion(name)}"
    return Finding(m.code, m.name, Severity.WARNUNG, message, file, (), line, column)
