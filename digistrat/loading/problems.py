"""What can be wrong with a file before its data exists: the codes, the limits and the exception."""

from __future__ import annotations

from dataclasses import dataclass

from digistrat.catalog import DOPPELTER_SCHLUESSEL as CODE_DUPLICATE
from digistrat.catalog import GRENZE as CODE_LIMIT
from digistrat.catalog import KEINE_ZUORDNUNG as CODE_TOPLEVEL
from digistrat.catalog import KODIERUNG as CODE_ENCODING
from digistrat.catalog import LEERE_DATEI as CODE_EMPTY
from digistrat.catalog import TABULATOR as CODE_TAB
from digistrat.catalog import YAML_SYNTAX as CODE_SYNTAX

__all__ = [
    "CODE_DUPLICATE",
    "CODE_EMPTY",
    "CODE_ENCODING",
    "CODE_LIMIT",
    "CODE_SYNTAX",
    "CODE_TAB",
    "CODE_TOPLEVEL",
    "ParseProblem",
]

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
