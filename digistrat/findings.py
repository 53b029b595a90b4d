"""Findings: what validate and lint report, with a stable code and a source position."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

PathPart = str | int
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
JsonPath = tuple  # tuple[PathPart, ...]


class Severity(str, enum.Enum):
    FEHLER = "fehler"
    WARNUNG = "warnung"
    HINWEIS = "hinweis"

    @property
    def rank(self) -> int:
        return {"fehler": 3, "warnung": 2, "hinweis": 1}[self.value]

    @property
    def label(self) -> str:
        return {"fehler": "Fehler", "warnung": "Warnung", "hinweis": "Hinweis"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"Unbekannter Schweregrad „{text}“ (erlaubt: fehler, warnung, hinweis)") from None


def format_json_path(path: Sequence[PathPart]) -> str:
    """``("kosten", 0, "betrag")`` → ``$.kosten[0].betrag``."""
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            out.append(f".{part}")
        else:  # keys such as "50" or "Abfall: App" need the bracket form to stay unambiguous
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


@dataclass(frozen=True)
class Finding:
    """One problem in one file.

    ``file`` is the path as shown to the user (relative to the working directory when
    possible, always with forward slashes).  ``path`` is the JSON path inside the file;
    ``line``/``column`` are 1-based and filled in by :func:`digistrat.loading.positions.locate`
    for findings created from data without positions.
    """

    code: str
    rule: str
    severity: Severity
    message: str
    file: str
    path: JsonPath = ()
    line: int | None = None
    column: int | None = None
    # Points at the key instead of the value (e.g. an unknown key or a missing field's parent).
    at_key: bool = field(default=False, compare=False)

    @property
    def json_path(self) -> str:
        return format_json_path(self.path)

    def located(self, line: int | None, column: int | None) -> Finding:
        return replace(self, line=line, column=column)

    def sort_key(self):
        return (self.file, self.line or 0, self.column or 0, self.code, self.message)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
