"""The rule registry, the rule docstrings, ``digistrat rules`` and the generated reference."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from digistrat.catalog import VALIDATE_CODES, describe
from digistrat.findings import Severity
from digistrat.rules import registry
from digistrat.rules.docs import REGENERATE, render_reference

RULES = registry.RULES


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert codes == sorted(codes)
    for r in RULES:
        assert re.fullmatch(r"DS1\d\d", r.code), r
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r
        assert isinstance(r.severity, Severity)
        assert r.code not in VALIDATE_CODES
    assert {m.code for m in registry.META_CODES}.isdisjoint(codes)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_docstring_is_documentation_with_examples(rule):
    doc = rule.doc()
    assert rule.summary == doc.splitlines()[0] and rule.summary.endswith(".")
    assert doc.splitlines()[1] == ""
    assert re.search(r"^Falsch\b", doc, re.M), "a failing example"
    assert re.search(r"^Richtig\b", doc, re.M), "a passing example"
    assert doc.count("```yaml") >= 2
    json.dumps(rule.options)  # options have plain defaults
    for key, allowed in rule.choices.items():
        assert set(rule.options[key]) <= set(allowed)


def test_lookup_by_code_or_name():
    assert registry.resolve("DS102").name == "vorgaben-unterschritten"
    assert registry.resolve("ds102").name == "vorgaben-unterschritten"
    assert registry.resolve(" Platzhaltertext ").code == "DS118"
    assert registry.resolve("DS090") is None  # meta codes are not rules
    assert registry.resolve("platzhalter") is None
    assert registry.suggestion("platzhaltertxt") == " Meinten Sie „platzhaltertext“?"


def test_the_retired_thousands_rule_says_where_it_went():
    # DS101 became the validation error DS029 (issue 9): a configuration naming it gets told so
    assert registry.resolve("tausendertrennzeichen") is None and registry.resolve("DS101") is None
    assert (
        registry.suggestion("DS101")
        == registry.suggestion("tausendertrennzeichen")
        == (
            " Die Regel DS101 gibt es nicht mehr: Beträge mit Tausenderpunkt meldet „digistrat validate“ "
            "jetzt als Fehler DS029, der sich nicht abschalten lässt."
        )
    )


def test_catalog_describes_rules_and_meta_codes():
    assert describe("DS113") == ("anteile-summe", "Die Anteile einer Kostenaufteilung ergeben nicht 100 %.")
    assert describe("DS091")[0] == "unbekannte-regel"
    assert describe("DS010")[0] == "schema"


def test_reference_docs_are_up_to_date():
    committed = (ROOT / "docs" / "regeln.md").read_text(encoding="utf-8")
    assert committed == render_reference(), f"docs/regeln.md ist veraltet; neu erzeugen mit: {REGENERATE}"


def test_reference_lists_every_rule():
    text = render_reference()
    for r in RULES:
        assert f"## {r.code} {r.name}\n" in text
        assert f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | {r.summary} |" in text


def test_rules_command_lists_all_rules(cli):
    r = cli("rules")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split() == ["Kennung", "Name", "Schweregrad", "Beschreibung"]
    assert len(lines) == len(RULES) + 3
    assert re.fullmatch(
        r"DS102 +vorgaben-unterschritten +warnung .*",
        lines[1],
    )
    assert lines[-1] == "Einzelheiten: digistrat rules NAME"


def test_rules_command_shows_one_rule_with_options(cli):
    r = cli("rules", "DS117")
    assert r.code == 0
    assert r.out.startswith(
        "DS117 steckbrief-unvollstaendig (Standard-Schweregrad: hinweis)\n\n"
        "Einem geplanten Steckbrief fehlen Zielgruppen, Hauptaktivitäten, Zeitraum oder Kosten.\n"
    )
    assert (
        "    steckbrief-unvollstaendig:\n"
        '      status: ["geplant", "in-umsetzung", "abgeschlossen"]\n'
        '      felder: ["zielgruppen", "hauptaktivitaeten", "zeitraum", "kosten"]\n'
    ) in r.out
    assert cli("rules", "abhaengigkeitszyklus").out.endswith("Keine Optionen.\n")


def test_rules_command_unknown_name(cli):
    r = cli("rules", "platzhalter")
    assert (r.code, r.out) == (2, "")
    assert r.err.strip() == (
        "Fehler: Unbekannte Regel „platzhalter“. Meinten Sie „platzhaltertext“? Alle Regeln zeigt „digistrat rules“."
    )
