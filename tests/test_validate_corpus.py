"""The invalid-projects corpus: every folder in examples/invalid/ is a small project broken in one way.

Each folder holds an ``expected.txt`` with the exit code and the exact findings of
``digistrat validate`` run inside it (check-jsonschema style: data, not code, says what is
expected). The corpus is walked by one parametrized test; a new failure kind is a new folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT

CORPUS = ROOT / "examples" / "invalid"
MINIMAL = Path(__file__).parent / "data" / "minimal"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())

# Every failure kind the foundation issue names must have its folder.
REQUIRED_KINDS = {
    "yaml-syntax",
    "doppelter-schluessel",
    "kodierung-latin1",
    "kodierung-utf16",
    "tabulator",
    "leere-datei",
    "liste-statt-zuordnung",
    "unbekannter-schluessel",
    "pflichtfeld-fehlt",
    "ungueltiger-wert",
    "zahl-als-kennung",
    "foerderung-betrag-und-quote",
    "unbekannter-partner",
    "unbekanntes-handlungsfeld",
    "unbekannter-steckbrief-abhaengigkeit",
    "unbekannter-steckbrief-agenda",
    "unbekanntes-programm",
    "dateiname-passt-nicht",
    "fehlt-in-agenda",
    "doppelt-in-agenda",
    "doppelte-kennung-partner",
    "doppelte-kennung-steckbrief",
    "fehlende-datei-partner",
    "nachkommastellen",
    "ohne-strategie",
}


HEADER = (
    "# Expected result of `digistrat validate` run inside this folder (tests/test_validate_corpus.py).\n"
    "# exit <code>; then one finding per line: CODE FILE:LINE:COLUMN JSON-PATH MESSAGE\n"
    "# (LINE:COLUMN is -:- for a finding without a position), or: stderr <message>\n"
)


def write_expected(case: str, result) -> None:
    """DIGISTRAT_UPDATE_GOLDEN=1 rewrites expected.txt from the actual run (review the diff)."""
    lines = [f"exit {result.code}"]
    if result.code == 2:
        lines += [f"stderr {line}" for line in result.err.splitlines()]
    else:
        lines += [finding_line(f) for f in json.loads(result.out)["befunde"]]
    (CORPUS / case / "expected.txt").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def read_expected(case: str) -> tuple[int, list[str], list[str]]:
    """(exit code, finding lines, stderr lines) from a case's expected.txt."""
    code, findings, stderr = None, [], []
    for line in (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("exit "):
            code = int(line.split()[1])
        elif line.startswith("stderr "):
            stderr.append(line[len("stderr ") :])
        else:
            findings.append(line)
    assert code is not None, f"{case}/expected.txt: no exit line"
    return code, findings, stderr


def finding_line(f: dict) -> str:
    pos = f"{f['zeile']}:{f['spalte']}" if f["zeile"] is not None else "-:-"
    return f"{f['code']} {f['datei']}:{pos} {f['pfad']} {f['meldung']}"


def test_corpus_has_every_failure_kind():
    assert set(CASES) >= REQUIRED_KINDS, sorted(REQUIRED_KINDS - set(CASES))


@pytest.mark.parametrize("case", CASES)
def test_corpus_case(case, cli, monkeypatch):
    assert (CORPUS / case / "README.md").read_text(encoding="utf-8").strip(), "say what is broken"
    monkeypatch.chdir(CORPUS / case)
    result = cli("validate", "--format", "json")
    if os.environ.get("DIGISTRAT_UPDATE_GOLDEN"):
        write_expected(case, result)
    code, expected, expected_err = read_expected(case)
    assert "Traceback" not in result.err
    assert result.code == code, result
    if code == 2:
        assert result.out == ""
        assert result.err.splitlines() == expected_err
        return
    assert result.err == ""
    report = json.loads(result.out)
    assert [finding_line(f) for f in report["befunde"]] == expected
    # validate reports errors, and warnings only for a value that is valid but probably meant otherwise
    warnings = {"DS030"}  # quote: 0.9 (0.9 % is possible, 90 % more likely)
    assert all(f["schweregrad"] == ("warnung" if f["code"] in warnings else "fehler") for f in report["befunde"])


def test_minimal_project_is_clean(cli, monkeypatch):
    """The base of the corpus validates clean, unquoted dates (stand: 2022-08-15) included."""
    monkeypatch.chdir(MINIMAL)
    assert "stand: 2022-08-15\n" in (MINIMAL / "strategie.yaml").read_text(encoding="utf-8")
    assert "einwohner_stand: 2021-12-31\n" in (MINIMAL / "partner.yaml").read_text(encoding="utf-8")
    result = cli("validate")
    assert result.code == 0, result
    assert result.out == "✓ Keine Befunde: 5 Dateien geprüft.\n"
    assert result.err == ""


def test_unquoted_dates_reach_the_model_as_iso_text():
    from digistrat.validation import check

    result = check(MINIMAL)
    assert result.findings == []
    strategie = next(r for r in result.files if r.source.kind == "strategie")
    assert strategie.data["stand"] == "2022-08-15"
    assert strategie.data["beschluss"]["datum"] == "2022-09-22"


# ------------------------------------------------------------------ finding the project


@pytest.mark.parametrize("where", ["steckbriefe", "steckbriefe/MK-02.yaml", "partner.yaml", "."])
def test_project_is_found_from_a_subfolder_or_a_file(cli, monkeypatch, where):
    """Paths below the project root validate the whole project, shown relative to the cwd."""
    monkeypatch.chdir(CORPUS)
    result = cli("validate", f"unbekannter-partner/{where}")
    assert result.code == 1
    assert result.out == (
        "unbekannter-partner/steckbriefe/MK-02.yaml\n"
        "  6:17    fehler  DS021  Unbekannter Partner „stadt-mustr“: keine Kennung in partner.yaml. "
        "Meinten Sie „stadt-muster“?  $.verantwortlich\n"
        "\n"
        "✗ 1 Fehler in 1 Datei (5 Dateien geprüft).\n"
    )


def test_project_is_found_upwards_from_the_working_directory(cli, monkeypatch):
    monkeypatch.chdir(CORPUS / "unbekannter-partner" / "steckbriefe")
    result = cli("validate", "--format", "json")
    assert result.code == 1
    [finding] = json.loads(result.out)["befunde"]
    assert finding["datei"] == "MK-02.yaml"  # relative to where the user stands
    assert (finding["zeile"], finding["spalte"]) == (6, 17)


def test_several_paths_of_one_project_are_checked_once(cli, monkeypatch):
    monkeypatch.chdir(CORPUS / "unbekannter-partner")
    result = cli("validate", "--format", "json", ".", "steckbriefe", "steckbriefe/MK-02.yaml", "partner.yaml")
    assert result.code == 1
    report = json.loads(result.out)
    assert len(report["befunde"]) == 1
    assert report["zusammenfassung"]["dateien"] == 5


def test_several_projects_in_one_call(cli, monkeypatch):
    monkeypatch.chdir(CORPUS)
    result = cli("validate", "--format", "json", "unbekannter-partner", "leere-datei", str(MINIMAL))
    assert result.code == 1
    report = json.loads(result.out)
    assert [(f["code"], f["datei"]) for f in report["befunde"]] == [
        ("DS021", "unbekannter-partner/steckbriefe/MK-02.yaml"),
        ("DS004", "leere-datei/steckbriefe/MK-02.yaml"),
    ]
    assert report["zusammenfassung"]["dateien"] == 15


def test_clean_project_exit_code_0(cli, monkeypatch):
    monkeypatch.chdir(MINIMAL)
    assert cli("validate", "--format", "json").code == 0


def test_text_report_of_the_whole_corpus(cli, golden, monkeypatch):
    """Every corpus message as users read it, in one file for reviewing the wording."""
    monkeypatch.chdir(CORPUS)
    projects = [c for c in CASES if (CORPUS / c / "strategie.yaml").is_file()]
    result = cli("validate", *projects)
    assert result.code == 1
    golden("validate/korpus.txt", result.out)
