"""``--format xlsx``: one workbook, one sheet per view, real numbers with number formats.

Written by :mod:`digistrat.xlsx_writer` (no openpyxl needed): amounts are the exact decimals of
the rollup, the totals are bold, the header row is frozen, and the file is byte-for-byte the
same for the same project.
"""

from __future__ import annotations

from digistrat.budget.formats.base import FIGURE_HEADINGS, BudgetFormat, figure_values, grid_rows
from digistrat.budget.views import View
from digistrat.errors import DigistratError
from digistrat.formatting import zahl

SHEET_NAMES = {
    "partner": "Partner",
    "jahr": "Jahre",
    "handlungsfeld": "Handlungsfelder",
    "kategorie": "Kostenkategorien",
    "steckbrief": "Steckbriefe",
    "programm": "Förderprogramme",
}
FIGURE_FORMATS = ("money",) * 3 + ("decimal2",) * 2
MAX_ROWS = 1_048_576  # Excel's and LibreOffice's limit per sheet


class XlsxFormat(BudgetFormat):
    name = "xlsx"
    description = "Excel-Arbeitsmappe mit einem Blatt je Gliederung (braucht --output)"
    binary = True
    all_views = True

    def render(self, views: list[View], *, titel: str, color: bool = False, width: int | None = None) -> bytes:
        # imported here: the writer (zipfile) is for this format only, not every budget run
        from digistrat.xlsx_writer import MAX_CELL_TEXT, CellTextTooLong, XlsxWriter

        book = XlsxWriter(title=f"Budget – {titel}")
        for view in views:
            book.add_sheet(_sheet(view))
        try:
            return book.to_bytes()
        except CellTextTooLong as exc:
            raise DigistratError(
                f"Der Text in Zelle {exc.ref} des Blatts „{exc.sheet}“ ist {zahl(exc.length)} Zeichen lang; "
                f"Excel erlaubt in einer Zelle höchstens {zahl(MAX_CELL_TEXT)}. Bitte den Namen kürzen "
                "oder ein Format ohne diese Grenze wählen (csv, json)."
            ) from None


def _sheet(view: View):
    from digistrat.xlsx_writer import Sheet

    name = SHEET_NAMES[view.dimension]
    label = [] if view.dimension == "jahr" else ["Kennung", view.spalte]
    heading: list[object] = [*label, "Jahr", *FIGURE_HEADINGS]
    rows: list[tuple[list[object], bool]] = [(heading, True)]
    for row in grid_rows(view):
        values: list[object] = [row.key or None, row.name] if label else []
        values.append(row.jahr)
        values.extend(figure_values(row.figures))
        rows.append((values, row.name == "Insgesamt" or row.jahr == "Summe"))  # the totals are bold
    if len(rows) > MAX_ROWS:
        raise DigistratError(
            f"Das Blatt „{name}“ hätte {zahl(len(rows))} Zeilen; Excel und LibreOffice erlauben "
            f"höchstens {zahl(MAX_ROWS)}. Bitte ein Format ohne diese Grenze wählen (csv, json)."
        )
    key_width = min(max((len(str(v[0] or "")) for v, _ in rows[1:]), default=0) + 2, 40)  # ids fit
    widths = ([max(key_width, 14), 48] if label else []) + [8] + [16] * 3 + [9] * 2
    formats = [""] * (len(label) + 1) + list(FIGURE_FORMATS)
    return Sheet(name=name, widths=widths, formats=formats, rows=rows)
