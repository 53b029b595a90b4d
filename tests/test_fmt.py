"""``digistrat fmt``: normal layout, comments kept, idempotent, data and budget unchanged."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE

from digistrat.authoring.fmt import format_text
from digistrat.validation import load_project

MODEL_FIELDS = ("strategie", "partner", "agenda", "steckbriefe", "programme", "config")
COMMENT = re.compile(r"#.*$")

MESSY = """\
# Kopfkommentar: bleibt oben
# zweite Zeile
kosten:   # Kosten je Jahr
    # vor dem ersten Eintrag
    -   jahr: 2023
        betrag: 30_000     # dreißigtausend
        kategorie: 'sachkosten'
    - {jahr: 2024, betrag: 1250.50, kategorie: "lizenzen"}   # mit Cent

    # Abschnitt: Förderung
foerderung: [{programm: "land", quote: 50, status: geplant}]
# vor id
id: "MK-02"
titel: 'Digitale Akte: Einführung'   # Doppelpunkt braucht Anführungszeichen
verantwortlich: stadt-muster          # federführend
handlungsfeld: verwaltung
status: in-umsetzung
# Kurzbeschreibung folgt
kurzbeschreibung: "Die Stadt führt die E-Akte ein."
beteiligte: [stadt-muster,  amt-muster]   # zwei Partner
zeitraum: {von: "2023-01-05", bis: 2024-12}
hauptaktivitaeten:
    - {titel: "Analyse, Konzept", von: "2023-01", bis: 2023-06}   # Komma: Anführungszeichen nötig
    - titel: Einführung
      von: 2023-07
personal:
- {partner: stadt-muster, vzae: 0.50, stelle: neu, rolle: "Projektleitung"}
# Schlusskommentar
"""

MESSY_FORMATTED = """\
# Kopfkommentar: bleibt oben
# zweite Zeile
# vor id
id: MK-02
titel: "Digitale Akte: Einführung"   # Doppelpunkt braucht Anführungszeichen
handlungsfeld: verwaltung
status: in-umsetzung
# Kurzbeschreibung folgt
kurzbeschreibung: Die Stadt führt die E-Akte ein.
verantwortlich: stadt-muster          # federführend
beteiligte:                               # zwei Partner
  - stadt-muster
  - amt-muster
hauptaktivitaeten:
  - {titel: "Analyse, Konzept", von: 2023-01, bis: 2023-06}       # Komma: Anführungszeichen nötig
  - titel: Einführung
    von: 2023-07
zeitraum: {von: 2023-01-05, bis: 2024-12}
kosten:   # Kosten je Jahr
    # vor dem ersten Eintrag
  - jahr: 2023
    betrag: 30000          # dreißigtausend
    kategorie: sachkosten
  - {jahr: 2024, betrag: 1250.50, kategorie: lizenzen}       # mit Cent
personal:
  - {partner: stadt-muster, vzae: 0.50, stelle: neu, rolle: Projektleitung}

    # Abschnitt: Förderung
foerderung:
  - {programm: land, quote: 50, status: geplant}
# Schlusskommentar
"""


def _comments(text: str) -> list[str]:
    return sorted(m.group(0).strip() for line in text.splitlines() if (m := COMMENT.search(line)))


def test_messy_file_is_normalised_with_every_comment_kept():
    new = format_text(MESSY, "steckbrief", "MK-02.yaml")
    assert _comments(new) == _comments(MESSY)
    assert format_text(new, "steckbrief", "MK-02.yaml") == new  # idempotent
    assert new == MESSY_FORMATTED


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "projekt"
    shutil.copytree(EXAMPLE, target)
    return target


def test_fmt_on_the_example_keeps_model_budget_and_comments(cli, tmp_path, monkeypatch):
    project = _copy(tmp_path)
    before_texts = {p: p.read_text(encoding="utf-8") for p in project.rglob("*.yaml")}
    before_model = load_project(project)
    budget_before = cli("budget", project, "--format", "json").out
    monkeypatch.chdir(project)
    first = cli("fmt")
    assert first.code == 0, first
    assert first.err.endswith("19 Dateien formatiert, 8 Dateien unverändert.\n")
    for path, old in before_texts.items():
        assert _comments(path.read_text(encoding="utf-8")) == _comments(old), path
    after_model = load_project(project)
    for field in MODEL_FIELDS:
        assert getattr(after_model, field) == getattr(before_model, field), field
    assert cli("budget", ".", "--format", "json").out == budget_before
    again = cli("fmt", "--check")
    assert (again.code, again.err) == (0, "0 Dateien würden formatiert werden, 27 Dateien unverändert.\n")


def test_check_and_diff_write_nothing(cli, tmp_path, monkeypatch):
    project = _copy(tmp_path)
    monkeypatch.chdir(project)
    before = (project / "steckbriefe" / "DD-02.yaml").read_text(encoding="utf-8")
    check = cli("fmt", "--check", "steckbriefe/DD-02.yaml", "agenda.yaml")
    assert (check.code, check.out) == (1, "")
    assert (
        check.err == "würde formatiert: steckbriefe/DD-02.yaml\n1 Datei würde formatiert werden, 1 Datei unverändert.\n"
    )
    diff = cli("fmt", "--diff", "steckbriefe/DD-02.yaml")
    assert diff.code == 0
    assert diff.out == (
        "--- a/steckbriefe/DD-02.yaml\n+++ b/steckbriefe/DD-02.yaml\n@@ -40,7 +40,8 @@\n"
        "   - {titel: Pilot-Sprechstunden im Amt KLG Eider, von: 2026-03, bis: 2026-06}\n"
        "   - {titel: Ausweitung auf alle Ämter, von: 2026-07, bis: 2026-12}\n"
        " zeitraum: {von: 2025-09, bis: 2026-12}\n"
        "-abhaengigkeiten: [DD-03]\n+abhaengigkeiten:\n+  - DD-03\n"
        " kosten:\n"
        "   - {jahr: 2025, betrag: 9000, kategorie: dienstleistungen}    # Konzept und Schulungsreihe der VHS\n"
        "   - {jahr: 2026, betrag: 15000, kategorie: dienstleistungen}\n"
    )
    assert (project / "steckbriefe" / "DD-02.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: MK-02\nid: MK-03\n", "steckbriefe/MK-02.yaml:2:1: Der Schlüssel „id“ kommt doppelt vor"),
        (
            "id: MK-02\ntitel: x\nhandlungsfeld: verwaltung\nstatus: fertig\nkurzbeschreibung: x\nverantwortlich: stadt-muster\n",
            "steckbriefe/MK-02.yaml:4:9: ",
        ),
    ],
)
def test_files_with_errors_are_reported_and_left_alone(cli, tmp_path, monkeypatch, text, message):
    project = _copy(tmp_path)
    monkeypatch.chdir(project)
    broken = project / "steckbriefe" / "MK-02.yaml"
    broken.write_text(text, encoding="utf-8")
    result = cli("fmt", "steckbriefe/MK-02.yaml", "agenda.yaml")
    assert result.code == 1
    assert result.err.startswith(message)
    assert " – nicht formatiert.\n" in result.err
    assert result.err.endswith("0 Dateien formatiert, 1 Datei unverändert, 1 Datei mit Fehlern nicht formatiert.\n")
    assert broken.read_text(encoding="utf-8") == text


def test_init_output_and_neu_templates_are_already_formatted(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("init").code == 0
    assert cli("neu", "steckbrief", "--titel", "Zweites Projekt", "--handlungsfeld", "verwaltung").code == 0
    assert cli("neu", "partner", "--name", "Amt Nord", "--art", "amt").code == 0
    result = cli("fmt", "--check")
    assert (result.code, result.err) == (0, "0 Dateien würden formatiert werden, 6 Dateien unverändert.\n")


def test_a_path_that_is_no_project_file_is_refused(cli, tmp_path, monkeypatch):
    project = _copy(tmp_path)
    monkeypatch.chdir(project)
    (project / "notizen.yaml").write_text("a: 1\n", encoding="utf-8")
    result = cli("fmt", "notizen.yaml")
    assert result.code == 2
    assert result.err.startswith("Fehler: notizen.yaml ist keine Projektdatei")


PROJECTS = sorted(p.parent for p in (EXAMPLE.parent).rglob("strategie.yaml"))


@pytest.mark.parametrize("source", PROJECTS, ids=lambda p: p.relative_to(EXAMPLE.parent).as_posix())
def test_fmt_over_every_example_project(source, tmp_path, cli):
    """Every file of examples/: refused untouched, or formatted with comments, data and budget kept."""
    from digistrat.authoring.fmt import collect, format_file
    from digistrat.loading.yamlparse import load_mapping

    project = tmp_path / "p"
    shutil.copytree(source, project)
    budget_before = cli("budget", project, "--format", "json")
    for path, display, kind in collect([project]):
        result = format_file(path, display, kind)
        if result.problem:
            assert result.new is None
            continue
        assert _comments(result.new) == _comments(result.old), display
        assert format_text(result.new, kind, display) == result.new, display
        assert load_mapping(result.new.encode())[0] == load_mapping(result.old.encode())[0]
        path.write_text(result.new, encoding="utf-8")
    budget_after = cli("budget", project, "--format", "json")
    assert (budget_after.code, budget_after.out) == (budget_before.code, budget_before.out)
    if source == EXAMPLE:
        assert budget_before.code == 0 and budget_before.out.startswith("{")


def test_fmt_writes_lf_line_endings():
    text = "titel: x\r\nstand: '2024-01-01'\r\nprojekte:\r\n  - A-1  # eins\r\n"
    assert format_text(text, "agenda", "agenda.yaml") == "titel: x\nstand: 2024-01-01\nprojekte:\n  - A-1  # eins\n"
