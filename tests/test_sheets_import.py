"""``digistrat import``: a project list → Steckbriefe and agenda entries, all or nothing."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sheets_helpers import snapshot

ZUORDNUNG = """# Zuordnung der Projektliste des Kreises
blatt: Projekte
spalten:
  id: Nr.
  titel: Projekt
  handlungsfeld: Bereich
  status: Stand
  verantwortlich: Federführung
  kurzbeschreibung: Kurzbeschreibung
  beteiligte: Beteiligte
  zeitraum.von: Beginn
  zeitraum.bis: Ende
werte:
  status: {läuft: in-umsetzung}
standard:
  status: idee
"""
HEADERS = ["Nr.", "Projekt", "Bereich", "Stand", "Federführung", "Kurzbeschreibung", "Beteiligte", "Beginn", "Ende"]


@pytest.fixture
def liste(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name the list as the user typed it: liste.xlsx

    def make(*rows):
        wb = openpyxl.Workbook()
        wb.active.title = "Übersicht"
        ws = wb.create_sheet("Projekte")
        ws.append(HEADERS)
        for row in rows:
            ws.append(row)
        wb.save(tmp_path / "liste.xlsx")
        (tmp_path / "zuordnung.yaml").write_text(ZUORDNUNG, encoding="utf-8")
        return tmp_path / "liste.xlsx", tmp_path / "zuordnung.yaml"

    return make


GOOD = [
    [
        "DD-23",
        "Digitale Sitzungsdienste",
        "Verwaltung",
        "läuft",
        "Stadt Heide",
        "Ratsinformationssystem für alle Ämter.",
        "amt-klg-eider, Stadt Brunsbüttel",
        dt.datetime(2024, 3, 1),
        "12.2025",
    ],
    [
        "DD-24",
        "Open-Data-Portal",
        "verwaltung",
        None,
        "kreis-dithmarschen",
        "Offene Daten des Kreises.",
        None,
        None,
        None,
    ],
]


def test_import_writes_steckbriefe_and_agenda(cli, example_copy, liste):
    xlsx, mapping = liste(*GOOD)
    result = cli("import", xlsx, example_copy, "--zuordnung", mapping)
    assert result.code == 0, result
    assert result.out.splitlines()[0] == "2 Steckbriefe importiert: DD-23, DD-24"
    assert (example_copy / "steckbriefe" / "DD-23.yaml").read_text(encoding="utf-8") == (
        "# Importiert aus liste.xlsx, Blatt Projekte, Zeile 2\n"
        "id: DD-23\n"
        "titel: Digitale Sitzungsdienste\n"
        "handlungsfeld: verwaltung\n"
        "status: in-umsetzung\n"
        "kurzbeschreibung: Ratsinformationssystem für alle Ämter.\n"
        "verantwortlich: stadt-heide\n"
        "beteiligte:\n"
        "  - amt-klg-eider\n"
        "  - stadt-brunsbuettel\n"
        "zeitraum: {von: 2024-03-01, bis: 2025-12}\n"
    )
    assert (example_copy / "steckbriefe" / "DD-24.yaml").read_text(encoding="utf-8").splitlines()[4] == "status: idee"
    agenda = (example_copy / "agenda.yaml").read_text(encoding="utf-8")
    assert agenda.endswith(
        "  - DD-15   # Digitale Museumsangebote\n  - DD-23   # Digitale Sitzungsdienste\n  - DD-24   # Open-Data-Portal\n"
    )
    assert agenda.startswith("# Digitale Agenda – Anlage 2 zur Drucksache 2022/1218\n")
    assert cli("validate", example_copy).code == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({2: "Schule"}, "liste.xlsx: Projekte!C2: „Schule“ ist kein bekannter Wert für handlungsfeld."),
        ({4: "Stadt Husum"}, "liste.xlsx: Projekte!E2: „Stadt Husum“ ist kein bekannter Wert für verantwortlich."),
        ({5: None}, "liste.xlsx: Projekte!F2: Pflichtfeld kurzbeschreibung ist leer."),
        ({7: "irgendwann"}, "liste.xlsx: Projekte!H2: „irgendwann“ ist kein Datum; bitte TT.MM.JJJJ eintragen."),
        ({0: "DD-01"}, "liste.xlsx: Projekte!A2: Den Steckbrief DD-01 gibt es schon im Projekt."),
        ({0: "DD-24"}, "liste.xlsx: Projekte!A3: Den Steckbrief DD-24 gibt es schon in Zeile 2."),
    ],
)
def test_bad_rows_change_nothing(cli, example_copy, liste, change, expected):
    row = list(GOOD[0])
    for i, value in change.items():
        row[i] = value
    xlsx, mapping = liste(row, GOOD[1])
    before = snapshot(example_copy)
    result = cli("import", xlsx, example_copy, "--zuordnung", mapping)
    assert result.code == 1
    assert result.err == f"Fehler: {expected}\nEs wurde nichts geändert.\n"
    assert snapshot(example_copy) == before


def test_mapping_file_errors(cli, example_copy, liste, tmp_path):
    xlsx, mapping = liste(*GOOD)
    mapping.write_text(ZUORDNUNG.replace("  titel: Projekt\n", "  titel: Projekt\n  farbe: Farbe\n"), encoding="utf-8")
    result = cli("import", xlsx, example_copy, "--zuordnung", mapping)
    assert result.code == 2
    assert "Unbekanntes Feld „farbe“" in result.err
    default = cli("import", xlsx, example_copy)
    assert default.code == 1
    assert (
        default.err.splitlines()[0]
        == "Fehler: liste.xlsx: Blatt Übersicht, Zeile 1: Die Spalte „Kennung“ (für id) fehlt."
    )
