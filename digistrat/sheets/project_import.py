"""``digistrat import``: an existing project list (one row per project) → Steckbriefe + agenda.

Columns are mapped by a small YAML file (``--zuordnung``, documented in docs/import.md)::

    blatt: Projekte                # optional; default: the first sheet
    spalten:                       # Steckbrief field: column header in the list
      id: Nr.
      titel: Projekt
    werte:                         # optional: cell text → format value, per field
      status: {läuft: in-umsetzung}
    standard:                      # optional: value for empty cells, per field
      status: idee

Without a mapping file the headers are the German field names of :data:`DEFAULT_SPALTEN`.
Enumerated fields also take their German labels (``In Umsetzung``), ``handlungsfeld`` the
Handlungsfeld's title, ``verantwortlich``/``beteiligte`` a partner's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from digistrat.errors import DigistratError
from digistrat.labels import BEZEICHNUNGEN
from digistrat.sheets import cells
from digistrat.sheets.cells import CellError

PFLICHT = ("id", "titel", "handlungsfeld", "status", "verantwortlich", "kurzbeschreibung")
FELDER = (*PFLICHT, "typ", "prioritaet", "beschreibung", "beteiligte", "zeitraum.von", "zeitraum.bis")
DEFAULT_SPALTEN = {
    "id": "Kennung",
    "titel": "Titel",
    "handlungsfeld": "Handlungsfeld",
    "status": "Status",
    "verantwortlich": "Verantwortlich",
    "kurzbeschreibung": "Kurzbeschreibung",
}


@dataclass
class Zuordnung:
    spalten: dict[str, str]
    blatt: str | None = None
    werte: dict[str, dict[str, str]] = field(default_factory=dict)
    standard: dict[str, str] = field(default_factory=dict)


def load_zuordnung(path: Path | None) -> Zuordnung:
    """The mapping file, checked: known fields only, every required field mapped or defaulted."""
    if path is None:
        return Zuordnung(dict(DEFAULT_SPALTEN))
    from digistrat.authoring.roundtrip import load_document

    data = load_document(path).data
    shown = path.as_posix()
    unknown = sorted(set(data) - {"blatt", "spalten", "werte", "standard"})
    if unknown:
        raise DigistratError(
            f"{shown}: Unbekannter Schlüssel „{unknown[0]}“; erlaubt: blatt, spalten, werte, standard."
        )
    z = Zuordnung(
        {str(k): str(v) for k, v in (data.get("spalten") or {}).items()},
        str(data["blatt"]) if data.get("blatt") else None,
        {str(k): {str(a): str(b) for a, b in (v or {}).items()} for k, v in (data.get("werte") or {}).items()},
        {str(k): str(v) for k, v in (data.get("standard") or {}).items()},
    )
    for name in (*z.spalten, *z.werte, *z.standard):
        if name not in FELDER:
            raise DigistratError(f"{shown}: Unbekanntes Feld „{name}“; erlaubt: {', '.join(FELDER)}.")
    missing = [f for f in PFLICHT if f not in z.spalten and f not in z.standard]
    if missing:
        raise DigistratError(
            f"{shown}: Keine Spalte für das Pflichtfeld „{missing[0]}“ (unter spalten: oder standard:)."
        )
    return z


def _lookup(project) -> dict[str, dict[str, str]]:
    """Accepted spellings (casefolded) → format value, for the fields with a fixed set of values."""

    def table(pairs):
        return {str(k).casefold(): v for k, v in pairs}

    by_label = {
        art: table([*((v, v) for v in labels), *((label, v) for v, label in labels.items())])
        for art, labels in BEZEICHNUNGEN.items()
    }
    partner = table([*((p.id, p.id) for p in project.partner), *((p.name, p.id) for p in project.partner)])
    felder = project.strategie.handlungsfelder
    return {
        "status": by_label["status"],
        "typ": by_label["typ"],
        "prioritaet": by_label["prioritaet"],
        "handlungsfeld": table([*((h.id, h.id) for h in felder), *((h.titel, h.id) for h in felder)]),
        "verantwortlich": partner,
        "beteiligte": partner,
    }


@dataclass
class Zeile:
    row: int
    werte: dict  # field → value, in FELDER order


class _Rows:
    """Parses the rows of the list; problems collected as ``Blatt!Zelle: Text``."""

    def __init__(self, ws, z: Zuordnung, project, display: str):
        self.ws, self.z, self.display = ws, z, display
        self.lookup = _lookup(project)
        self.problems: list[str] = []
        headers = {cells.text(c.value): c.column for c in ws[1] if not cells.is_empty(c.value)}
        self.columns: dict[str, int] = {}
        for feld, header in z.spalten.items():
            if header not in headers:
                self.problems.append(f"{display}: Blatt {ws.title}, Zeile 1: Die Spalte „{header}“ (für {feld}) fehlt.")
            else:
                self.columns[feld] = headers[header]

    def value(self, feld: str, raw):
        mapped = self.z.werte.get(feld, {})
        if feld == "beteiligte":
            return [
                self.one(feld, mapped.get(part, part))
                for part in (p.strip() for p in cells.text(raw).split(","))
                if part
            ]
        if feld.startswith("zeitraum."):
            import datetime as dt

            day = cells.date(raw) or ""
            return dt.date.fromisoformat(day) if len(day) == 10 else day
        text = cells.text(raw)
        return self.one(feld, mapped.get(text, text))

    def one(self, feld: str, text: str) -> str:
        table = self.lookup.get(feld)
        if table is None:
            return text
        if text.casefold() not in table:
            raise CellError(f"„{text}“ ist kein bekannter Wert für {feld}.")
        return table[text.casefold()]

    def at(self, feld: str, row: int) -> str:
        """``liste.xlsx: Projekte!C5`` for the cell of ``feld`` in ``row`` (the row without a column)."""
        from openpyxl.utils import get_column_letter

        col = self.columns.get(feld)
        cell = f"{get_column_letter(col)}{row}" if col else f"Zeile {row}"
        return f"{self.display}: {self.ws.title}!{cell}"

    def parse(self, row: int) -> Zeile:
        werte = {}
        for feld in FELDER:
            col = self.columns.get(feld)
            where = self.at(feld, row)
            raw = self.ws.cell(row, col).value if col else None
            if cells.is_empty(raw):
                raw = self.z.standard.get(feld)
            if cells.is_empty(raw):
                if feld in PFLICHT:
                    self.problems.append(f"{where}: Pflichtfeld {feld} ist leer.")
                continue
            try:
                werte[feld] = self.value(feld, raw)
            except CellError as exc:
                self.problems.append(f"{where}: {exc.message}")
        return Zeile(row, werte)


def _sheet(path: Path, z: Zuordnung, display: str):
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except FileNotFoundError:
        raise DigistratError(f"{display}: Die Datei gibt es nicht.") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DigistratError(f"{display}: Die Datei ist keine lesbare XLSX-Arbeitsmappe.") from None
    if z.blatt is None:
        return wb.worksheets[0]
    if z.blatt not in wb.sheetnames:
        raise DigistratError(f"{display}: Das Blatt „{z.blatt}“ fehlt; vorhanden: {', '.join(wb.sheetnames)}.")
    return wb[z.blatt]


def steckbrief_text(werte: dict, quelle: str) -> str:
    """A new Steckbrief file in the format's key order, with a comment naming its source row."""
    from ruamel.yaml.comments import CommentedMap

    from digistrat.authoring import roundtrip as rt

    doc = CommentedMap()
    for feld in ("id", "titel", "handlungsfeld", "status", "typ", "prioritaet", "kurzbeschreibung", "beschreibung"):
        if feld in werte:
            doc[feld] = werte[feld]
    doc["verantwortlich"] = werte["verantwortlich"]
    if werte.get("beteiligte"):
        doc["beteiligte"] = rt.to_yaml(werte["beteiligte"])
    if "zeitraum.von" in werte and "zeitraum.bis" in werte:
        doc["zeitraum"] = rt.flow_mapping({"von": werte["zeitraum.von"], "bis": werte["zeitraum.bis"]})
    doc.yaml_set_start_comment(f"Importiert aus {quelle}")
    return rt.dump_document(doc)


@dataclass
class Importiert:
    ids: list[str]
    geschrieben: list[str]


def import_list(result, path: Path, zuordnung: Zuordnung, display: str) -> Importiert:
    """Write a Steckbrief per row and add them to the agenda; all or nothing."""
    from digistrat.authoring import roundtrip as rt
    from digistrat.loading.project import display_path
    from digistrat.sheets.einlesen import EinlesenFehler, _validate_merged, write_all

    project = result.project
    ws = _sheet(path, zuordnung, display)
    rows = _Rows(ws, zuordnung, project, display)
    zeilen = [] if rows.problems else [rows.parse(r) for r in range(2, ws.max_row + 1) if _filled(ws, r)]
    problems, seen = rows.problems, {s.id: "im Projekt" for s in project.steckbriefe}
    texts: dict = {}
    root = project.root
    for z in zeilen:
        sid = z.werte.get("id")
        if sid is None:
            continue
        if sid in seen:
            problems.append(f"{rows.at('id', z.row)}: Den Steckbrief {sid} gibt es schon {seen[sid]}.")
            continue
        seen[sid] = f"in Zeile {z.row}"
        target = root / "steckbriefe" / f"{sid}.yaml"
        if target.exists():
            problems.append(f"{rows.at('id', z.row)}: {display_path(target)} gibt es schon.")
        texts[target] = z
    if problems:
        raise EinlesenFehler(problems)
    for target, z in texts.items():
        texts[target] = steckbrief_text(z.werte, f"{path.name}, Blatt {ws.title}, Zeile {z.row}")
    if not texts:
        raise EinlesenFehler([f"{display}: Keine Projekte gefunden (Blatt {ws.title} hat keine gefüllten Zeilen)."])
    agenda = rt.load_document(root / "agenda.yaml")
    for z in zeilen:
        rt.append_to_sequence(agenda.data, "projekte", z.werte["id"], comment=z.werte["titel"])
    texts[root / "agenda.yaml"] = rt.dump_document(agenda)
    _validate_merged(result, texts)
    write_all(texts)
    return Importiert([z.werte["id"] for z in zeilen], [display_path(p) for p in texts])


def _filled(ws, row: int) -> bool:
    return any(not cells.is_empty(c.value) for c in ws[row])
