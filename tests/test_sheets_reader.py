"""Reading returned forms: every kind of bad cell, named by file, sheet and cell; good cells exactly."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import openpyxl
import pytest

from digistrat.sheets.form_reader import read_form

JAHRE = range(2023, 2027)


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    """Stadt Heide's form (DD-10, DD-13) without history and with one open milestone for DD-10."""
    from conftest import EXAMPLE

    from digistrat.sheets.form_writer import build_form
    from digistrat.sheets.source import staende
    from digistrat.validation import check

    result = check(EXAMPLE)
    current = staende(result)
    # as before the first report (the example's history left out), with one open milestone
    for sid in ("DD-10", "DD-13"):
        data = {k: v for k, v in current[sid].data.items() if k not in ("sachstand", "meilensteine", "ist_kosten")}
        current[sid].data = data
    current["DD-10"].data["meilensteine"] = [{"titel": "Gateways montiert", "faellig": "2024-06"}]
    path = tmp_path_factory.mktemp("form") / "heide.xlsx"
    path.write_bytes(
        build_form(result.project, [current["DD-10"], current["DD-13"]], "stadt-heide", dt.date(2026, 6, 30), "")
    )
    return path


def fill(blank, tmp_path, cells: dict[str, object], name="sachstandsabfrage-stadt-heide.xlsx"):
    """Fill ``{"Sachstand!E2": 40, …}`` into a copy of the blank form, as a partner would."""
    target = tmp_path / name
    shutil.copyfile(blank, target)
    wb = openpyxl.load_workbook(target)
    for ref, value in cells.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    wb.save(target)
    return target


def messages(path):
    return [str(p) for p in read_form(path, JAHRE, path.name)[1]]


def test_untouched_form_reads_as_the_prefilled_values(blank):
    form, problems = read_form(blank, JAHRE)
    assert problems == []
    assert (form.partner, form.projekt, form.stichtag) == ("stadt-heide", "Dithmarschen Digital", dt.date(2026, 6, 30))
    assert [(a.steckbrief, a.status, a.ampel, a.fortschritt, a.text) for a in form.sachstand] == [
        ("DD-10", "in-umsetzung", None, None, ""),
        ("DD-13", "geplant", None, None, ""),
    ]
    assert form.meilensteine == [] and form.ist_kosten == []


def test_good_answers_in_every_spelling(blank, tmp_path):
    path = fill(
        blank,
        tmp_path,
        {
            "Sachstand!C2": "abgeschlossen",
            "Sachstand!D2": "GRÜN",
            "Sachstand!E2": 100.0,
            "Sachstand!F2": "Fertig.\r\nAbnahme erfolgt.  ",
            "Sachstand!D3": "gruen",
            "Sachstand!E3": "25 %",
            "Sachstand!F3": "Ausschreibung vorbereitet.",
            "Meilensteine!D2": dt.datetime(2024, 7, 15),
            "Ist-Kosten!A2": "DD-10",
            "Ist-Kosten!B2": 2024,
            "Ist-Kosten!C2": "Sachkosten",
            "Ist-Kosten!D2": 1234.5,
            "Ist-Kosten!A3": "DD-13",
            "Ist-Kosten!B3": "2025",
            "Ist-Kosten!C3": "lizenzen",
            "Ist-Kosten!D3": "1.234,56 €",
            "Ist-Kosten!A4": "DD-13",
            "Ist-Kosten!B4": 2026,
            "Ist-Kosten!C4": "Sonstige",
            "Ist-Kosten!D4": 0.1,
        },
    )
    form, problems = read_form(path, JAHRE)
    assert problems == []
    assert [(a.status, a.ampel, a.fortschritt, a.text) for a in form.sachstand] == [
        ("abgeschlossen", "gruen", 100, "Fertig.\nAbnahme erfolgt."),
        ("geplant", "gruen", 25, "Ausschreibung vorbereitet."),
    ]
    assert [(m.steckbrief, m.titel, m.index, m.erreicht) for m in form.meilensteine] == [
        ("DD-10", "Gateways montiert", 0, "2024-07-15")
    ]
    assert [(k.steckbrief, k.jahr, k.kategorie, k.betrag) for k in form.ist_kosten] == [
        ("DD-10", 2024, "sachkosten", Decimal("1234.50")),
        ("DD-13", 2025, "lizenzen", Decimal("1234.56")),
        ("DD-13", 2026, "sonstige", Decimal("0.10")),
    ]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"Sachstand!E3": "viel"}, "Sachstand!E3: „viel“ ist keine ganze Zahl von 0 bis 100."),
        ({"Sachstand!E2": 40.5}, "Sachstand!E2: „40.5“ ist keine ganze Zahl von 0 bis 100."),
        ({"Sachstand!E2": 120}, "Sachstand!E2: 120 liegt nicht zwischen 0 und 100."),
        ({"Sachstand!D2": "blau"}, "Sachstand!D2: Unbekannte Ampel „blau“; erlaubt: grün, gelb, rot."),
        (
            {"Sachstand!C3": "fertig"},
            "Sachstand!C3: Unbekannter Status „fertig“; erlaubt: Idee, Geplant, In Umsetzung, Abgeschlossen, "
            "Zurückgestellt, Verworfen.",
        ),
        ({"Sachstand!C2": None}, "Sachstand!C2: Status fehlt; bitte einen Status aus der Liste wählen."),
        (
            {"Sachstand!E2": 50, "Sachstand!F2": "Läuft."},
            "Sachstand!D2: Ampel fehlt; ein neuer Sachstand braucht Ampel und Text.",
        ),
        (
            {"Sachstand!A3": "DD-99"},
            "Sachstand!A3: Unbekannter Steckbrief „DD-99“; dieses Formular fragt nach DD-10, DD-13.",
        ),
        ({"Meilensteine!D2": "bald"}, "Meilensteine!D2: „bald“ ist kein Datum; bitte TT.MM.JJJJ eintragen."),
        ({"Meilensteine!D2": "31.02.2024"}, "Meilensteine!D2: Den Tag „31.02.2024“ gibt es nicht."),
        ({"Sachstand!D3": "rot"}, "Sachstand!F3: Sachstand fehlt; ein neuer Sachstand braucht Ampel und Text."),
        (
            {"Meilensteine!B2": "Gateways bestellt"},
            "Meilensteine!B2: Den Meilenstein „Gateways bestellt“ hat dieses Formular für DD-10 nicht gestellt.",
        ),
        (
            {"Ist-Kosten!A2": "DD-01", "Ist-Kosten!B2": 2024, "Ist-Kosten!C2": "Sachkosten", "Ist-Kosten!D2": 10},
            "Ist-Kosten!A2: Unbekannter Steckbrief „DD-01“; dieses Formular fragt nach DD-10, DD-13.",
        ),
        (
            {"Ist-Kosten!A2": "DD-10", "Ist-Kosten!B2": 2024, "Ist-Kosten!C2": "Sachkosten", "Ist-Kosten!D2": -250},
            "Ist-Kosten!D2: Der Betrag -250 ist negativ; Ist-Kosten sind Beträge ab 0 €.",
        ),
        (
            {
                "Ist-Kosten!A2": "DD-10",
                "Ist-Kosten!B2": 2024,
                "Ist-Kosten!C2": "Sachkosten",
                "Ist-Kosten!D2": "zehn Euro",
            },
            "Ist-Kosten!D2: „zehn Euro“ ist kein Betrag in Euro.",
        ),
        (
            {"Ist-Kosten!A2": "DD-10", "Ist-Kosten!B2": 2024, "Ist-Kosten!C2": "Sachkosten", "Ist-Kosten!D2": 10.005},
            "Ist-Kosten!D2: Der Betrag 10.005 hat mehr als zwei Nachkommastellen.",
        ),
        (
            {"Ist-Kosten!A2": "DD-10", "Ist-Kosten!B2": 2031, "Ist-Kosten!C2": "Sachkosten", "Ist-Kosten!D2": 10},
            "Ist-Kosten!B2: Das Jahr 2031 liegt außerhalb der Laufzeit 2023–2026.",
        ),
        (
            {"Ist-Kosten!A2": "DD-10", "Ist-Kosten!B2": 2024, "Ist-Kosten!C2": "Kaffee", "Ist-Kosten!D2": 10},
            "Ist-Kosten!C2: Unbekannte Kategorie „Kaffee“; erlaubt: Personalkosten, Sachkosten, Dienstleistungen, "
            "Investitionen, Lizenzen, Sonstige.",
        ),
        (
            {"Ist-Kosten!A2": "DD-10", "Ist-Kosten!C2": "Sachkosten", "Ist-Kosten!D2": 10},
            "Ist-Kosten!B2: Jahr fehlt; eine Zeile der Ist-Kosten braucht Steckbrief, Jahr, Kategorie und Betrag.",
        ),
        (
            {"Ist-Kosten!A2": "DD-10", "Ist-Kosten!B2": 2024, "Ist-Kosten!C2": "Sachkosten", "Ist-Kosten!D2": "=5*3"},
            "Ist-Kosten!D2: Die Zelle enthält eine Formel ohne berechneten Wert; bitte den Wert selbst eintragen.",
        ),
    ],
)
def test_every_kind_of_bad_cell(blank, tmp_path, cells, expected):
    path = fill(blank, tmp_path, cells)
    assert messages(path) == [f"sachstandsabfrage-stadt-heide.xlsx: {expected}"]


def test_all_problems_of_a_form_at_once_in_sheet_order(blank, tmp_path):
    path = fill(
        blank,
        tmp_path,
        {
            "Ist-Kosten!A2": "DD-77",
            "Ist-Kosten!B2": 2024,
            "Ist-Kosten!C2": "Sachkosten",
            "Ist-Kosten!D2": -1,
            "Sachstand!E3": "fast fertig",
            "Sachstand!D2": "lila",
        },
    )
    assert [m.split(": ")[1] for m in messages(path)] == [
        "Sachstand!D2",
        "Sachstand!E3",
        "Ist-Kosten!A2",
        "Ist-Kosten!D2",
    ]


def test_a_moved_column_is_named(blank, tmp_path):
    path = fill(blank, tmp_path, {"Sachstand!E1": "Fortschritt"})
    assert messages(path) == [
        "sachstandsabfrage-stadt-heide.xlsx: Sachstand!E1: Spaltenkopf „Fortschritt“, erwartet „Fortschritt (%)“."
    ]


def test_a_workbook_that_is_no_form(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Projekt"
    wb.save(tmp_path / "liste.xlsx")
    (tmp_path / "kaputt.xlsx").write_text("kein zip", encoding="utf-8")
    assert messages(tmp_path / "liste.xlsx") == [
        "liste.xlsx: Kein Sachstandsabfrage-Formular von digistrat (das verborgene Blatt „_digistrat“ fehlt)."
    ]
    assert messages(tmp_path / "kaputt.xlsx") == ["kaputt.xlsx: Die Datei ist keine lesbare XLSX-Arbeitsmappe."]
