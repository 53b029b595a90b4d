"""A form opened and saved by LibreOffice Calc still reads back, with the same result.

Needs ``soffice`` (Debian: libreoffice-calc-nogui; .ci/run installs it).
"""

from __future__ import annotations

import openpyxl
import pytest
from sheets_helpers import STICHTAG, fill_form, libreoffice_resave, snapshot

HEIDE = "sachstandsabfrage-stadt-heide.xlsx"


@pytest.mark.slow
def test_form_saved_by_libreoffice_reads_back_the_same(cli, example_copy, tmp_path):
    import shutil

    out = tmp_path / "formulare"
    assert cli("abfrage", example_copy, "--out", out, "-p", "stadt-heide", "--stichtag", STICHTAG).code == 0
    filled = tmp_path / HEIDE
    fill_form(out / HEIDE, filled)
    saved = libreoffice_resave(filled, tmp_path / "libreoffice", tmp_path / "profil")

    wb = openpyxl.load_workbook(saved)
    assert wb.sheetnames == ["Sachstand", "Meilensteine", "Ist-Kosten", "Hinweise", "_digistrat"]
    assert wb["_digistrat"].sheet_state == "hidden"
    assert wb["Sachstand"].protection.sheet is True
    assert (wb["Sachstand"]["A2"].protection.locked, wb["Sachstand"]["D2"].protection.locked) == (True, False)

    twin = tmp_path / "zwilling"
    shutil.copytree(example_copy, twin)
    via_openpyxl = cli("einlesen", filled, twin)
    via_libreoffice = cli("einlesen", saved, example_copy)
    assert via_libreoffice.code == 0, via_libreoffice
    assert via_libreoffice.out.replace(saved.as_posix(), "F").replace(example_copy.as_posix(), "P") == (
        via_openpyxl.out.replace(filled.as_posix(), "F").replace(twin.as_posix(), "P")
    )
    assert snapshot(example_copy) == snapshot(twin)
    assert via_libreoffice.out.splitlines()[1:] == [
        "DD-10 – LoRaWAN-Netz Dithmarschen (P/steckbriefe/DD-10.yaml)".replace("P", example_copy.as_posix(), 1),
        "  Status: In Umsetzung → Abgeschlossen",
        "  Sachstand 31.12.2026 (neu): gelb, 70 %",
        "DD-13 – Digitales Baumkataster (P/steckbriefe/DD-13.yaml)".replace("P", example_copy.as_posix(), 1),
        "  Sachstand 31.12.2026 (neu): gelb, 91 %",
        "  Ist-Kosten 2024: 1.013,50 € Sachkosten",
        "  Ist-Kosten 2025: 250,00 € Lizenzen",
        "2 Steckbriefe geändert.",
    ]
