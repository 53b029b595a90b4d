"""``digistrat budget`` on examples/dithmarschen: golden files of every format and view, the
seed's Verstetigung (0,5 VZÄ per Amt/Stadt, 30.000 € own budget per partner in 2023), xlsx."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from conftest import EXAMPLE

from digistrat.budget import DIMENSIONEN, compute_rollup
from digistrat.validation import load_project


@pytest.fixture(scope="module")
def rollup():
    return compute_rollup(load_project(EXAMPLE))


@pytest.mark.parametrize("nach", DIMENSIONEN)
@pytest.mark.parametrize("fmt,ext", [("table", "txt"), ("json", "json")])
def test_every_view_as_table_and_json(cli, golden, nach, fmt, ext):
    result = cli("budget", EXAMPLE, "--nach", nach, "--format", fmt)
    assert (result.code, result.err) == (0, "")
    golden(f"budget/{nach}.{ext}", result.out)


@pytest.mark.parametrize(
    "fmt,name", [("csv", "partner.csv"), ("csv-international", "partner-international.csv"), ("markdown", "partner.md")]
)
def test_partner_view_in_the_other_text_formats(cli, golden, fmt, name):
    result = cli("budget", EXAMPLE, "--format", fmt)
    assert (result.code, result.err) == (0, "")
    golden(f"budget/{name}", result.out)


def test_one_year_sets_only_the_totals_apart(cli, golden):
    result = cli("budget", EXAMPLE, "--jahr", "2023")
    assert result.code == 0
    golden("budget/partner-2023.txt", result.out)


def test_csv_opens_in_german_excel(cli):
    out = cli("budget", EXAMPLE, "--format", "csv", "--nach", "jahr").out
    assert out.startswith("\ufeffJahr;Aufwand;Förderung;Eigenanteil;VZÄ;VZÄ neu\r\n")
    assert "\r\nSumme;4649100,00;870900,00;3778200,00;;\r\n" in out


def test_what_one_council_needs(cli, golden):
    result = cli(
        "budget", EXAMPLE, "--partner", "stadt-heide", "--jahr", "2023", "--nach", "steckbrief", "--format", "markdown"
    )
    assert result.code == 0
    golden("budget/stadt-heide-2023-steckbrief.md", result.out)


def test_nur_bewilligt(cli, golden):
    result = cli("budget", EXAMPLE, "--nur-bewilligt", "--nach", "programm")
    assert result.code == 0
    golden("budget/programm-nur-bewilligt.txt", result.out)


def test_verstetigung_of_the_seed(rollup):
    """Drucksache 2022/1218: each Amt/Stadt provides at least 0,5 VZÄ and 30.000 € in 2023."""
    own_budget = {pid: D("0") for pid in rollup.partner_ids}
    posts = {pid: D("0") for pid in rollup.partner_ids}
    for line in rollup.lines:
        if line.jahr == 2023 and line.quelle == "budget":
            own_budget[line.partner] += line.aufwand
        if line.jahr == 2023 and line.quelle == "stelle":
            posts[line.partner] += line.vzae
    assert own_budget == {pid: D("30000") for pid in rollup.partner_ids}
    assert posts == {
        "kreis-dithmarschen": D("2.0"),
        "amt-buesum-wesselburen": D("0.5"),
        "amt-burg-st-michaelisdonn": D("0.5"),
        "amt-klg-heider-umland": D("0.5"),
        "amt-marne-nordsee": D("0.5"),
        "amt-mitteldithmarschen": D("0.5"),
        "amt-klg-eider": D("0.5"),
        "stadt-heide": D("1.0"),
        "stadt-brunsbuettel": D("0.5"),
    }


@pytest.mark.parametrize(
    "pid",
    [
        "amt-buesum-wesselburen",
        "amt-burg-st-michaelisdonn",
        "amt-klg-heider-umland",
        "amt-marne-nordsee",
        "amt-mitteldithmarschen",
        "amt-klg-eider",
        "stadt-brunsbuettel",
    ],
)
def test_each_amt_shows_its_verstetigung_in_2023(cli, pid):
    out = cli("budget", EXAMPLE, "--partner", pid, "--jahr", "2023", "--nach", "kategorie", "--format", "markdown").out
    assert "| Budgets der Partner (ohne Steckbrief) | 2023 | 30.000,00\u00a0€ | 0,00\u00a0€ | 30.000,00\u00a0€ |" in out
    assert (
        "| Stellen der Partner (ohne Steckbrief) | 2023 | 0,00\u00a0€ | 0,00\u00a0€ | 0,00\u00a0€ | 0,5\u00a0VZÄ |"
        in out
    )


def test_example_figures_reconcile(rollup):
    assert (rollup.gesamt().aufwand, rollup.gesamt().foerderung) == (D("4649100.00"), D("870900.00"))
    for nach in DIMENSIONEN:
        view = rollup.group(nach)
        assert view.gesamt == rollup.gesamt()
        assert view.summe_jahre == {j: rollup.jahr_summe(j) for j in rollup.jahre}


def _csv_rows(cli, nach):
    text = cli("budget", EXAMPLE, "--nach", nach, "--format", "csv-international").out
    return list(csv.reader(io.StringIO(text)))


def test_xlsx_has_one_sheet_per_view_with_numbers(cli, tmp_path):
    import openpyxl

    target = tmp_path / "budget.xlsx"
    result = cli("budget", EXAMPLE, "--format", "xlsx", "--output", target)
    assert (result.code, result.out, result.err) == (0, "", f"Budget geschrieben: {target}\n")
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [
        "Partner",
        "Jahre",
        "Handlungsfelder",
        "Kostenkategorien",
        "Steckbriefe",
        "Förderprogramme",
    ]
    bold_rows = 0
    for nach, ws in zip(DIMENSIONEN, wb.worksheets):
        assert ws.freeze_panes == "A2"
        assert all(cell.font.b for cell in ws[1])
        expected = _csv_rows(cli, nach)
        rows = list(ws.iter_rows())
        assert len(rows) == len(expected)
        first = 1 if nach == "jahr" else 3  # column of Aufwand
        for cells, want in zip(rows[1:], expected[1:]):
            values = [c.value for c in cells]
            assert ["" if v is None else str(v) for v in values[:first]] == want[:first]
            for cell, text in zip(cells[first:], want[first:]):
                if text == "":
                    assert cell.value is None
                else:
                    assert D(str(cell.value)) == D(text)
            assert [c.number_format for c in cells[first:]] == ['#,##0.00 "€"'] * 3 + ["0.00"] * 2
            # bold: the totals; on the sheet Jahre every row is the total of all partners
            total = nach == "jahr" or "Insgesamt" in values[: first - 1] or values[first - 1] == "Summe"
            assert [c.font.b for c in cells] == [total] * len(cells)  # styles copied row to row (issue 14)
            bold_rows += total
    assert bold_rows > 20
    partner = wb["Partner"]
    assert [c.value for c in partner[2]] == [
        "kreis-dithmarschen",
        "Kreis Dithmarschen",
        2023,
        262500,
        33333.33,
        229166.67,
        3.5,
        1,
    ]


def test_xlsx_is_reproducible(cli, tmp_path):
    cli("budget", EXAMPLE, "--format", "xlsx", "--output", tmp_path / "a.xlsx")
    cli("budget", EXAMPLE, "--format", "xlsx", "--output", tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
