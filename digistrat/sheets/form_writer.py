"""``digistrat abfrage``: one XLSX Sachstandsabfrage per partner.

Same project, partner and Stichtag → byte-for-byte the same file (fixed document times, fixed
zip entry times). Text cells go through :mod:`digistrat.output_safety`: never a formula.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from decimal import Decimal

from digistrat.output_safety import xlsx_text as put_text
from digistrat.sheets import layout as L
from digistrat.sheets.source import SteckbriefStand, prefill

META_CHUNK = 30000  # a cell holds at most 32,767 characters


def form_revision(staende: list[SteckbriefStand]) -> str:
    joined = "\n".join(f"{s.id}:{s.revision}" for s in staende)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return {
        "bold": Font(bold=True),
        "head_fill": PatternFill("solid", fgColor="D9E1F2"),
        "locked_fill": PatternFill("solid", fgColor="F2F2F2"),
        "open": Protection(locked=False),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
        "left": Alignment(horizontal="left"),
    }


def _protect(ws) -> None:
    """Locked cells stay locked; partners may still edit unlocked cells, resize and insert rows."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.formatCells = False
    p.insertRows = False
    p.autoFilter = False


def _header(ws, headers, widths, st) -> None:
    from openpyxl.utils import get_column_letter

    for col, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(1, col)
        put_text(cell, text)
        cell.font, cell.fill = st["bold"], st["head_fill"]
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    _print_setup(ws)


def _print_setup(ws) -> None:
    """Printed (or saved as PDF): landscape A4, all columns on one page width, header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _validation(ws, rng: str, **kwargs):
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="Ungültige Eingabe", **kwargs)
    dv.add(rng)
    ws.add_data_validation(dv)


def _list_formula(labels) -> str:
    return '"' + ",".join(labels) + '"'


def _sachstand_sheet(wb, staende, prefills, st) -> None:
    ws = wb.create_sheet(L.SACHSTAND)
    _header(ws, L.SACHSTAND_HEADERS, (12, 44, 18, 10, 16, 80), st)
    for row, s in enumerate(staende, start=2):
        pre = prefills[s.id]
        put_text(ws.cell(row, 1), s.id)
        put_text(ws.cell(row, 2), s.titel)
        put_text(ws.cell(row, 3), L.status_label(pre["status"]))
        if pre["ampel"]:
            put_text(ws.cell(row, 4), L.AMPEL_LABELS.get(pre["ampel"], pre["ampel"]))
        if pre["fortschritt"] is not None:
            ws.cell(row, 5, int(pre["fortschritt"]))
        put_text(ws.cell(row, 6), pre["text"] or None)
        ws.row_dimensions[row].height = 15 * _lines(pre["text"], 90)
        for col in (1, 2):
            ws.cell(row, col).fill = st["locked_fill"]
            ws.cell(row, col).alignment = st["top"]
        for col in (3, 4, 5, 6):
            ws.cell(row, col).protection = st["open"]
            ws.cell(row, col).alignment = st["wrap"] if col == 6 else st["top"]
    last = max(len(staende) + 1, 2)
    status = [L.status_label(v) for v in L.STATUS_CHOICES.values()]
    _validation(
        ws,
        f"C2:C{last}",
        type="list",
        formula1=_list_formula(dict.fromkeys(status)),
        error="Bitte einen Status aus der Liste wählen.",
    )
    _validation(
        ws,
        f"D2:D{last}",
        type="list",
        formula1=_list_formula(L.AMPEL_LABELS.values()),
        error="Bitte grün, gelb oder rot wählen.",
    )
    _validation(
        ws,
        f"E2:E{last}",
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        error="Bitte eine ganze Zahl von 0 bis 100 eintragen.",
    )
    _protect(ws)


def _lines(text: str | None, width: int) -> int:
    """Lines a wrapped text cell needs (programs do not grow rows of files they did not lay out)."""
    return sum(1 + len(line) // width for line in (text or "").split("\n"))


def _month_or_day(text: str | None):
    """A ``YYYY-MM`` or ``YYYY-MM-DD`` text as a date cell value and its number format."""
    if not text:
        return None, None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 2:
        return dt.datetime(parts[0], parts[1], 1), L.MONTH_FORMAT
    return dt.datetime(parts[0], parts[1], parts[2]), L.DATE_FORMAT


def _meilensteine_sheet(wb, staende, prefills, st) -> None:
    ws = wb.create_sheet(L.MEILENSTEINE)
    _header(ws, L.MEILENSTEINE_HEADERS, (12, 50, 12, 14), st)
    row = 2
    for s in staende:
        for m in prefills[s.id]["meilensteine"]:
            put_text(ws.cell(row, 1), s.id)
            put_text(ws.cell(row, 2), m["titel"])
            for col, key in ((3, "faellig"), (4, "erreicht")):
                value, fmt = _month_or_day(m[key])
                cell = ws.cell(row, col, value)
                cell.number_format = fmt or L.DATE_FORMAT
            for col in (1, 2, 3):
                ws.cell(row, col).fill = st["locked_fill"]
            ws.cell(row, 4).protection = st["open"]
            row += 1
    _validation(
        ws,
        f"D2:D{max(row - 1, 2)}",
        type="date",
        operator="greaterThan",
        formula1="36526",
        error="Bitte ein Datum eintragen (TT.MM.JJJJ).",
    )
    _protect(ws)


def _ist_kosten_sheet(wb, staende, prefills, st, jahre: range) -> None:
    ws = wb.create_sheet(L.IST_KOSTEN)
    _header(ws, L.IST_KOSTEN_HEADERS, (12, 8, 20, 16), st)
    row = 2
    for s in staende:
        for k in prefills[s.id]["ist_kosten"]:
            put_text(ws.cell(row, 1), s.id)
            ws.cell(row, 2, k["jahr"])
            put_text(ws.cell(row, 3), L.kategorie_label(k["kategorie"]))
            ws.cell(row, 4, Decimal(k["betrag"])).number_format = L.MONEY_FORMAT
            for col in range(1, 5):
                ws.cell(row, col).fill = st["locked_fill"]
            row += 1
    first, last = row, row + L.EMPTY_COST_ROWS - 1
    for r in range(first, last + 1):
        for col in range(1, 5):
            ws.cell(r, col).protection = st["open"]
        ws.cell(r, 4).number_format = L.MONEY_FORMAT
    ids_range = f"{L.SACHSTAND}!$A$2:$A${max(len(staende) + 1, 2)}"
    kategorien = [L.kategorie_label(k) for k in dict.fromkeys(L.KATEGORIE_CHOICES.values())]
    _validation(
        ws,
        f"A{first}:A{last}",
        type="list",
        formula1=ids_range,
        error="Bitte einen Steckbrief dieses Formulars wählen.",
    )
    _validation(
        ws,
        f"B{first}:B{last}",
        type="whole",
        operator="between",
        formula1=str(jahre.start),
        formula2=str(jahre.stop - 1),
        error=f"Bitte ein Jahr von {jahre.start} bis {jahre.stop - 1} eintragen.",
    )
    _validation(
        ws,
        f"C{first}:C{last}",
        type="list",
        formula1=_list_formula(kategorien),
        error="Bitte eine Kategorie aus der Liste wählen.",
    )
    _validation(
        ws,
        f"D{first}:D{last}",
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        error="Bitte einen Betrag ab 0 eintragen.",
    )
    _protect(ws)


HINWEIS_TEXT = (
    "So füllen Sie dieses Formular aus:",
    "• Blatt „Sachstand“: je Steckbrief Status, Ampel (grün, gelb, rot), Fortschritt in Prozent (0 bis 100) "
    "und einen kurzen Sachstand zum Stichtag. Vorausgefüllt ist der zuletzt gemeldete Stand; "
    "hat sich nichts geändert, lassen Sie die Zeile einfach stehen.",
    "• Blatt „Meilensteine“: tragen Sie unter „Erreicht am“ das Datum ein, an dem ein Meilenstein erreicht wurde.",
    "• Blatt „Ist-Kosten“: tragen Sie in die freien Zeilen ein, was im Jahr tatsächlich ausgegeben wurde "
    "(Steckbrief, Jahr, Kategorie, Betrag in Euro). Die grau hinterlegten Zeilen sind bereits erfasst.",
    "Grau hinterlegte Zellen sind gesperrt. Bitte keine Blätter umbenennen, löschen oder hinzufügen und "
    "das Formular als .xlsx zurücksenden (Excel oder LibreOffice).",
)


def _hinweise_sheet(wb, info: dict, st) -> None:
    ws = wb.create_sheet(L.HINWEISE)
    _print_setup(ws)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    put_text(ws.cell(1, 1), f"Sachstandsabfrage – {info['projekt']}")
    ws.cell(1, 1).font = st["bold"]
    rows = (
        ("Partner", info["partner_name"]),
        ("Stichtag", info["stichtag"]),
        ("Projekt", info["projekt"]),
        ("Formular-Revision", info["revision"]),
        ("Git-Stand", info["git"] or "–"),
    )
    for r, (label, value) in enumerate(rows, start=3):
        put_text(ws.cell(r, 1), label)
        ws.cell(r, 1).font = st["bold"]
        if isinstance(value, dt.date):
            cell = ws.cell(r, 2, value)
            cell.number_format, cell.alignment = L.DATE_FORMAT, st["left"]
        else:
            put_text(ws.cell(r, 2), value)
    for r, text in enumerate(HINWEIS_TEXT, start=len(rows) + 4):
        put_text(ws.cell(r, 1), text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.cell(r, 1).alignment = st["wrap"]
        ws.row_dimensions[r].height = 15 * _lines(text, 120)
    _protect(ws)


def _meta_sheet(wb, info: dict, staende, prefills) -> None:
    ws = wb.create_sheet(L.META)
    ws.sheet_state = "hidden"
    head = (
        ("format", L.FORM_KIND, L.FORM_VERSION),
        ("projekt", info["projekt"]),
        ("partner", info["partner"]),
        ("stichtag", info["stichtag"].isoformat()),
        ("git", info["git"]),
        ("revision", info["revision"]),
    )
    for values in head:
        ws.append([None])
        for col, value in enumerate(values, start=1):
            if isinstance(value, str):
                put_text(ws.cell(ws.max_row, col), value)
            else:
                ws.cell(ws.max_row, col, value)
    for s in staende:
        blob = json.dumps(prefills[s.id], ensure_ascii=False, sort_keys=True)
        chunks = [blob[i : i + META_CHUNK] for i in range(0, len(blob), META_CHUNK)] or [""]
        ws.append([None])
        for col, value in enumerate(("steckbrief", s.id, s.revision, *chunks), start=1):
            put_text(ws.cell(ws.max_row, col), value)
    ws.protection.sheet = True


def build_form(project, staende: list[SteckbriefStand], partner_id: str, stichtag: dt.date, git: str) -> bytes:
    """The XLSX bytes of the form for ``partner_id`` covering ``staende`` (its Steckbriefe)."""
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    from digistrat.sheets.reproducible import FIXED_TIME, ReproducibleZip

    partner = project.partner_by_id()[partner_id]
    info = {
        "projekt": project.strategie.titel,
        "partner": partner_id,
        "partner_name": partner.name,
        "stichtag": stichtag,
        "git": git,
        "revision": form_revision(staende),
    }
    prefills = {s.id: prefill(s.data) for s in staende}
    st = _styles()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.title = f"Sachstandsabfrage – {partner.name}"
    wb.properties.creator = "digistrat"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    _sachstand_sheet(wb, staende, prefills, st)
    _meilensteine_sheet(wb, staende, prefills, st)
    _ist_kosten_sheet(wb, staende, prefills, st, project.strategie.laufzeit.jahre)
    _hinweise_sheet(wb, info, st)
    _meta_sheet(wb, info, staende, prefills)
    wb.active = 0
    buf = io.BytesIO()
    with ReproducibleZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return buf.getvalue()
