"""``--format xlsx``: one workbook, one sheet per view, real numbers with number formats.

Needs openpyxl (``pip install "digistrat[xlsx]"``). The file is byte-for-byte the same for the
same project: the document properties carry a fixed date and the zip entries a fixed time
(openpyxl would stamp both with the current time).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from digistrat.budget.formats.base import FIGURE_HEADINGS, BudgetFormat, figure_values, grid_rows
from digistrat.budget.views import View
from digistrat.errors import DigistratError
from digistrat.output_safety import xlsx_append

MONEY_FORMAT = '#,##0.00 "€"'
VZAE_FORMAT = "0.00"
SHEET_NAMES = {
    "partner": "Partner",
    "jahr": "Jahre",
    "handlungsfeld": "Handlungsfelder",
    "kategorie": "Kostenkategorien",
    "steckbrief": "Steckbriefe",
    "programm": "Förderprogramme",
}
FIXED_TIME = dt.datetime(2000, 1, 1)  # a constant instead of "now", for reproducible files
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


class _ReproducibleZip(zipfile.ZipFile):
    """A ZipFile that stamps every entry with the same time (openpyxl writes sheets from temp files)."""

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as fh:
            data = fh.read()
        self.writestr(arcname or filename, data, compress_type, compresslevel)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_TIME)
            zinfo.compress_type = self.compression
            zinfo.external_attr = 0o600 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)


def _openpyxl():
    try:
        import openpyxl
    except ImportError:
        raise DigistratError('Für das Format xlsx wird openpyxl gebraucht: pip install "digistrat[xlsx]"') from None
    return openpyxl


FIGURE_FORMATS = (MONEY_FORMAT,) * 3 + (VZAE_FORMAT,) * 2


class _RowStyles:
    """Number formats of the figure cells, bold for the total rows.

    The first row of each kind sets them cell by cell; later rows take a copy of that row's cell
    styles (openpyxl's idiom for copying a style). Setting ``number_format`` or ``font`` looks the
    value up in the workbook every time (a Font is hashed field by field): at 10,000 Steckbriefe
    the export took 2.5× the table format (issue 14). The file is byte-for-byte the same.
    """

    def __init__(self, columns: int, first_figure: int, bold_font):
        self.columns = columns
        self.first_figure = first_figure
        self.bold_font = bold_font
        self.styles: dict[bool, dict[int, object]] = {}  # bold? -> column -> style

    def apply(self, ws, r: int, bold: bool) -> None:
        from copy import copy

        known = self.styles.get(bold)
        if known is not None:
            for c, style in known.items():
                ws.cell(r, c)._style = copy(style)
            return
        figures = range(self.first_figure, self.first_figure + len(FIGURE_FORMATS))
        for c, fmt in zip(figures, FIGURE_FORMATS, strict=True):
            ws.cell(r, c).number_format = fmt
        styled = range(1, self.columns + 1) if bold else figures
        if bold:
            for c in styled:
                ws.cell(r, c).font = self.bold_font
        # copies: the cells of this row keep their own
        self.styles[bold] = {c: copy(ws.cell(r, c)._style) for c in styled}


class XlsxFormat(BudgetFormat):
    name = "xlsx"
    description = "Excel-Arbeitsmappe mit einem Blatt je Gliederung (braucht --output)"
    binary = True
    all_views = True

    def render(self, views: list[View], *, titel: str, color: bool = False, width: int | None = None) -> bytes:
        openpyxl = _openpyxl()
        from openpyxl.styles import Font
        from openpyxl.writer.excel import ExcelWriter

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        wb.properties.title = f"Budget – {titel}"
        wb.properties.creator = "digistrat"
        wb.properties.created = FIXED_TIME
        wb.properties.modified = FIXED_TIME
        bold = Font(bold=True)
        for view in views:
            ws = wb.create_sheet(SHEET_NAMES[view.dimension])
            label = [] if view.dimension == "jahr" else ["Kennung", view.spalte]
            heading = label + ["Jahr", *FIGURE_HEADINGS]
            xlsx_append(ws, heading, row=1)
            columns = range(1, len(heading) + 1)
            for c in columns:
                ws.cell(1, c).font = bold
            ws.freeze_panes = "A2"
            first_figure = len(label) + 2  # 1-based column of "Aufwand"
            # Rows are counted here: ws.max_row and ws[r] scan every cell of the sheet, which made
            # large exports quadratic (issue 14).
            styles = _RowStyles(len(heading), first_figure, bold)
            for r, row in enumerate(grid_rows(view), start=2):
                values = ([row.key or None, row.name] if label else []) + [row.jahr] + list(figure_values(row.figures))
                xlsx_append(ws, values, row=r)
                styles.apply(ws, r, bold=row.name == "Insgesamt" or row.jahr == "Summe")
            widths = ([14, 48] if label else []) + [8] + [16] * 3 + [9, 9]
            for i, w in enumerate(widths, start=1):
                ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = w
        buf = io.BytesIO()
        with _ReproducibleZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(wb, archive).write_data()
        return buf.getvalue()
