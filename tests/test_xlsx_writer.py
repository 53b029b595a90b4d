"""The XLSX writer behind ``budget --format xlsx``: exact numbers, safe text, a package others read.

What the file says is checked three ways: its XML as written, openpyxl reading it, and
LibreOffice Calc opening it (``soffice``; .ci/run installs it), which also decodes OOXML's
``_xHHHH_`` escapes as Excel does.
"""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from decimal import Decimal as D
from xml.etree import ElementTree

import openpyxl
import pytest
from conftest import EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st
from sheets_helpers import libreoffice_resave

from digistrat.xlsx_writer import MAX_CELL_TEXT, ZIP_TIME, CellTextTooLong, Sheet, XlsxWriter

# Text a hostile project file can carry: control characters, OOXML's own escape, CR, formulas.
HOSTILE = [
    "\x01Steuerzeichen",
    "_x0041_ bleibt Text",
    "Zeile\rumbruch",
    "\tE-Akte",
    "  Leerzeichen  ",
    "<b>&amp;\"'",
    '=HYPERLINK("https://angreifer.example")',
    "@SUM(1+1)",
    "-5",
    "Förderung 😀",
]


def _book(rows, formats=("", "money")) -> bytes:
    book = XlsxWriter(title="Budget – <Kreis & Amt>")
    book.add_sheet(Sheet(name="Blatt", widths=[20, 16], formats=formats, rows=[(["Text", "Betrag"], True), *rows]))
    return book.to_bytes()


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_decimals_are_written_as_their_digits():
    rows = [([None, D("882823.93")], False), ([None, D("1E+3")], False), ([None, D("-0.50")], True), ([None, 7], False)]
    xml = _sheet_xml(_book(rows))
    values = [v.split("</v>")[0] for v in xml.split("<v>")[1:]]
    assert values == ["882823.93", "1000", "-0.50", "7"]  # openpyxl wrote 882823.9300000001


def test_text_is_escaped_for_xml_and_ooxml():
    xml = _sheet_xml(_book([([text, None], False) for text in HOSTILE]))
    assert "<t>_x0001_Steuerzeichen</t>" in xml
    assert "<t>_x005F_x0041_ bleibt Text</t>" in xml  # the literal escape is escaped in turn
    assert "<t>Zeile&#13;umbruch</t>" in xml  # a bare CR would be read back as LF
    assert '<t xml:space="preserve">\tE-Akte</t>' in xml
    assert "<t>&lt;b&gt;&amp;amp;\"'</t>" in xml
    ElementTree.fromstring(xml)  # well-formed


def test_formula_like_text_is_quoted_text_and_figures_keep_their_format():
    wb = openpyxl.load_workbook(io.BytesIO(_book([([text, D("1.5")], False) for text in HOSTILE])))
    ws = wb["Blatt"]
    assert ws.freeze_panes == "A2"
    assert [c.font.b for c in ws[1]] == [True, True]
    quoted = {row[0].value: row[0].quotePrefix for row in ws.iter_rows(min_row=2)}
    assert [text for text, q in quoted.items() if q] == ["\tE-Akte", HOSTILE[6], "@SUM(1+1)", "-5"]
    assert all(row[0].data_type == "s" for row in ws.iter_rows(min_row=2))
    assert {row[1].number_format for row in ws.iter_rows(min_row=2)} == {'#,##0.00 "€"'}
    assert wb.properties.title == "Budget – <Kreis & Amt>"
    assert ws.column_dimensions["A"].width == 20


def test_empty_cells_keep_the_style_of_their_column():
    wb = openpyxl.load_workbook(io.BytesIO(_book([([None, None], True)])))
    cell = wb["Blatt"]["B2"]
    assert (cell.value, cell.font.b, cell.number_format) == (None, True, '#,##0.00 "€"')


def test_floats_and_bad_sheet_names_are_refused():
    with pytest.raises(TypeError, match="xlsx cell B2: float is not text, int or Decimal"):
        _book([([None, 0.1], False)])
    with pytest.raises(ValueError, match="invalid sheet name"):
        XlsxWriter(title="t").add_sheet(Sheet(name="a/b", widths=[], formats=[]))


def test_text_longer_than_an_excel_cell_is_refused():
    """Excel empties a cell of more than 32,767 UTF-16 units (after a repair prompt), LibreOffice cuts it."""
    _book([(["x" * MAX_CELL_TEXT, None], False)])
    _book([(["😀" * (MAX_CELL_TEXT // 2), None], False)])  # two units each: 32,766
    with pytest.raises(CellTextTooLong, match="xlsx cell Blatt!A2: 32768 characters") as caught:
        _book([(["x" * (MAX_CELL_TEXT + 1), None], False)])
    assert (caught.value.sheet, caught.value.ref) == ("Blatt", "A2")
    with pytest.raises(CellTextTooLong, match="32768 characters"):
        _book([(["😀" * (MAX_CELL_TEXT // 2 + 1), None], False)])


def test_budget_with_a_name_too_long_for_a_cell_is_a_german_message(example_copy, cli, tmp_path):
    partner = example_copy / "partner.yaml"
    text = partner.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.strip().startswith("name:")).split(":", 1)[1].strip()
    partner.write_text(text.replace(f"name: {name}", "name: " + "Z" * 40_000, 1), encoding="utf-8")
    result = cli("budget", example_copy, "--format", "xlsx", "--output", tmp_path / "budget.xlsx")
    assert result.code == 2, result.err
    assert "ist 40.000 Zeichen lang; Excel erlaubt in einer Zelle höchstens 32.767." in result.err
    assert not (tmp_path / "budget.xlsx").exists()


def test_the_package_is_reproducible_and_well_formed():
    data = _book([(["x", D("1")], False)])
    assert data == _book([(["x", D("1")], False)])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        ]
        assert {info.date_time for info in z.infolist()} == {ZIP_TIME}
        for name in z.namelist():
            ElementTree.fromstring(z.read(name))


@pytest.mark.slow
def test_libreoffice_reads_the_text_back_unchanged(tmp_path):
    source = tmp_path / "texte.xlsx"
    source.write_bytes(_book([([text, D("0.01")], False) for text in HOSTILE]))
    out = tmp_path / "csv"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO((out / "texte.csv").read_bytes().decode(), newline="")))
    assert [row[0] for row in rows[1:]] == HOSTILE


@pytest.mark.slow
def test_budget_workbook_saved_by_libreoffice_keeps_figures_and_styles(cli, tmp_path):
    ours = tmp_path / "budget.xlsx"
    assert cli("budget", EXAMPLE, "--format", "xlsx", "--output", ours).code == 0
    saved = libreoffice_resave(ours, tmp_path / "libreoffice", tmp_path / "profil")
    mine, theirs = openpyxl.load_workbook(ours), openpyxl.load_workbook(saved)
    assert theirs.sheetnames == mine.sheetnames
    for a, b in zip(mine.worksheets, theirs.worksheets):
        assert a.freeze_panes == "A2"  # (a headless conversion drops the view settings)
        cells = list(zip(a.iter_rows(), b.iter_rows(), strict=True))
        for row_a, row_b in cells:
            assert [c.value for c in row_b] == [c.value for c in row_a]
            assert [c.font.b for c in row_b] == [c.font.b for c in row_a]
            # LibreOffice writes the same format as #,##0.00" €"
            assert [c.number_format.replace('"', "") for c in row_b[-5:]] == [
                c.number_format.replace('"', "") for c in row_a[-5:]
            ]


def _ooxml_unescape(text: str) -> str:
    """What Excel and LibreOffice read from a <t> element: _xHHHH_ is the character HHHH."""
    import re

    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_text_reads_back_as_written(texts):
    """Fuzz: whatever a project file carries comes back from the sheet's XML unchanged."""
    xml = _sheet_xml(_book([([text, None], False) for text in texts]))
    ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    root = ElementTree.fromstring(xml)
    cells = [row.find("s:c/s:is/s:t", ns) for row in root.iterfind("s:sheetData/s:row", ns)][1:]
    assert [_ooxml_unescape(t.text or "") for t in cells] == texts
