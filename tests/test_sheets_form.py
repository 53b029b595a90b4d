"""``digistrat abfrage``: the XLSX form's layout, protection, validations, revision record, safety."""

from __future__ import annotations

import datetime as dt
import os
import zipfile

import openpyxl
import pytest

from digistrat.sheets import layout as L

STICHTAG = "2026-12-31"
HEIDE = "sachstandsabfrage-stadt-heide.xlsx"


@pytest.fixture(scope="module")
def all_forms(tmp_path_factory):
    """The forms of every partner, written once for the tests that only read them."""
    import contextlib
    import io
    import shutil

    from conftest import EXAMPLE

    from digistrat.cli import main

    base = tmp_path_factory.mktemp("abfrage")
    shutil.copytree(EXAMPLE, base / "projekt")
    out, buf = base / "formulare", io.StringIO()
    with contextlib.redirect_stdout(buf), pytest.raises(SystemExit) as end:
        main(["abfrage", str(base / "projekt"), "--out", str(out), "--stichtag", STICHTAG])
    assert end.value.code == 0
    return out, buf.getvalue(), base / "projekt"


@pytest.fixture
def forms(cli, example_copy, tmp_path):
    out = tmp_path / "formulare"
    result = cli("abfrage", example_copy, "--out", out, "-p", "stadt-heide", "--stichtag", STICHTAG)
    assert result.code == 0, result
    return out, result


def test_one_form_per_responsible_partner(all_forms):
    out, printed, _ = all_forms
    lines = printed.splitlines()
    assert len(lines) == 9
    assert lines[0].endswith(
        "sachstandsabfrage-kreis-dithmarschen.xlsx: 12 Steckbriefe "
        "(DD-18, DD-19, DD-09, DD-01, DD-03, DD-07, DD-21, DD-11, DD-05, DD-22, DD-06, DD-08)"
    )
    assert lines[-2].endswith(f"{HEIDE}: 2 Steckbriefe (DD-10, DD-13)")
    assert lines[-1].endswith("sachstandsabfrage-stadt-brunsbuettel.xlsx: 1 Steckbrief (DD-04)")
    assert sorted(p.name for p in out.iterdir()) == sorted(line.split(": ")[0].split("/")[-1] for line in lines)


def test_sheets_and_headers_exactly(all_forms):
    wb = openpyxl.load_workbook(all_forms[0] / HEIDE)
    assert wb.sheetnames == ["Sachstand", "Meilensteine", "Ist-Kosten", "Hinweise", "_digistrat"]
    assert wb["_digistrat"].sheet_state == "hidden"
    headers = {name: [c.value for c in wb[name][1]] for name in wb.sheetnames[:3]}
    assert headers == {
        "Sachstand": ["Steckbrief", "Titel", "Status", "Ampel", "Fortschritt (%)", "Sachstand"],
        "Meilensteine": ["Steckbrief", "Meilenstein", "Fällig", "Erreicht am"],
        "Ist-Kosten": ["Steckbrief", "Jahr", "Kategorie", "Betrag (€)"],
    }


def test_sachstand_prefilled_locked_and_validated(all_forms):
    ws = openpyxl.load_workbook(all_forms[0] / HEIDE)["Sachstand"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        # the latest of DD-10's three reports (2026-06-30); DD-13 has none yet
        [
            "DD-10",
            "LoRaWAN-Netz Dithmarschen",
            "In Umsetzung",
            "grün",
            85,
            "33 von 34 Gateways sind in Betrieb; die offene Datenplattform ist freigeschaltet.",
        ],
        ["DD-13", "Digitales Baumkataster", "Geplant", None, None, None],
    ]
    assert ws.protection.sheet is True
    assert [ws.cell(2, c).protection.locked for c in range(1, 7)] == [True, True, False, False, False, False]
    rules = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation
    }
    assert rules == {
        "C2:C3": ("list", None, '"Idee,Geplant,In Umsetzung,Abgeschlossen,Zurückgestellt,Verworfen"', None),
        "D2:D3": ("list", None, '"grün,gelb,rot"', None),
        "E2:E3": ("whole", "between", "0", "100"),
    }


def test_ist_kosten_recorded_rows_grey_then_open_rows(all_forms):
    ws = openpyxl.load_workbook(all_forms[0] / HEIDE)["Ist-Kosten"]
    # DD-10's three recorded entries, locked, then the open rows
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=4)] == [
        ["DD-10", 2024, "Investitionen", 87300],
        ["DD-10", 2025, "Investitionen", 76320],
        ["DD-10", 2025, "Dienstleistungen", 19080],
    ]
    assert [ws[f"A{r}"].protection.locked for r in (2, 4, 5, 4 + L.EMPTY_COST_ROWS)] == [True, True, False, False]
    assert ws["D2"].number_format == ws["D5"].number_format == "#,##0.00 €"
    rules = {str(dv.sqref): (dv.type, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    assert rules == {
        "A5:A204": ("list", "Sachstand!$A$2:$A$3", None),
        "B5:B204": ("whole", "2023", "2026"),
        "C5:C204": ("list", '"Personalkosten,Sachkosten,Dienstleistungen,Investitionen,Lizenzen,Sonstige"', None),
        "D5:D204": ("decimal", "0", None),
    }


def test_hinweise_and_revision_record(all_forms):
    wb = openpyxl.load_workbook(all_forms[0] / HEIDE)
    info = {r[0].value: r[1].value for r in wb["Hinweise"].iter_rows(min_row=3, max_row=7)}
    assert info["Partner"] == "Stadt Heide"
    assert info["Stichtag"] == dt.datetime(2026, 12, 31)
    assert info["Projekt"] == "Dithmarschen Digital"
    assert len(info["Formular-Revision"]) == 12
    meta = [[c.value for c in row] for row in wb["_digistrat"].iter_rows()]
    assert meta[0] == ["format", L.FORM_KIND, L.FORM_VERSION] + [None] * (len(meta[0]) - 3)
    records = [row for row in meta if row[0] == "steckbrief"]
    assert [r[1] for r in records] == ["DD-10", "DD-13"]
    from digistrat.sheets.source import staende
    from digistrat.validation import check

    current = staende(check(all_forms[2]))
    assert [r[2] for r in records] == [current["DD-10"].revision, current["DD-13"].revision]


def test_same_input_same_bytes(cli, forms, example_copy, tmp_path):
    again = tmp_path / "nochmal"
    assert cli("abfrage", example_copy, "--out", again, "-p", "stadt-heide", "--stichtag", STICHTAG).code == 0
    assert (again / HEIDE).read_bytes() == (forms[0] / HEIDE).read_bytes()


def test_partner_option_and_its_errors(cli, example_copy, tmp_path):
    out = tmp_path / "f"
    ok = cli(
        "abfrage", example_copy, "--out", out, "--partner", "stadt-heide", "-p", "amt-klg-eider", "--stichtag", STICHTAG
    )
    assert ok.code == 0
    assert sorted(p.name for p in out.iterdir()) == ["sachstandsabfrage-amt-klg-eider.xlsx", HEIDE]
    bad = cli("abfrage", example_copy, "--out", out, "--partner", "stadt-husum")
    assert (bad.code, bad.err) == (
        2,
        "Fehler: Unbekannter Partner „stadt-husum“; die Kennungen stehen in partner.yaml.\n",
    )
    day = cli("abfrage", example_copy, "--out", out, "--stichtag", "30.06.2026")
    assert day.code == 2
    assert "Ungültiger Stichtag „30.06.2026“" in day.err


def test_never_overwrites_a_returned_form(cli, forms, example_copy):
    out = forms[0]
    wb = openpyxl.load_workbook(out / HEIDE)
    wb["Sachstand"]["D2"] = "gelb"
    wb.save(out / HEIDE)  # as a partner's program would save it
    before = (out / HEIDE).read_bytes()
    result = cli("abfrage", example_copy, "--out", out, "--stichtag", STICHTAG)
    assert result.code == 2
    assert sorted(p.name for p in out.iterdir()) == [HEIDE]  # nothing written
    assert (
        "sachstandsabfrage-stadt-heide.xlsx gibt es schon und ist kein unausgefülltes Formular von digistrat"
        in result.err
    )
    assert (out / HEIDE).read_bytes() == before


def test_untouched_forms_are_replaced(cli, forms, example_copy):
    result = cli("abfrage", example_copy, "--out", forms[0], "-p", "stadt-heide", "--stichtag", "2027-06-30")
    assert result.code == 0, result
    wb = openpyxl.load_workbook(forms[0] / HEIDE)
    assert wb["Hinweise"]["B4"].value == dt.datetime(2027, 6, 30)


def test_text_from_the_project_is_never_a_formula(cli, example_copy, tmp_path):
    sb = example_copy / "steckbriefe" / "DD-10.yaml"
    text = sb.read_text(encoding="utf-8")
    sb.write_text(text.replace("titel: LoRaWAN-Netz Dithmarschen", 'titel: "=HYPERLINK(1)+LoRaWAN"'), encoding="utf-8")
    out = tmp_path / "f"
    assert cli("abfrage", example_copy, "--out", out, "-p", "stadt-heide", "--stichtag", STICHTAG).code == 0
    with zipfile.ZipFile(out / HEIDE) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in s or "<f " in s for s in sheets)
    ws = openpyxl.load_workbook(out / HEIDE)["Sachstand"]
    assert (ws["B2"].value, ws["B2"].data_type, ws["B2"].quotePrefix) == ("=HYPERLINK(1)+LoRaWAN", "s", True)


def test_git_commit_recorded_when_the_project_is_in_git(cli, example_copy, tmp_path):
    import subprocess

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Stand"]):
        subprocess.run(["git", *args], cwd=example_copy, check=True, env={**os.environ, **env})
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=example_copy, capture_output=True, text=True).stdout.strip()
    out = tmp_path / "f"
    assert cli("abfrage", example_copy, "--out", out, "-p", "stadt-heide", "--stichtag", STICHTAG).code == 0
    wb = openpyxl.load_workbook(out / HEIDE)
    assert len(head) == 40
    assert wb["Hinweise"]["B7"].value == head
    assert [r[1].value for r in wb["_digistrat"].iter_rows() if r[0].value == "git"] == [head]
