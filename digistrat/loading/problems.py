"""What can be wrong with a file before its data exists: the codes and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass

CODE_SYNTAX = ("DS001", "yaml-syntax")
CODE_ENCODING = ("DS002", "kodierung")
CODE_DUPLICATE = ("DS003", "doppelter-schluessel")
CODE_EMPTY = ("DS004", "leere-datei")
CODE_TOPLEVEL = ("DS005", "keine-zuordnung")
CODE_TAB = ("DS006", "tabulator")


@dataclass
class ParseProblem(Exception):
    """A file that cannot be read as a YAML mapping. Positions are 1-based."""

    code: str
    rule: str
    message: str
    line: int | None = None
    column: int | None = None
    path: tuple = ()  # JSON path, where the problem belongs to one value (a duplicate key)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.code} {self.line}:{self.column} {self.message}"
