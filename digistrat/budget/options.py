"""What ``digistrat budget`` can be asked for, as a plain object (no CLI types)."""

from __future__ import annotations

from dataclasses import dataclass

from digistrat.errors import DigistratError

DIMENSIONEN = ("partner", "jahr", "handlungsfeld", "kategorie", "steckbrief", "programm")
FORMAT_NAMES = ("table", "json", "csv", "csv-international", "markdown", "xlsx")


@dataclass(frozen=True)
class BudgetOptions:
    nach: str = "partner"  # the view: one of DIMENSIONEN
    jahr: int | None = None  # only this year
    partner: str | None = None  # only this partner
    nur_bewilligt: bool | None = None  # only bewilligt funding; None: digistrat.yaml budget.nur_bewilligt
    format: str = "table"  # one of FORMAT_NAMES

    def check(self) -> None:
        """Names that can be checked before the project is read (year and partner need the project)."""
        if self.nach not in DIMENSIONEN:
            raise DigistratError(f"Unbekannte Gliederung „{self.nach}“. Erlaubt: {', '.join(DIMENSIONEN)}.")
        if self.format not in FORMAT_NAMES:
            raise DigistratError(f"Unbekanntes Ausgabeformat „{self.format}“. Erlaubt: {', '.join(FORMAT_NAMES)}.")
