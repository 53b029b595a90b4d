"""``digistrat validate`` on the command line: exit codes, usage errors, --output, CI defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

CORPUS = ROOT / "examples" / "invalid"
MINIMAL = Path(__file__).parent / "data" / "minimal"
BROKEN = CORPUS / "unbekannter-partner"

BROKEN_TEXT = (
    "steckbriefe/MK-02.yaml\n"
    "  6:17    fehler  DS021  Unbekannter Partner „stadt-mustr“: keine Kennung in partner.yaml. "
    "Meinten Sie „stadt-muster“?  $.verantwortlich\n"
    "\n"
    "✗ 1 Fehler in 1 Datei (5 Dateien geprüft).\n"
)


def test_exit_0_for_a_clean_project(cli, monkeypatch):
    monkeypatch.chdir(MINIMAL)
    result = cli("validate")
    assert (result.code, result.out, result.err) == (0, "✓ Keine Befunde: 5 Dateien geprüft.\n", "")


def test_exit_1_for_findings(cli, monkeypatch):
    monkeypatch.chdir(BROKEN)
    result = cli("validate")
    assert (result.code, result.out, result.err) == (1, BROKEN_TEXT, "")


def test_the_dithmarschen_example_is_clean(cli):
    result = cli("validate", EXAMPLE)
    assert result.code == 0, result.out
    assert result.out.startswith("✓ Keine Befunde: ")


def test_unknown_option_is_a_german_usage_error(cli):
    result = cli("validate", "--gibt-es-nicht", str(MINIMAL))
    assert result.code == 2
    assert result.out == ""
    assert result.err == "Aufruffehler: Unbekannte Option: --gibt-es-nicht\nHilfe: digistrat validate --help\n"


def test_unknown_format_is_a_usage_error(cli):
    result = cli("validate", "--format", "xml", str(MINIMAL))
    assert result.code == 2
    assert result.err == (
        "Fehler: Unbekanntes Ausgabeformat „xml“. Erlaubt: text, json, github, gitlab, sarif, junit.\n"
    )


def test_nonexistent_path(cli, tmp_path):
    missing = tmp_path / "gibt-es-nicht"
    result = cli("validate", missing)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"Fehler: Den Pfad „{missing}“ gibt es nicht.\n"


def test_folder_without_strategie_yaml(cli, tmp_path, monkeypatch):
    (tmp_path / "partner.yaml").write_text("partner: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("validate")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "Fehler: Kein digistrat-Projekt gefunden: Weder im aktuellen Ordner noch in einem "
        "übergeordneten Ordner liegt eine Datei „strategie.yaml“.\n"
    )
    monkeypatch.chdir(ROOT)
    elsewhere = cli("validate", tmp_path / "partner.yaml")
    assert (elsewhere.code, elsewhere.out) == (2, "")
    assert elsewhere.err == (
        f"Fehler: Kein digistrat-Projekt gefunden: Weder in {tmp_path.as_posix()} noch in einem "
        "übergeordneten Ordner liegt eine Datei „strategie.yaml“.\n"
    )


def test_unreadable_file_is_a_finding_not_a_crash(cli, tmp_path, monkeypatch):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project)
    (project / "steckbriefe" / "MK-03.yaml").mkdir()  # a folder named like a Steckbrief is not read …
    monkeypatch.chdir(project)
    result = cli("validate")
    assert (result.code, result.err) == (1, ""), result  # … and says so (DS031), no traceback
    assert result.out == (
        "steckbriefe/MK-03.yaml\n"
        "  -       fehler  DS031  „MK-03.yaml“ ist ein Ordner, keine Datei; als Steckbrief wird er nicht gelesen.\n\n"
        "✗ 1 Fehler in 1 Datei (5 Dateien geprüft).\n"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "sarif", "junit"])
def test_every_corpus_finding_in_every_format(cli, monkeypatch, fmt):
    """All broken projects in one call: every kind of finding goes through every reporter."""
    monkeypatch.chdir(CORPUS)
    projects = sorted(p.name for p in CORPUS.iterdir() if (p / "strategie.yaml").is_file())
    result = cli("validate", "--format", fmt, *projects)
    assert result.code == 1
    assert result.err == ""
    assert "steckbriefe/1.3.yaml" in result.out  # the last project's findings are there too


# ------------------------------------------------------------------ --output and CI


def test_output_writes_the_report_and_confirms_in_german(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(BROKEN)
    target = tmp_path / "berichte" / "validate.json"
    result = cli("validate", "--format", "json", "--output", target)
    assert result.code == 1
    assert result.out == ""
    assert result.err == f"Bericht geschrieben: {target} – 1 Fehler in 1 Datei (5 Dateien geprüft).\n"
    assert target.read_text(encoding="utf-8") == cli("validate", "--format", "json").out
    assert [p.name for p in target.parent.iterdir()] == ["validate.json"]  # no temporary file left


def test_output_is_atomic(cli, monkeypatch, tmp_path):
    """A failed write leaves the previous report as it was, and no temporary file behind."""
    import digistrat.output

    monkeypatch.chdir(BROKEN)
    target = tmp_path / "bericht.txt"
    target.write_text("alter Bericht\n", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")  # the English text the OS gives

    monkeypatch.setattr(digistrat.output.os, "replace", failing_replace)
    result = cli("validate", "--output", target)
    assert result.code == 2
    assert result.err == f"Fehler: Kann nicht nach {target} schreiben: kein Speicherplatz mehr frei.\n"
    assert target.read_text(encoding="utf-8") == "alter Bericht\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bericht.txt"]


def test_github_is_the_default_in_github_actions(cli, monkeypatch):
    monkeypatch.chdir(BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = cli("validate")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "::error file=steckbriefe/MK-02.yaml,line=6,col=17,title=DS021 unbekannter-partner::"
        "Unbekannter Partner „stadt-mustr“: keine Kennung in partner.yaml. Meinten Sie „stadt-muster“?"
    )
    assert cli("validate", "--format", "text").out == BROKEN_TEXT  # an explicit format wins


def test_text_is_the_default_elsewhere(cli, monkeypatch):
    monkeypatch.chdir(BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert cli("validate").out == BROKEN_TEXT


def test_json_report_shape(cli, monkeypatch):
    from digistrat import __version__

    monkeypatch.chdir(BROKEN)
    report = json.loads(cli("validate", "-f", "json").out)
    assert report == {
        "werkzeug": {"name": "digistrat", "version": __version__, "befehl": "validate"},
        "befunde": [
            {
                "datei": "steckbriefe/MK-02.yaml",
                "zeile": 6,
                "spalte": 17,
                "pfad": "$.verantwortlich",
                "code": "DS021",
                "regel": "unbekannter-partner",
                "schweregrad": "fehler",
                "meldung": "Unbekannter Partner „stadt-mustr“: keine Kennung in partner.yaml. Meinten Sie „stadt-muster“?",
            }
        ],
        "zusammenfassung": {"dateien": 5, "fehler": 1, "warnungen": 0, "hinweise": 0},
    }


def test_escape_sequences_in_a_file_name_never_reach_the_terminal(cli, tmp_path, monkeypatch):
    """A Steckbrief file named with ESC sequences (clear screen, set title) is shown, not executed."""
    import shutil

    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project)
    (project / "steckbriefe" / "MK-02.yaml").rename(project / "steckbriefe" / "MK\x1b[2J\x1b]0;x\x07.yaml")
    monkeypatch.chdir(project)
    result = cli("validate")
    assert result.code == 1
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "steckbriefe/MK\\x1b[2J\\x1b]0;x\\x07.yaml\n" in result.out
