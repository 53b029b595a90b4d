"""``digistrat budget`` on the command line: options, output files, errors."""

from __future__ import annotations

import sys
import zipfile

from conftest import EXAMPLE
from test_budget import ABC, write_project

SMALL = [
    {
        "id": "S1",
        "kosten": [
            {"jahr": 2023, "betrag": 600, "aufteilung": {"schluessel": "anteile", "anteile": {"a": 50, "c": 50}}},
            {"jahr": 2024, "betrag": 1000.5, "traeger": "b"},
        ],
        "foerderung": [
            {"programm": "land", "betrag": 300, "jahr": 2023, "status": "bewilligt"},
            {"programm": "bund", "quote": 50, "jahr": 2024, "status": "beantragt"},
        ],
        "personal": [{"partner": "b", "vzae": 0.5, "ab": 2024}],
    }
]


def small_project(tmp_path):
    return write_project(tmp_path / "p", partner=ABC, steckbriefe=SMALL)


def test_small_project_as_csv(cli, tmp_path):
    result = cli("budget", small_project(tmp_path), "--format", "csv")
    assert (result.code, result.err) == (0, "")
    # 50 % of 1000.50 = 500.25; b's post 0.5 VZÄ from 2024 (to the end of laufzeit), neu by default
    assert result.out == (
        "\ufeffKennung;Partner;Jahr;Aufwand;Förderung;Eigenanteil;VZÄ;VZÄ neu\r\n"
        "a;Amt A;2023;300,00;150,00;150,00;0,00;0,00\r\n"
        "a;Amt A;2024;0,00;0,00;0,00;0,00;0,00\r\n"
        "a;Amt A;Summe;300,00;150,00;150,00;;\r\n"
        "b;Amt B;2023;0,00;0,00;0,00;0,00;0,00\r\n"
        "b;Amt B;2024;1000,50;500,25;500,25;0,50;0,50\r\n"
        "b;Amt B;Summe;1000,50;500,25;500,25;;\r\n"
        "c;Stadt C;2023;300,00;150,00;150,00;0,00;0,00\r\n"
        "c;Stadt C;2024;0,00;0,00;0,00;0,00;0,00\r\n"
        "c;Stadt C;Summe;300,00;150,00;150,00;;\r\n"
        ";Insgesamt;2023;600,00;300,00;300,00;0,00;0,00\r\n"
        ";Insgesamt;2024;1000,50;500,25;500,25;0,50;0,50\r\n"
        ";Insgesamt;Summe;1600,50;800,25;800,25;;\r\n"
    )


def test_small_project_one_partner_one_year_only_granted_funding(cli, tmp_path):
    result = cli("budget", small_project(tmp_path), "--partner", "b", "--jahr", "2024", "--nur-bewilligt")
    assert (result.code, result.err) == (0, "")
    assert result.out == (  # "~" stands for the no-break space between number and unit
        "Budget nach Partner – Teststrategie, 2024, nur Amt B, nur bewilligte Förderung\n"
        " Partner   Jahr      Aufwand   Förderung   Eigenanteil       VZÄ   VZÄ neu\n"
        "───────────────────────────────────────────────────────────────────────────\n"
        " Amt B     2024   1.000,50~€      0,00~€    1.000,50~€   0,5~VZÄ   0,5~VZÄ\n"
    ).replace("~", "\u00a0")


def test_small_project_json_by_programm(cli, tmp_path):
    import json

    result = cli("budget", small_project(tmp_path), "--nach", "programm", "--format", "json", "--jahr", "2023")
    data = json.loads(result.out)
    assert data["ansicht"] == "programm"
    assert [(r["id"], r["quelle"], r["name"], r["summe"]) for r in data["programme"]] == [
        (
            "land",
            None,
            "land",
            {
                "aufwand": "0.00",
                "foerderung": "300.00",
                "eigenanteil": "-300.00",
                "investiv": "0.00",
                "foerderung_investiv": "0.00",
                "ist": "0.00",
            },
        ),
        (
            None,
            "kosten",
            "Kosten der Steckbriefe",
            {
                "aufwand": "600.00",
                "foerderung": "0.00",
                "eigenanteil": "600.00",
                "investiv": "0.00",
                "foerderung_investiv": "0.00",
                "ist": "0.00",
            },
        ),
    ]
    assert data["summe"]["gesamt"] == {
        "aufwand": "600.00",
        "foerderung": "300.00",
        "eigenanteil": "300.00",
        "investiv": "0.00",
        "foerderung_investiv": "0.00",
        "ist": "0.00",
    }


def test_default_path_is_the_working_directory(cli, monkeypatch, golden):
    monkeypatch.chdir(EXAMPLE / "steckbriefe")  # the project is found upwards, like git
    result = cli("budget")
    assert result.code == 0
    golden("budget/partner.txt", result.out)


def test_output_file_is_written_atomically(cli, tmp_path):
    target = tmp_path / "out" / "budget.md"
    result = cli("budget", EXAMPLE, "--format", "markdown", "-o", target)
    assert (result.code, result.out, result.err) == (0, "", f"Budget geschrieben: {target}\n")
    assert target.read_text(encoding="utf-8") == cli("budget", EXAMPLE, "--format", "markdown").out
    assert [p.name for p in target.parent.iterdir()] == ["budget.md"]  # no temporary file left


def test_help_is_german(cli):
    result = cli("budget", "--help")
    assert result.code == 0
    words = " ".join(result.out.split())  # long help lines are wrapped
    for text in (
        "Gliederung der Zahlen",
        "Nur dieses Haushaltsjahr",
        "--nur-bewilligt / --alle-foerderungen",
        "Standard: budget.nur_bewilligt aus digistrat.yaml",
        "Ausgabeformat: table, json, csv, csv-international, markdown, xlsx",
    ):
        assert text in words


def test_unknown_view_and_format(cli):
    result = cli("budget", EXAMPLE, "--nach", "amt")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "Fehler: Unbekannte Gliederung „amt“. Erlaubt: partner, jahr, handlungsfeld, kategorie, steckbrief, programm.\n"
    )
    result = cli("budget", EXAMPLE, "--format", "pdf")
    assert (result.code, result.err) == (
        2,
        "Fehler: Unbekanntes Ausgabeformat „pdf“. Erlaubt: table, json, csv, csv-international, markdown, xlsx.\n",
    )


def test_year_outside_laufzeit_and_unknown_partner(cli):
    result = cli("budget", EXAMPLE, "--jahr", "2030")
    assert (result.code, result.err) == (2, "Fehler: Das Jahr 2030 liegt außerhalb der Laufzeit 2023–2026.\n")
    result = cli("budget", EXAMPLE, "--partner", "stadt-hiede")
    assert (result.code, result.err) == (
        2,
        "Fehler: Unbekannter Partner „stadt-hiede“: keine Kennung in partner.yaml. Meinten Sie „stadt-heide“?\n",
    )


def test_xlsx_needs_an_output_file(cli):
    result = cli("budget", EXAMPLE, "--format", "xlsx")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "Fehler: Das Format xlsx ist eine Binärdatei; bitte mit --output DATEI.xlsx in eine Datei schreiben.\n"
    )


def test_xlsx_needs_no_openpyxl(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # makes "import openpyxl" fail
    result = cli("budget", EXAMPLE, "--format", "xlsx", "-o", tmp_path / "b.xlsx")
    assert (result.code, result.err) == (0, f"Budget geschrieben: {tmp_path / 'b.xlsx'}\n")
    with zipfile.ZipFile(tmp_path / "b.xlsx") as book:
        assert "xl/worksheets/sheet6.xml" in book.namelist()


def test_xlsx_sheet_over_the_row_limit_is_refused(cli, tmp_path, monkeypatch):
    from digistrat.budget.formats import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 20)
    result = cli("budget", EXAMPLE, "--format", "xlsx", "-o", tmp_path / "b.xlsx")
    assert (result.code, result.err) == (
        2,
        "Fehler: Das Blatt „Partner“ hätte 51 Zeilen; Excel und LibreOffice erlauben höchstens 20. "
        "Bitte ein Format ohne diese Grenze wählen (csv, json).\n",
    )
    assert not (tmp_path / "b.xlsx").exists()


def test_invalid_project_prints_the_findings(cli, example_copy):
    (example_copy / "steckbriefe" / "DD-01.yaml").write_text(
        "id: DD-01\ntitel: Kaputt\nhandlungsfeld: bildung\nstatus: geplant\nkurzbeschreibung: x\n"
        "verantwortlich: kreis-dithmarschen\nkosten:\n  - {jahr: 2023, betrag: viel}\n",
        encoding="utf-8",
    )
    result = cli("budget", example_copy)
    assert (result.code, result.out) == (1, "")
    assert "DD-01.yaml" in result.err
    assert "8:" in result.err  # the line of the bad betrag
    assert result.err.endswith("Das Budget wird erst gerechnet, wenn „digistrat validate“ keine Fehler mehr meldet.\n")
    assert "✗ 1 Fehler in 1 Datei" in result.err


def test_einwohner_missing_ends_with_exit_1(cli, tmp_path):
    root = write_project(
        tmp_path / "p",
        partner=[{"id": "a", "name": "A", "einwohner": 5}, {"id": "b", "name": "B"}],
        steckbriefe=[{"id": "S1", "kosten": [{"jahr": 2023, "betrag": 10, "aufteilung": {"schluessel": "einwohner"}}]}],
    )
    result = cli("budget", root)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"Fehler: {root.as_posix()}/steckbriefe/S1.yaml:12:4: Der Kostenposten $.kosten[0] ")
    assert "für den Partner „b“ fehlt in partner.yaml die Einwohnerzahl" in result.err


def test_nur_bewilligt_defaults_to_digistrat_yaml(cli, tmp_path):
    root = small_project(tmp_path)
    (root / "digistrat.yaml").write_text("version: 1\nbudget: {nur_bewilligt: true}\n", encoding="utf-8")
    only = cli("budget", root, "--nach", "jahr", "--format", "csv-international")
    assert only.out.splitlines()[-1] == "Summe,1600.50,300.00,1300.50,,"
    assert cli("budget", root, "--nach", "jahr", "--format", "csv-international", "--nur-bewilligt").out == only.out
    every = cli("budget", root, "--nach", "jahr", "--format", "csv-international", "--alle-foerderungen")
    assert every.out.splitlines()[-1] == "Summe,1600.50,800.25,800.25,,"


def test_limited_json_says_what_it_is_limited_to(cli):
    import json as _json

    from conftest import EXAMPLE

    full = _json.loads(cli("budget", EXAMPLE, "--format", "json").out)
    assert "filter" not in full  # the unlimited partner view is exactly the shape of format v1
    limited = _json.loads(cli("budget", EXAMPLE, "--format", "json", "--partner", "stadt-heide", "--jahr", "2023").out)
    assert limited["filter"] == {"partner": "stadt-heide", "jahr": 2023, "nur_bewilligt": False}
    assert limited["summe"]["gesamt"] == {
        "aufwand": "42866.38",
        "foerderung": "4385.06",
        "eigenanteil": "38481.32",
        "investiv": "0.00",
        "foerderung_investiv": "0.00",
        "ist": "11828.40",  # the example's Ist-Kosten 2023 (format v1.1) of Stadt Heide
    }
    granted = _json.loads(cli("budget", EXAMPLE, "--format", "json", "--nur-bewilligt").out)
    assert granted["filter"] == {"partner": None, "jahr": None, "nur_bewilligt": True}


def test_budget_refuses_figures_with_a_thousands_separator(cli, example_copy):
    partner = example_copy / "partner.yaml"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(text.replace("betrag: 30000", "betrag: 30.000", 1), encoding="utf-8")
    for command in (["budget", "--format", "csv"], ["render", "--out", example_copy / "out"]):
        result = cli(command[0], example_copy, *command[1:])
        assert (result.code, result.out) == (1, ""), command
        assert (
            "DS029  Betrag 30.000 hat drei Nachkommastellen – meinten Sie 30000? YAML kennt keinen "
            "Tausenderpunkt und liest 30.000 als 30,00\u00a0€. Bitte ohne Punkt schreiben: 30000.  "
            "$.partner[0].budget[0].betrag"
        ) in result.err
    assert not (example_copy / "out").exists()
    clean = cli("budget", EXAMPLE, "--partner", "kreis-dithmarschen", "--jahr", "2023", "--format", "csv")
    assert clean.err == ""
