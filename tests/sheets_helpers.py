"""Filling Sachstandsabfrage forms as a partner would (openpyxl), for the einlesen tests."""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import openpyxl

STICHTAG = "2026-12-31"


def answers_for(sid: str) -> dict:
    """A partner's answers for Steckbrief ``sid``, different per Steckbrief but fixed."""
    n = int(sid.split("-")[1])
    return {
        "ampel": ("grün", "gelb", "rot")[n % 3],
        "fortschritt": (n * 7) % 101,
        "text": f"Stand {sid} – Arbeitspaket {n} läuft." + ("\nNächster Schritt – Vergabe." if n % 2 else ""),
        "status": "Abgeschlossen" if n % 5 == 0 else None,
        "ist_kosten": [(2024, "Sachkosten", 1000 + n + 0.5), (2025, "Lizenzen", 250)] if n % 4 == 1 else [],
    }


def fill_form(path: Path, target: Path) -> list[str]:
    """Answer every row of the form at ``path``; returns the Steckbrief ids answered."""
    wb = openpyxl.load_workbook(path)
    ws, costs = wb["Sachstand"], wb["Ist-Kosten"]
    ids = []
    cost_row = next(r for r in range(2, costs.max_row + 2) if costs.cell(r, 1).value is None)  # below the grey rows
    for row in range(2, ws.max_row + 1):
        sid = ws.cell(row, 1).value
        a = answers_for(sid)
        ids.append(sid)
        if a["status"]:
            ws.cell(row, 3).value = a["status"]
        ws.cell(row, 4).value, ws.cell(row, 5).value, ws.cell(row, 6).value = a["ampel"], a["fortschritt"], a["text"]
        for jahr, kategorie, betrag in a["ist_kosten"]:
            for col, value in enumerate((sid, jahr, kategorie, betrag), start=1):
                costs.cell(cost_row, col).value = value
            cost_row += 1
    wb.save(target)
    return ids


def removed_and_added(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines only in ``before`` and lines only in ``after`` (a line diff)."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def expected_after(before: dict, sid: str, stichtag) -> dict:
    """The Steckbrief data ``before`` plus exactly the answers of :func:`answers_for`."""
    import copy
    from decimal import Decimal

    a = answers_for(sid)
    after = copy.deepcopy(before)
    if a["status"]:
        after["status"] = "abgeschlossen"
    entry = {
        "datum": stichtag,
        "ampel": a["ampel"].replace("ü", "ue"),
        "fortschritt": a["fortschritt"],
        "text": a["text"],
    }
    if "\n" in a["text"]:
        entry["text"] += "\n"  # written as a literal block
    after.setdefault("sachstand", []).append(entry)
    for jahr, kategorie, betrag in a["ist_kosten"]:
        after.setdefault("ist_kosten", []).append(
            {"jahr": jahr, "betrag": Decimal(str(betrag)).normalize(), "kategorie": kategorie.lower()}
        )
    return after


def libreoffice_resave(source, out_dir, profile):
    """``soffice --headless --convert-to xlsx`` with a profile of its own (parallel runs)."""
    out_dir.mkdir()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out_dir / source.name
