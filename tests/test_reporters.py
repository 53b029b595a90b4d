"""Reporters: golden files for all six formats, plus what each format promises its consumer.

The golden files come from ``digistrat validate`` on tests/data/reporter-projekt (five findings in
five files, one of them a missing file without a line), run from inside that folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from digistrat import __version__
from digistrat.findings import Finding, Severity
from digistrat.reporters import REPORTERS, Report, get_reporter

DATA = Path(__file__).parent / "data"
PROJECT = DATA / "reporter-projekt"
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"

GOLDEN = {
    "text": "reporters/text.txt",
    "json": "reporters/json.json",
    "github": "reporters/github.txt",
    "gitlab": "reporters/gitlab.json",
    "sarif": "reporters/sarif.json",
    "junit": "reporters/junit.xml",
}


def run(cli, fmt: str, where: Path = PROJECT) -> str:
    import os

    cwd = os.getcwd()
    os.chdir(where)
    try:
        result = cli("validate", "--format", fmt)
    finally:
        os.chdir(cwd)
    assert result.code == 1, result
    assert result.err == ""
    return result.out


def without_version(text: str) -> str:
    """The golden files must not change with every release."""
    return text.replace(f'"{__version__}"', '"<version>"')


@pytest.mark.parametrize("fmt", sorted(GOLDEN))
def test_golden(cli, golden, fmt):
    golden(GOLDEN[fmt], without_version(run(cli, fmt)))


def test_every_format_has_a_golden_file():
    from digistrat.cli.common import REPORT_FORMATS

    assert set(GOLDEN) == set(REPORTERS) == set(REPORT_FORMATS)


def test_registry():
    for name, cls in REPORTERS.items():
        assert cls.name == name
        assert cls.description and cls.description[0].isupper()  # German, shown in help texts
        assert isinstance(get_reporter(name), cls)


# ------------------------------------------------------------------ synthetic reports


def finding(
    code="DS011",
    severity=Severity.FEHLER,
    message="Unbekannter Schlüssel „x“.",
    file="steckbriefe/A.yaml",
    path=("x",),
    line=3,
    column=1,
    rule="unbekannter-schluessel",
) -> Finding:
    return Finding(code, rule, severity, message, file, path, line, column)


MIXED = Report(
    "lint",
    [
        finding(),
        finding(
            "DS101",
            Severity.WARNUNG,
            "Betrag 30.000 sieht nach Tausenderpunkt aus.",
            "steckbriefe/Bürger App.yaml",
            ("kosten", 0, "betrag"),
            7,
            13,
            "tausenderpunkt",
        ),
        finding(
            "DS102",
            Severity.HINWEIS,
            "Kein Zeitraum angegeben.",
            "steckbriefe/Bürger App.yaml",
            (),
            1,
            1,
            "zeitraum-fehlt",
        ),
        finding(
            "DS028", Severity.FEHLER, "Die Datei „agenda.yaml“ fehlt.", "agenda.yaml", (), None, None, "datei-fehlt"
        ),
    ],
    ["strategie.yaml", "agenda.yaml", "steckbriefe/A.yaml", "steckbriefe/Bürger App.yaml"],
    tool_version="9.9.9",
)
CLEAN = Report("validate", [], ["strategie.yaml", "partner.yaml"], tool_version="9.9.9")


# ------------------------------------------------------------------ SARIF


@pytest.fixture(scope="module")
def sarif_validator():
    from jsonschema import Draft7Validator

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def sarif_errors(validator, doc) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_sarif_cli_output_is_valid(cli, sarif_validator):
    doc = json.loads(run(cli, "sarif"))
    assert sarif_errors(sarif_validator, doc) == []
    [run_] = doc["runs"]
    rules = run_["tool"]["driver"]["rules"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    missing = [r for r in run_["results"] if r["ruleId"] == "DS028"]
    assert missing and "region" not in missing[0]["locations"][0]["physicalLocation"]


@pytest.mark.parametrize("report", [MIXED, CLEAN], ids=["gemischt", "sauber"])
def test_sarif_synthetic_reports_are_valid(sarif_validator, report):
    doc = json.loads(get_reporter("sarif").render(report))
    assert sarif_errors(sarif_validator, doc) == []


def test_sarif_levels_and_uris(sarif_validator):
    doc = json.loads(get_reporter("sarif").render(MIXED))
    results = doc["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "error"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert locations[1] == {"uri": "steckbriefe/B%C3%BCrger%20App.yaml", "uriBaseId": "%SRCROOT%"}
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 13}
    assert results[1]["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "$.kosten[0].betrag", "kind": "member"}
    ]


def test_sarif_file_outside_the_working_directory():
    outside = Report("validate", [finding(file="/srv/projekte/a b.yaml")], ["/srv/projekte/a b.yaml"])
    location = json.loads(get_reporter("sarif").render(outside))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "file:///srv/projekte/a%20b.yaml"}


# ------------------------------------------------------------------ GitLab


def fingerprints(text: str) -> list[str]:
    return [issue["fingerprint"] for issue in json.loads(text)]


def test_gitlab_fingerprints_are_stable_and_unique(cli):
    first, second = run(cli, "gitlab"), run(cli, "gitlab")
    assert first == second
    prints = fingerprints(first)
    assert len(prints) == 5 == len(set(prints))
    assert all(len(p) == 64 and int(p, 16) >= 0 for p in prints)


def test_gitlab_fingerprints_survive_inserted_lines(cli, tmp_path):
    moved = tmp_path / "projekt"
    shutil.copytree(PROJECT, moved)
    for name in ("strategie.yaml", "partner.yaml", "steckbriefe/MK-01.yaml", "steckbriefe/MK-02.yaml"):
        path = moved / name
        path.write_text("# Eine neue Kommentarzeile ganz oben\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before, after = json.loads(run(cli, "gitlab")), json.loads(run(cli, "gitlab", moved))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    lines_before = [i["location"]["lines"]["begin"] for i in before]
    lines_after = [i["location"]["lines"]["begin"] for i in after]
    assert lines_before == [1, 12, 6, 4, 3]
    assert lines_after == [1, 14, 8, 6, 5]  # agenda.yaml is missing: no line to move


def test_gitlab_severities():
    issues = json.loads(get_reporter("gitlab").render(MIXED))
    assert [i["severity"] for i in issues] == ["major", "minor", "info", "major"]
    assert issues[3]["location"] == {"path": "agenda.yaml", "lines": {"begin": 1}}
    assert json.loads(get_reporter("gitlab").render(CLEAN)) == []


# ------------------------------------------------------------------ JUnit


def test_junit_parses_and_counts(cli):
    root = ET.fromstring(run(cli, "junit").encode("utf-8"))
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert suite.get("tests") == str(len(cases)) == "5"
    assert suite.get("failures") == str(len(suite.findall("testcase/failure"))) == "5"
    names = [c.get("name") for c in cases]
    assert names == [
        "strategie.yaml",
        "partner.yaml",
        "steckbriefe/MK-01.yaml",
        "steckbriefe/MK-02.yaml",
        "agenda.yaml",
    ]


def test_junit_warnings_are_not_failures():
    root = ET.fromstring(get_reporter("junit").render(MIXED).encode("utf-8"))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("4", "2")
    buerger = next(c for c in suite if c.get("name") == "steckbriefe/Bürger App.yaml")
    assert buerger.find("failure") is None
    assert buerger.find("system-out").text == (
        "steckbriefe/Bürger App.yaml:7:13 warnung DS101 Betrag 30.000 sieht nach Tausenderpunkt aus. "
        "($.kosten[0].betrag)\n"
        "steckbriefe/Bürger App.yaml:1:1 hinweis DS102 Kein Zeitraum angegeben. ($)"
    )
    clean = ET.fromstring(get_reporter("junit").render(CLEAN).encode("utf-8")).find("testsuite")
    assert (clean.get("tests"), clean.get("failures")) == ("2", "0")


def test_junit_escapes_xml():
    report = Report("validate", [finding(message='Wert <b> & "c" ]]> ist falsch.')], ["steckbriefe/A.yaml"])
    failure = ET.fromstring(get_reporter("junit").render(report).encode("utf-8")).find("testsuite/testcase/failure")
    assert failure.get("message") == '1 Fehler: Wert <b> & "c" ]]> ist falsch.'


# ------------------------------------------------------------------ GitHub


def test_github_levels():
    lines = get_reporter("github").render(MIXED).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:4]] == ["::error", "::warning", "::notice", "::error"]
    assert lines[3] == "::error file=agenda.yaml,title=DS028 datei-fehlt::Die Datei „agenda.yaml“ fehlt."
    assert lines[4] == "2 Fehler, 1 Warnung, 1 Hinweis in 3 Dateien (4 Dateien geprüft)."


def test_github_escapes_data_and_properties():
    report = Report(
        "validate",
        [finding(file="ordner,neu/a:b%.yaml", message="50 % mehr\nzweite Zeile\r")],
        ["ordner,neu/a:b%.yaml"],
    )
    first = get_reporter("github").render(report).splitlines()[0]
    assert first == (
        "::error file=ordner%2Cneu/a%3Ab%25.yaml,line=3,col=1,title=DS011 unbekannter-schluessel::"
        "50 %25 mehr%0Azweite Zeile%0D"
    )


# ------------------------------------------------------------------ text


def test_text_is_grouped_by_file(cli):
    out = run(cli, "text")
    headers = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headers == [
        "agenda.yaml",
        "partner.yaml",
        "steckbriefe/MK-01.yaml",
        "steckbriefe/MK-02.yaml",
        "strategie.yaml",
        "✗ 5 Fehler in 5 Dateien (4 Dateien geprüft).",
    ]
    assert "\x1b[" not in out


def test_text_colour_only_when_asked():
    reporter = get_reporter("text")
    plain, coloured = reporter.render(MIXED, color=False), reporter.render(MIXED, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert "\x1b[1;31mfehler" in coloured and "\x1b[33mwarnung" in coloured
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_text_clean_report():
    assert get_reporter("text").render(CLEAN) == "✓ Keine Befunde: 2 Dateien geprüft.\n"


class FakeStream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    "env,tty,expected",
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_decision(monkeypatch, env, tty, expected):
    from digistrat.cli.common import use_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert use_color(FakeStream(tty)) is expected


def test_no_ansi_codes_from_the_cli_when_not_a_terminal(cli, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" not in run(cli, "text")


def test_cli_uses_colour_on_a_terminal(cli, monkeypatch):
    import digistrat.cli.common as common

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(common, "use_color", lambda stream=None: True)  # capsys is no terminal
    assert "\x1b[" in run(cli, "text")
    assert "\x1b[" not in run(cli, "json")  # colour is for the text format only
