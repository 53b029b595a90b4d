"""``digistrat lint`` end to end: exit codes, --fail-on, configuration, inline comments, baseline."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

BASIS = Path(__file__).parent / "rules" / "_basis"


@pytest.fixture
def projekt(tmp_path, monkeypatch) -> Path:
    """A writable, lint-clean copy of the corpus base project; the working directory is its root."""
    target = tmp_path / "projekt"
    shutil.copytree(BASIS, target)
    monkeypatch.chdir(target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _findings(cli, *args) -> tuple[int, list[tuple]]:
    r = cli("lint", "--format", "json", *args)
    assert r.code in (0, 1), r
    doc = json.loads(r.out)
    return r.code, [
        (b["datei"], b["zeile"], b["spalte"], b["code"], b["schweregrad"], b["meldung"]) for b in doc["befunde"]
    ]


# ---------------------------------------------------------------- examples


def test_dithmarschen_is_lint_clean(cli):
    r = cli("lint", EXAMPLE, "--stichtag", "2026-11-22", "--fail-on", "hinweis")
    assert r.code == 0, r.out
    assert "Keine Befunde" in r.out


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("json", "json"), ("sarif", "sarif")])
def test_broken_example_golden(cli, golden, monkeypatch, fmt, ext):
    monkeypatch.chdir(ROOT)
    r = cli("lint", "examples/broken", "--stichtag", "2024-06-30", "--format", fmt)
    assert r.code == 1
    golden(f"lint/broken.{ext}", r.out)


def test_broken_example_breaks_many_rules(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, found = _findings(cli, "examples/broken", "--stichtag", "2024-06-30")
    codes = {f[3] for f in found}
    assert len({c for c in codes if c.startswith("DS1")}) >= 15
    assert "DS091" in codes  # the mistyped rule name in its digistrat.yaml


@pytest.mark.parametrize("fmt", ["github", "gitlab", "junit"])
def test_every_report_format(cli, monkeypatch, fmt):
    monkeypatch.chdir(ROOT)
    r = cli("lint", "examples/broken", "--stichtag", "2024-06-30", "--format", fmt)
    assert r.code == 1
    assert "DS111" in r.out and "DS113" in r.out


def test_output_is_deterministic(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    first = cli("lint", "examples/broken", "--stichtag", "2024-06-30", "--format", "json").out
    assert cli("lint", "examples/broken", "--stichtag", "2024-06-30", "--format", "json").out == first


# ---------------------------------------------------------------- exit codes and options


def test_clean_project_exits_0(cli, projekt):
    r = cli("lint")
    assert (r.code, r.out.strip()) == (0, "✓ Keine Befunde: 7 Dateien geprüft.")


def test_fail_on_thresholds(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "titel: Lernplattform", "titel: Lernplattform TODO")
    assert cli("lint").code == 0  # a warning does not fail by default
    assert cli("lint", "--fail-on", "warnung").code == 1
    assert cli("lint", "--fail-on", "hinweis").code == 1
    assert cli("lint", "--fail-on", "fehler").code == 0


def test_hint_fails_only_with_fail_on_hinweis(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "zielgruppen: [Schüler*innen, Lehrkräfte]\n", "")
    code, found = _findings(cli, "--fail-on", "warnung")
    assert code == 0 and [f[3:5] for f in found] == [("DS117", "hinweis")]
    assert cli("lint", "--fail-on", "hinweis").code == 1


def test_error_fails(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "abhaengigkeiten: [A-01]", "abhaengigkeiten: [A-02]")
    code, found = _findings(cli)
    assert code == 1
    assert found == [
        ("steckbriefe/A-02.yaml", 11, 19, "DS111", "fehler", "Der Steckbrief „A-02“ hängt von sich selbst ab.")
    ]


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--fail-on", "kritisch"],
            "Fehler: --fail-on: Unbekannter Schweregrad „kritisch“ (erlaubt: fehler, warnung, hinweis).",
        ),
        (
            ["--stichtag", "2024-02-30"],
            "Fehler: Ungültiger Stichtag „2024-02-30“: erwartet wird ein Datum JJJJ-MM-TT, z. B. 2024-06-30.",
        ),
        (
            ["--select", "platzhalter-text"],
            "Fehler: Unbekannte Regel „platzhalter-text“ bei --select. Meinten Sie „platzhaltertext“? "
            "Alle Regeln zeigt „digistrat rules“.",
        ),
        (["--ignore", "DS199"], "Fehler: Unbekannte Regel „DS199“ bei --ignore. Alle Regeln zeigt „digistrat rules“."),
        (
            ["--baseline", "fehlt.json"],
            "Fehler: Baseline-Datei nicht gefunden: fehlt.json (anlegen mit „digistrat lint --write-baseline DATEI“).",
        ),
    ],
)
def test_usage_errors_exit_2(cli, projekt, args, message):
    r = cli("lint", *args)
    assert (r.code, r.err.strip(), r.out) == (2, message, "")


def test_baseline_that_is_no_regular_file_is_refused_without_blocking(cli, projekt):
    """A FIFO as --baseline used to block lint forever (issue 9); a folder gave an English OS text."""
    os.mkfifo(projekt / "baseline.fifo")
    (projekt / "baseline-ordner").mkdir()
    for name in ("baseline.fifo", "baseline-ordner"):
        r = cli("lint", "--baseline", name)
        assert (r.code, r.out) == (2, "")
        assert r.err.strip() == f"Fehler: Die Baseline-Datei {name} ist keine normale Datei (Ordner, FIFO oder Gerät)."


def test_stichtag_option_overrides_config(cli, projekt):
    # A-01 runs 2023-01..2025-12 and is "in-umsetzung": fine on the config's 2024-06-30, not in 2022
    assert _findings(cli)[1] == []
    _, found = _findings(cli, "--stichtag", "2022-12-31")
    assert [f[3] for f in found] == ["DS116"]
    assert found[0][5] == "Status „in-umsetzung“, aber der Zeitraum beginnt erst 01/2023 (Stichtag 31.12.2022)."


def test_select_and_ignore_on_the_command_line(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "titel: Lernplattform", "titel: Lernplattform TODO")
    _edit(projekt / "agenda.yaml", "[A-01, A-02]", "[A-02, A-01]")
    both = sorted(f[3] for f in _findings(cli)[1])
    assert both == ["DS112", "DS118"]
    assert [f[3] for f in _findings(cli, "--select", "DS118")[1]] == ["DS118"]
    assert [
        f[3]
        for f in _findings(cli, "--select", "reihenfolge-abhaengigkeit,platzhaltertext", "--ignore", "platzhaltertext")[
            1
        ]
    ] == ["DS112"]


def test_validate_findings_come_first_and_rules_still_run(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "status: geplant", "status: fertig")
    _edit(projekt / "agenda.yaml", "[A-01, A-02]", "[A-01, A-02, A-01]")
    _edit(projekt / "steckbriefe/A-01.yaml", "titel: Gemeinsames Serviceportal", "titel: Serviceportal ???")
    code, found = _findings(cli)
    assert code == 1
    # the rules run on the valid files (DS118 in A-01); project-wide ones (DS102, DS103) wait until
    # the broken A-02 is fixed: without it "Bildung has no Steckbrief" would be a false lead (issue 9)
    assert [f[3] for f in found] == ["DS027", "DS118", "DS014"]


def test_rules_are_skipped_with_one_hint_when_the_model_cannot_be_built(cli, projekt):
    _edit(projekt / "partner.yaml", "art: amt", "art: landkreis")
    code, found = _findings(cli)
    assert code == 1
    assert [f[3] for f in found] == ["DS090", "DS014"]  # sorted by position
    assert found[0] == (
        "partner.yaml",
        1,
        1,
        "DS090",
        "hinweis",
        "Die Prüfregeln (DS1xx) wurden übersprungen, weil partner.yaml fehlerhaft ist oder fehlt. "
        "Nach dem Beheben erneut „digistrat lint“ ausführen.",
    )


# ---------------------------------------------------------------- digistrat.yaml


def _config(projekt: Path, regeln: str) -> None:
    (projekt / "digistrat.yaml").write_text(f"version: 1\nstichtag: 2024-06-30\nregeln:\n{regeln}", encoding="utf-8")


def _placeholder_and_order(projekt: Path) -> None:
    _edit(projekt / "steckbriefe/A-02.yaml", "titel: Lernplattform", "titel: Lernplattform TODO")
    _edit(projekt / "agenda.yaml", "[A-01, A-02]", "[A-02, A-01]")


def test_config_auswahl_and_ignorieren(cli, projekt):
    _placeholder_and_order(projekt)
    _config(projekt, "  auswahl: [DS112, platzhaltertext]\n  ignorieren: [ds118]\n")
    assert [f[3] for f in _findings(cli)[1]] == ["DS112"]
    # --select replaces auswahl; ignorieren still applies
    assert [f[3] for f in _findings(cli, "--select", "DS118,DS112")[1]] == ["DS112"]


def test_config_schweregrad(cli, projekt):
    _placeholder_and_order(projekt)
    _config(projekt, "  schweregrad: {platzhaltertext: fehler, DS112: hinweis}\n")
    code, found = _findings(cli)
    assert code == 1
    assert sorted((f[3], f[4]) for f in found) == [("DS112", "hinweis"), ("DS118", "fehler")]


def test_config_optionen(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "titel: Lernplattform", "titel: Lernplattform (Entwurf)")
    _config(projekt, "  optionen:\n    platzhaltertext: {woerter: [Entwurf]}\n")
    _, found = _findings(cli)
    assert [(f[1], f[3], f[5]) for f in found] == [
        (2, "DS118", "Der Text enthält den Platzhalter „Entwurf“; bitte ausformulieren.")
    ]


def test_config_mistakes_are_findings(cli, projekt):
    _config(
        projekt,
        "  ignorieren: [platzhaltertxt]\n"
        "  schweregrad: {DS150: fehler}\n"
        "  optionen:\n"
        "    platzhaltertext: {woerter: TODO, farbe: rot}\n"
        "    steckbrief-unvollstaendig: {felder: [zielgruppe]}\n",
    )
    code, found = _findings(cli)
    assert code == 0
    assert found == [
        (
            "digistrat.yaml",
            4,
            16,
            "DS091",
            "warnung",
            "Unbekannte Regel „platzhaltertxt“. Meinten Sie „platzhaltertext“?",
        ),
        ("digistrat.yaml", 5, 17, "DS091", "warnung", "Unbekannte Regel „DS150“."),
        (
            "digistrat.yaml",
            7,
            32,
            "DS092",
            "warnung",
            "Option „woerter“ der Regel „platzhaltertext“: erwartet wird eine Liste von Texten. Es gilt der Standardwert.",
        ),
        (
            "digistrat.yaml",
            7,
            38,
            "DS092",
            "warnung",
            "Die Regel „platzhaltertext“ kennt keine Option „farbe“ (Optionen: woerter).",
        ),
        (
            "digistrat.yaml",
            8,
            33,
            "DS092",
            "warnung",
            "Option „felder“ der Regel „steckbrief-unvollstaendig“: „zielgruppe“ ist nicht erlaubt (erlaubt: zielgruppen, "
            "hauptaktivitaeten, zeitraum, kosten, ziele, beschreibung, kennzahlen, risiken, personal, beteiligte). "
            "Es gilt der Standardwert.",
        ),
    ]


def test_config_dateien_glob(cli, projekt):
    alt = projekt / "steckbriefe" / "alt"
    alt.mkdir()
    (projekt / "steckbriefe/A-02.yaml").rename(alt / "A-02.yaml")
    _edit(alt / "A-02.yaml", "titel: Lernplattform", "titel: Lernplattform TODO")
    _edit(projekt / "steckbriefe/A-01.yaml", "titel: Gemeinsames Serviceportal", "titel: Serviceportal TBD")
    _config(projekt, '  dateien:\n    - {muster: "steckbriefe/alt/**/*.yaml", ignorieren: [platzhaltertext]}\n')
    assert [(f[0], f[3]) for f in _findings(cli)[1]] == [("steckbriefe/A-01.yaml", "DS118")]


# ---------------------------------------------------------------- inline comments


def test_inline_disable_at_end_of_line(cli, projekt):
    _edit(
        projekt / "steckbriefe/A-02.yaml",
        "titel: Lernplattform",
        "titel: Lernplattform TODO   # digistrat: disable=platzhaltertext",
    )
    _edit(projekt / "steckbriefe/A-02.yaml", "kurzbeschreibung: Eine", "kurzbeschreibung: TODO Eine")
    assert [(f[1], f[3]) for f in _findings(cli)[1]] == [(5, "DS118")]


def test_inline_disable_on_its_own_line_applies_to_the_next_line(cli, projekt):
    _edit(
        projekt / "steckbriefe/A-02.yaml",
        "titel: Lernplattform",
        "# digistrat: disable=DS118, DS112\n\n# noch ein Kommentar\ntitel: Lernplattform TODO",
    )
    _edit(projekt / "steckbriefe/A-02.yaml", "kurzbeschreibung: Eine", "kurzbeschreibung: TODO Eine")
    assert [(f[1], f[3]) for f in _findings(cli)[1]] == [(8, "DS118")]


def test_inline_disable_file(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "titel: Lernplattform", "titel: Lernplattform TODO")
    _edit(projekt / "steckbriefe/A-02.yaml", "kurzbeschreibung: Eine", "kurzbeschreibung: TODO Eine")
    path = projekt / "steckbriefe/A-02.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# digistrat: disable-file=platzhaltertext\n", encoding="utf-8")
    assert _findings(cli)[1] == []


def test_inline_disable_alle(cli, projekt):
    _edit(
        projekt / "steckbriefe/A-02.yaml",
        "titel: Lernplattform",
        "titel: Lernplattform TODO  # digistrat: disable=alle",
    )
    assert _findings(cli)[1] == []


def test_inline_unknown_names_are_findings(cli, projekt):
    _edit(
        projekt / "steckbriefe/A-02.yaml",
        "titel: Lernplattform",
        "titel: Lernplattform TODO  # digistrat: disable=platzhaltertekst,DS010",
    )
    _, found = _findings(cli)
    assert found == [
        (
            "steckbriefe/A-02.yaml",
            2,
            8,
            "DS118",
            "warnung",
            "Der Text enthält den Platzhalter „TODO“; bitte ausformulieren.",
        ),
        (
            "steckbriefe/A-02.yaml",
            2,
            49,
            "DS091",
            "warnung",
            "Unbekannte Regel „platzhaltertekst“ im Kommentar. Meinten Sie „platzhaltertext“?",
        ),
        (
            "steckbriefe/A-02.yaml",
            2,
            66,
            "DS091",
            "warnung",
            "„DS010“ ist ein Befund von validate und lässt sich nicht abschalten; nur Lint-Regeln (DS1xx) können "
            "abgeschaltet werden.",
        ),
    ]


def test_inline_comment_does_not_hide_validate_findings(cli, projekt):
    _edit(projekt / "steckbriefe/A-02.yaml", "status: geplant", "status: fertig  # digistrat: disable=alle")
    # the invalid Steckbrief is left out of the model; no follow-on DS103 for its Handlungsfeld
    assert [(f[0], f[3]) for f in _findings(cli)[1]] == [("steckbriefe/A-02.yaml", "DS014")]


# ---------------------------------------------------------------- baseline


def _three_findings(projekt: Path) -> None:
    _placeholder_and_order(projekt)
    _edit(projekt / "steckbriefe/A-01.yaml", "titel: Gemeinsames Serviceportal", "titel: Serviceportal ???")


def test_baseline_hides_known_findings_and_reports_new_ones(cli, projekt):
    _three_findings(projekt)
    r = cli("lint", "--write-baseline", "baseline.json")
    assert (r.code, r.out, r.err.strip()) == (0, "", "Baseline geschrieben: baseline.json – 3 Befunde.")
    doc = json.loads((projekt / "baseline.json").read_text(encoding="utf-8"))
    assert [(e["datei"], e["code"], e["pfad"], e["anzahl"]) for e in doc["befunde"]] == [
        ("agenda.yaml", "DS112", "$.projekte[0]", 1),
        ("steckbriefe/A-01.yaml", "DS118", "$.titel", 1),
        ("steckbriefe/A-02.yaml", "DS118", "$.titel", 1),
    ]
    r = cli("lint", "--baseline", "baseline.json", "--fail-on", "warnung")
    assert r.code == 0 and "Keine Befunde" in r.out
    assert r.err.strip() == "Baseline: 3 bekannte Befunde ausgeblendet."
    # lines moved by an edit elsewhere in the file: still known
    _edit(projekt / "steckbriefe/A-02.yaml", "id: A-02", "# Kommentar\n\nid: A-02")
    assert cli("lint", "--baseline", "baseline.json", "--fail-on", "warnung").code == 0
    # a new finding is reported, the old ones are not
    _edit(projekt / "steckbriefe/A-02.yaml", "kurzbeschreibung: Eine", "kurzbeschreibung: TBD Eine")
    code, found = _findings(cli, "--baseline", "baseline.json", "--fail-on", "warnung")
    assert code == 1
    assert [(f[0], f[1], f[3]) for f in found] == [("steckbriefe/A-02.yaml", 7, "DS118")]


def test_baseline_reports_fixed_entries(cli, projekt):
    _three_findings(projekt)
    cli("lint", "--write-baseline", "baseline.json")
    _edit(projekt / "agenda.yaml", "[A-02, A-01]", "[A-01, A-02]")
    r = cli("lint", "--baseline", "baseline.json")
    assert r.err.strip() == (
        "Baseline: 2 bekannte Befunde ausgeblendet; 1 Eintrag tritt nicht mehr auf "
        "(mit --write-baseline aktualisieren)."
    )


def test_baseline_works_from_another_directory(cli, projekt, monkeypatch):
    _three_findings(projekt)
    cli("lint", "--write-baseline", "baseline.json")
    monkeypatch.chdir(projekt / "steckbriefe")
    r = cli("lint", "--baseline", "../baseline.json", "--fail-on", "warnung")
    assert r.code == 0, r.out


def test_baseline_is_stable(cli, projekt):
    _three_findings(projekt)
    cli("lint", "--write-baseline", "a.json")
    cli("lint", "--write-baseline", "b.json")
    assert (projekt / "a.json").read_bytes() == (projekt / "b.json").read_bytes()


def test_invalid_baseline_exits_2(cli, projekt):
    (projekt / "baseline.json").write_text("{kaputt", encoding="utf-8")
    r = cli("lint", "--baseline", "baseline.json")
    assert (r.code, r.err.strip()) == (
        2,
        "Fehler: Die Baseline-Datei baseline.json ist kein gültiges JSON (Zeile 1, Spalte 2).",
    )
    (projekt / "baseline.json").write_text("[]", encoding="utf-8")
    r = cli("lint", "--baseline", "baseline.json")
    assert r.code == 2 and "nicht das erwartete Format" in r.err


def test_stichtag_must_be_written_with_dashes_on_every_python(cli):
    """date.fromisoformat accepts 20240630 from Python 3.11 on; the option must not depend on that."""
    from conftest import EXAMPLE

    result = cli("lint", EXAMPLE, "--stichtag", "20240630")
    assert result.code == 2
    assert (
        result.err == "Fehler: Ungültiger Stichtag „20240630“: erwartet wird ein Datum JJJJ-MM-TT, z. B. 2024-06-30.\n"
    )
