"""``digistrat einlesen``: the whole round trip on the Dithmarschen example, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import openpyxl
import pytest
from conftest import EXAMPLE
from sheets_helpers import STICHTAG, answers_for, expected_after, fill_form, removed_and_added, snapshot

HEIDE = "sachstandsabfrage-stadt-heide.xlsx"


def _data(text: str) -> dict:
    """YAML 1.2 data with exact decimals (what the file says, not a float)."""
    from decimal import Decimal

    from ruamel.yaml import YAML

    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, float):
            return Decimal(repr(v)).normalize()
        return v

    return plain(YAML(typ="safe", pure=True).load(text))


@pytest.fixture
def issued(cli, example_copy, tmp_path):
    """Forms for every partner, and each one filled in by its partner."""
    out = tmp_path / "formulare"
    assert cli("abfrage", example_copy, "--out", out, "--stichtag", STICHTAG).code == 0
    back = tmp_path / "zurueck"
    back.mkdir()
    answered = {}
    for form in sorted(out.iterdir()):
        answered[form.name] = fill_form(form, back / form.name)
    return example_copy, out, back, answered


def test_round_trip_for_every_partner(cli, issued, golden):
    project, _, back, answered = issued
    assert len(answered) == 9 and sum(len(ids) for ids in answered.values()) == 22
    result = cli("einlesen", *sorted(back.iterdir()), project)
    assert result.code == 0, result
    assert result.out.endswith("22 Steckbriefe geändert.\n")
    for sb in sorted((project / "steckbriefe").iterdir()):
        before = (EXAMPLE / "steckbriefe" / sb.name).read_text(encoding="utf-8")
        after = sb.read_text(encoding="utf-8")
        removed, added = removed_and_added(before, after)
        # comments, order and layout kept: the only line replaced is the status, where it changed
        status_line = [line for line in before.splitlines() if line.startswith("status:")]
        assert removed == (status_line if answers_for(sb.stem)["status"] else []), sb.name
        assert all(
            line.startswith("  ") or line in ("status: abgeschlossen", "sachstand:", "ist_kosten:") for line in added
        )
        # and the data differs by exactly the answers
        assert _data(after) == expected_after(_data(before), sb.stem, dt.date(2026, 12, 31)), sb.name
    golden("sheets/DD-01.yaml", (project / "steckbriefe" / "DD-01.yaml").read_text(encoding="utf-8"))
    assert cli("validate", project).code == 0
    bericht = cli("bericht", project, "--stichtag", STICHTAG)
    assert bericht.code == 0, bericht
    assert (
        "- **DD-10 LoRaWAN-Netz Dithmarschen** (Gelb, 31.12.2026): Stand DD-10 – Arbeitspaket 10 läuft.\n"
        in bericht.out
    )


def test_reading_the_same_forms_again_changes_nothing(cli, issued):
    project, _, back, _ = issued
    assert cli("einlesen", *sorted(back.iterdir()), project).code == 0
    before = snapshot(project)
    again = cli("einlesen", *sorted(back.iterdir()), project)
    assert again.code == 0
    assert again.out.endswith("Keine Änderungen: Die Antworten stehen schon in den Steckbriefen.\n")
    assert snapshot(project) == before


def test_one_bad_cell_stops_everything(cli, issued):
    project, _, back, _ = issued
    wb = openpyxl.load_workbook(back / HEIDE)
    wb["Sachstand"]["E3"] = "weit"
    wb.save(back / HEIDE)
    before = snapshot(project)
    result = cli("einlesen", *sorted(back.iterdir()), project)
    assert result.code == 1
    assert result.err.splitlines()[-2].endswith(f"{HEIDE}: Sachstand!E3: „weit“ ist keine ganze Zahl von 0 bis 100.")
    assert result.err.splitlines()[-1] == "Es wurde nichts geändert."
    assert snapshot(project) == before


def test_a_steckbrief_changed_since_the_form_was_made(cli, issued):
    project, _, back, _ = issued
    sb = project / "steckbriefe" / "DD-13.yaml"
    sb.write_text(sb.read_text(encoding="utf-8").replace("prioritaet: mittel", "prioritaet: hoch"), encoding="utf-8")
    before = snapshot(project)
    stale = cli("einlesen", back / HEIDE, project)
    assert stale.code == 1
    lines = stale.err.splitlines()
    assert lines == [
        f"Fehler: {(back / HEIDE).as_posix()}: DD-13 ({sb.as_posix()}) wurde geändert, seit das Formular erstellt wurde.",
        "Bitte die Änderungen prüfen und mit --trotzdem einlesen oder ein neues Formular verschicken. "
        "Es wurde nichts geändert.",
    ]
    assert lines[-1].startswith("Bitte die Änderungen prüfen und mit --trotzdem einlesen")
    assert snapshot(project) == before
    forced = cli("einlesen", back / HEIDE, project, "--trotzdem")
    assert forced.code == 0, forced
    assert "prioritaet: hoch" in sb.read_text(encoding="utf-8")
    assert f"datum: {STICHTAG}" in sb.read_text(encoding="utf-8")


def test_json_output(cli, issued):
    project, _, back, _ = issued
    result = cli("einlesen", back / HEIDE, project, "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["formulare"] == [
        {"datei": data["formulare"][0]["datei"], "partner": "stadt-heide", "stichtag": STICHTAG}
    ]
    assert data["steckbriefe"][0]["id"] == "DD-10"
    assert data["steckbriefe"][0]["aenderungen"] == [
        {"art": "status", "alt": "in-umsetzung", "neu": "abgeschlossen"},
        {
            "art": "sachstand",
            "datum": STICHTAG,
            "ampel": "gelb",
            "fortschritt": 70,
            "text": "Stand DD-10 – Arbeitspaket 10 läuft.",
        },
    ]
    assert [s["id"] for s in data["steckbriefe"]] == ["DD-10", "DD-13"]
    assert len(data["geschrieben"]) == 2


def test_same_steckbrief_in_two_forms_and_foreign_project(cli, issued, tmp_path):
    project, _, back, _ = issued
    copy = tmp_path / "kopie.xlsx"
    shutil.copyfile(back / HEIDE, copy)
    twice = cli("einlesen", back / HEIDE, copy, project)
    assert twice.code == 1
    assert "kopie.xlsx: Der Steckbrief DD-10 steht auch in" in twice.err
    strategie = project / "strategie.yaml"
    strategie.write_text(
        strategie.read_text(encoding="utf-8").replace("titel: Dithmarschen Digital", "titel: Nordfriesland Digital", 1),
        encoding="utf-8",
    )
    foreign = cli("einlesen", back / HEIDE, project)
    assert foreign.code == 1
    assert "Das Formular gehört zum Projekt „Dithmarschen Digital“, nicht zu „Nordfriesland Digital“." in foreign.err


def test_merged_project_must_validate(example_copy):
    from digistrat.sheets.einlesen import EinlesenFehler, _validate_merged
    from digistrat.validation import check

    result = check(example_copy)
    broken = {example_copy / "steckbriefe" / "DD-10.yaml": "id: DD-10\ntitel: LoRaWAN\n"}
    with pytest.raises(EinlesenFehler) as exc:
        _validate_merged(result, broken)
    assert "DD-10.yaml" in exc.value.message
    assert exc.value.message.endswith(
        "Mit diesen Antworten wäre das Projekt nicht mehr gültig.\nEs wurde nichts geändert."
    )


def test_milestones_reached_and_a_corrected_form(cli, example_copy, tmp_path):
    sb = example_copy / "steckbriefe" / "DD-10.yaml"
    line = "  - {titel: Alle Gateways in Betrieb, faellig: 2026-12}\n"
    text = sb.read_text(encoding="utf-8")
    assert line in text
    sb.write_text(text.replace(line, line[:-1] + "   # Ausbaustufe 2\n"), encoding="utf-8")
    out = tmp_path / "f"
    assert cli("abfrage", example_copy, "--out", out, "-p", "stadt-heide", "--stichtag", STICHTAG).code == 0
    wb = openpyxl.load_workbook(out / HEIDE)
    ms = wb["Meilensteine"]
    assert [[c.value for c in row] for row in ms.iter_rows(min_row=2)] == [
        ["DD-10", "Stadtgebiet Heide versorgt", dt.datetime(2024, 12, 1), dt.datetime(2024, 12, 16)],
        ["DD-10", "Alle Gateways in Betrieb", dt.datetime(2026, 12, 1), None],
    ]
    assert (ms["C2"].number_format, ms["D2"].number_format) == ("MM.YYYY", "DD.MM.YYYY")
    assert [ms[f"{c}3"].protection.locked for c in "ABCD"] == [True, True, True, False]
    ms["D3"] = "12.2026"
    wb.save(tmp_path / "a.xlsx")
    result = cli("einlesen", tmp_path / "a.xlsx", example_copy)
    assert result.code == 0, result
    assert result.out.splitlines()[1:] == [
        f"DD-10 – LoRaWAN-Netz Dithmarschen ({sb.as_posix()})",
        "  Meilenstein „Alle Gateways in Betrieb“: erreicht am 12.2026",
        "1 Steckbrief geändert.",
    ]
    assert (
        "  - {titel: Alle Gateways in Betrieb, faellig: 2026-12, erreicht: 2026-12} # Ausbaustufe 2\n"
        in sb.read_text(encoding="utf-8")
    )  # the comment stays (ruamel puts it one space after the longer line)
    # the partner sends a corrected form for the same Stichtag: the new date replaces the old one
    ms["D3"] = dt.datetime(2026, 11, 30)
    wb.save(tmp_path / "b.xlsx")
    assert cli("einlesen", tmp_path / "b.xlsx", example_copy).code == 1  # DD-10 changed since: stale
    forced = cli("einlesen", tmp_path / "b.xlsx", example_copy, "--trotzdem")
    assert forced.out.splitlines()[2] == "  Meilenstein „Alle Gateways in Betrieb“: erreicht am 30.11.2026"
    assert "erreicht: 2026-11-30} # Ausbaustufe 2\n" in sb.read_text(encoding="utf-8")
