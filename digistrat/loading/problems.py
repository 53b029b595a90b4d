"""What can be wrong with a file before its data exists: the codes, the limits and the exception."""

from __future__ import annotations

from dataclasses import dataclass

CODE_SYNTAX = ("DS001", "yaml-syntax")
CODE_ENCODING = ("DS002", "kodierung")
CODE_DUPLICATE = ("DS003", "doppelter-schluessel")
CODE_EMPTY = ("DS004", "leere-datei")
CODE_TOPLEVEL = ("DS005", "keine-zuordnung")
CODE_TAB = ("DS006", "tabulator")
CODE_LIMIT = ("DS007", "grenze")

# Explicit limits (README, "Grenzen"): far above any real strategy file, far below what makes a
# parser crash or a computation overflow. Both parser paths enforce them in the same place
# (digistrat.loading.nodes), so both report the same finding at the same position.
MAX_BYTES = 10_000_000  # size of one file
MAX_DEPTH = 100  # nesting of lists and mappings
MAX_VALUES = 1_000_000  # values in one file, counting every copy an alias (*name) makes
MAX_INTEGER_DIGITS = 15  # digits before the decimal point of any number: below 1 Billiarde


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


def german_number(n: int) -> str:
    """``1000000`` → ``1.000.000`` (thousands separated as Germans read them)."""
    return f"{n:,}".replace(",", ".")


def depth_message() -> str:
    return (
        f"Die Daten sind hier tiefer als {MAX_DEPTH} Ebenen verschachtelt; digistrat liest "
        f"höchstens {MAX_DEPTH} Ebenen (Listen und Zuordnungen ineinander)."
    )
