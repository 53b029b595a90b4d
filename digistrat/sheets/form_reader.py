"""Reading a returned Sachstandsabfrage: every cell checked, every problem named by sheet and cell.

:func:`read_form` never stops at the first bad cell: it returns the answers it could read and a
list of :class:`CellProblem` (all of them), so the coordinator fixes a form in one go.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from digistrat.sheets import cells
from digistrat.sheets import layout as L
from digistrat.sheets.cells import CellError


@dataclass(frozen=True)
class CellProblem:
    file: str
    sheet: str | None
    cell: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}: " if self.sheet and self.cell else ""
        return f"{self.file}: {where}{self.message}"


@dataclass
class SachstandAntwort:
    steckbrief: str
    row: int
    status: str | None
    ampel: str | None
    fortschritt: int | None
    text: str


@dataclass
class MeilensteinAntwort:
    steckbrief: str
    row: int
    index: int  # position in the Steckbrief's meilensteine when the form was made
    titel: str
    erreicht: str


@dataclass
class KostenAntwort:
    steckbrief: str
    row: int
    jahr: int
    kategorie: str
    betrag: Decimal


@dataclass
class Formular:
    path: Path
    display: str
    projekt: str = ""
    partner: str = ""
    stichtag: dt.date | None = None
    revision: str = ""
    records: dict[str, tuple[str, dict]] = field(default_factory=dict)  # id → (revision, pre-filled values)
    sachstand: list[SachstandAntwort] = field(default_factory=list)
    meilensteine: list[MeilensteinAntwort] = field(default_factory=list)
    ist_kosten: list[KostenAntwort] = field(default_factory=list)


class _Sheet:
    """Cell values of one sheet; a formula cell yields its computed value (None without one)."""

    def __init__(self, ws, cached_ws, reader: _Reader):
        self.ws, self.cached, self.reader = ws, cached_ws, reader

    def value(self, row: int, col: int):
        cell = self.ws.cell(row, col)
        if cell.data_type != "f":
            return cell.value
        computed = self.cached().cell(row, col).value
        if computed is None:
            raise CellError("Die Zelle enthält eine Formel ohne berechneten Wert; bitte den Wert selbst eintragen.")
        return computed


class _Reader:
    def __init__(self, form: Formular, jahre: range):
        self.form, self.jahre = form, jahre
        self.problems: list[CellProblem] = []

    def problem(self, sheet: str | None, cell: str | None, message: str) -> None:
        self.problems.append(CellProblem(self.form.display, sheet, cell, message))

    def cell(self, sheet: _Sheet, row: int, col: int, parse):
        """``parse(value)`` for one cell; a CellError becomes a problem and the result None."""
        from openpyxl.utils import get_column_letter

        try:
            return parse(sheet.value(row, col))
        except CellError as exc:
            self.problem(sheet.ws.title, f"{get_column_letter(col)}{row}", exc.message)
            return None


def _load(path: Path, display: str):
    """The workbook (formulas as written) and a loader for the computed values, or a problem text."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=False)
    except FileNotFoundError:
        return None, None, "Die Datei gibt es nicht."
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None, None, "Die Datei ist keine lesbare XLSX-Arbeitsmappe."
    cache: dict = {}

    def computed():
        if "wb" not in cache:
            cache["wb"] = openpyxl.load_workbook(path, data_only=True)
        return cache["wb"]

    return wb, computed, None


def _read_meta(r: _Reader, wb) -> bool:
    if L.META not in wb.sheetnames:
        r.problem(None, None, f"Kein Sachstandsabfrage-Formular von digistrat (das verborgene Blatt „{L.META}“ fehlt).")
        return False
    rows = [[c.value for c in row] for row in wb[L.META].iter_rows()]
    head = {row[0]: row[1:] for row in rows if row and row[0] and row[0] != "steckbrief"}
    kind = head.get("format", [None, None])
    if kind[0] != L.FORM_KIND:
        r.problem(None, None, "Kein Sachstandsabfrage-Formular von digistrat.")
        return False
    if kind[1] != L.FORM_VERSION:
        r.problem(
            None,
            None,
            f"Das Formular hat die Version {kind[1]}; diese digistrat-Version liest Version {L.FORM_VERSION}.",
        )
        return False
    f = r.form
    f.projekt, f.partner = str(head["projekt"][0]), str(head["partner"][0])
    f.stichtag = dt.date.fromisoformat(str(head["stichtag"][0]))
    f.revision = str(head.get("revision", [""])[0] or "")
    for row in rows:
        if row and row[0] == "steckbrief":
            blob = "".join(str(v) for v in row[3:] if v is not None)
            f.records[str(row[1])] = (str(row[2]), json.loads(blob))
    return True


def _sheet(r: _Reader, wb, computed, name: str, headers) -> _Sheet | None:
    from openpyxl.utils import get_column_letter

    if name not in wb.sheetnames:
        r.problem(None, None, f"Das Blatt „{name}“ fehlt.")
        return None
    sheet = _Sheet(wb[name], lambda: computed()[name], r)
    ok = True
    for col, want in enumerate(headers, start=1):
        got = sheet.ws.cell(1, col).value
        if cells.text(got) != want:
            r.problem(name, f"{get_column_letter(col)}1", f"Spaltenkopf „{cells.text(got)}“, erwartet „{want}“.")
            ok = False
    return sheet if ok else None


def _rows(sheet: _Sheet, width: int):
    """Row numbers from 2 on whose first ``width`` cells are not all empty."""
    for row in range(2, sheet.ws.max_row + 1):
        if any(not cells.is_empty(sheet.ws.cell(row, c).value) for c in range(1, width + 1)):
            yield row


def _steckbrief(r: _Reader, sheet: _Sheet, row: int) -> str | None:
    ids = r.form.records

    def parse(value):
        sid = cells.text(value)
        if sid not in ids:
            known = ", ".join(ids) if len(ids) <= 12 else f"{len(ids)} Steckbriefe"
            raise CellError(f"Unbekannter Steckbrief „{sid}“; dieses Formular fragt nach {known}.")
        return sid

    return r.cell(sheet, row, 1, parse)


def _read_sachstand(r: _Reader, sheet: _Sheet) -> None:
    seen: dict[str, int] = {}
    status_allowed = ", ".join(L.status_label(v) for v in dict.fromkeys(L.STATUS_CHOICES.values()))
    for row in _rows(sheet, 6):
        sid = _steckbrief(r, sheet, row)
        status = r.cell(sheet, row, 3, lambda v: cells.choice(v, L.STATUS_CHOICES, "r Status", status_allowed))
        ampel = r.cell(sheet, row, 4, lambda v: cells.choice(v, L.AMPEL_CHOICES, " Ampel", "grün, gelb, rot"))
        fortschritt = r.cell(sheet, row, 5, cells.percent)
        text = r.cell(sheet, row, 6, cells.text)
        if sid is None:
            continue
        if sid in seen:
            r.problem(sheet.ws.title, f"A{row}", f"Der Steckbrief {sid} steht schon in Zeile {seen[sid]}.")
            continue
        seen[sid] = row
        answer = SachstandAntwort(sid, row, status, ampel, fortschritt, text or "")
        if status is None and cells.is_empty(sheet.ws.cell(row, 3).value):
            r.problem(sheet.ws.title, f"C{row}", "Status fehlt; bitte einen Status aus der Liste wählen.")
        if reports_anew(answer, r.form.records[sid][1]):
            for col, value, what in ((4, ampel, "Ampel"), (6, text, "Sachstand")):
                if not value and cells.is_empty(sheet.ws.cell(row, col).value):
                    r.problem(
                        sheet.ws.title,
                        f"{'ABCDEF'[col - 1]}{row}",
                        f"{what} fehlt; ein neuer Sachstand braucht Ampel und Text.",
                    )
        r.form.sachstand.append(answer)


def reports_anew(answer: SachstandAntwort, pre: dict) -> bool:
    """Whether the row differs from the pre-filled report (Ampel, Fortschritt, Text) at all."""
    return (answer.ampel, answer.fortschritt, answer.text) != (pre["ampel"], pre["fortschritt"], pre["text"])


def _read_meilensteine(r: _Reader, sheet: _Sheet) -> None:
    for row in _rows(sheet, 4):
        sid = _steckbrief(r, sheet, row)
        titel = r.cell(sheet, row, 2, cells.text)
        erreicht = r.cell(sheet, row, 4, cells.date)
        if sid is None or titel is None:
            continue
        known = [i for i, m in enumerate(r.form.records[sid][1]["meilensteine"]) if cells.text(m["titel"]) == titel]
        used = sum(1 for a in r.form.meilensteine if a.steckbrief == sid and a.titel == titel)
        if used >= len(known):
            r.problem(
                sheet.ws.title, f"B{row}", f"Den Meilenstein „{titel}“ hat dieses Formular für {sid} nicht gestellt."
            )
            continue
        if erreicht:
            r.form.meilensteine.append(MeilensteinAntwort(sid, row, known[used], titel, erreicht))


def _read_ist_kosten(r: _Reader, sheet: _Sheet) -> None:
    kategorien = ", ".join(L.kategorie_label(v) for v in dict.fromkeys(L.KATEGORIE_CHOICES.values()))
    # the grey rows: entries the YAML already had when the form was made (matched, not counted,
    # so that a row inserted among them is still read as new)
    recorded = Counter(
        (sid, k["jahr"], k["kategorie"], Decimal(k["betrag"]))
        for sid, (_, pre) in r.form.records.items()
        for k in pre["ist_kosten"]
    )
    for row in _rows(sheet, 4):
        sid = _steckbrief(r, sheet, row)
        jahr = r.cell(sheet, row, 2, lambda v: cells.year(v, r.jahre))
        kategorie = r.cell(sheet, row, 3, lambda v: cells.choice(v, L.KATEGORIE_CHOICES, " Kategorie", kategorien))
        betrag = r.cell(sheet, row, 4, cells.amount)
        values = {"B": jahr, "C": kategorie, "D": betrag}
        missing = [col for col, v in values.items() if v is None and cells.is_empty(sheet.ws[f"{col}{row}"].value)]
        names = {"B": "Jahr", "C": "Kategorie", "D": "Betrag"}
        for col in missing:
            r.problem(
                sheet.ws.title,
                f"{col}{row}",
                f"{names[col]} fehlt; eine Zeile der Ist-Kosten braucht Steckbrief, Jahr, Kategorie und Betrag.",
            )
        if sid is None or None in values.values():
            continue
        if recorded[(sid, jahr, kategorie, betrag)] > 0:
            recorded[(sid, jahr, kategorie, betrag)] -= 1
            continue
        r.form.ist_kosten.append(KostenAntwort(sid, row, jahr, kategorie, betrag))


def read_form(path: str | Path, jahre: range, display: str | None = None) -> tuple[Formular, list[CellProblem]]:
    """The answers of one returned form and every problem found in it."""
    p = Path(path)
    form = Formular(p, display or p.name)
    r = _Reader(form, jahre)
    wb, computed, why = _load(p, form.display)
    if wb is None:
        r.problem(None, None, why)
        return form, r.problems
    if not _read_meta(r, wb):
        return form, r.problems
    for name, headers, reader in (
        (L.SACHSTAND, L.SACHSTAND_HEADERS, _read_sachstand),
        (L.MEILENSTEINE, L.MEILENSTEINE_HEADERS, _read_meilensteine),
        (L.IST_KOSTEN, L.IST_KOSTEN_HEADERS, _read_ist_kosten),
    ):
        sheet = _sheet(r, wb, computed, name, headers)
        if sheet is not None:
            reader(r, sheet)
    return form, sorted(r.problems, key=_position)


def _position(p: CellProblem):
    """Problems in the order of the sheets, then rows, then columns."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    order = (L.SACHSTAND, L.MEILENSTEINE, L.IST_KOSTEN)
    if not p.cell:
        return (-1, 0, 0)
    col, row = coordinate_from_string(p.cell)
    return (order.index(p.sheet) if p.sheet in order else 9, row, column_index_from_string(col))
