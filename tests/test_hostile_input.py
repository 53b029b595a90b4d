"""Hostile and extreme YAML: a German finding with its position, never a crash, the same on both paths.

Every case here crashed or misled on the parser of 0.1.0 (issue 9, "Hostile input"): the C parser
segfaulted on deep nesting, a 5,000-digit integer or ``1e27`` broke the budget, a lone surrogate
broke budget and render, 1,000 nested brackets were called a self-referencing alias, and the two
parser paths disagreed on large lists and on yaml-test-suite WZ62.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from digistrat.loading import nodes, yamlparse
from digistrat.loading.yamlparse import ParseProblem

MINIMAL = Path(__file__).parent / "data" / "minimal"
TAG = (
    "Ein Wert beginnt mit „!“; das ist in YAML ein Typ-Kennzeichen. Bitte den ganzen Text in Anführungszeichen setzen."
)
DEPTH = (
    "Die Daten sind hier tiefer als 100 Ebenen verschachtelt; digistrat liest höchstens 100 Ebenen "
    "(Listen und Zuordnungen ineinander)."
)
TOO_BIG = "ist zu groß oder zu klein: digistrat rechnet mit Zahlen bis zu 15 Stellen vor dem Komma (unter 1 Billiarde)."
CONTROL = "(aus einer Escape-Sequenz wie „\\e“, „\\x1b“ oder „\\ud800“). Bitte die Escape-Sequenz entfernen oder das gemeinte Zeichen direkt schreiben."


def outcome(text: str, fast: bool) -> tuple:
    try:
        doc = yamlparse.load_document(text.encode("utf-8"), fast=fast)
    except ParseProblem as p:
        return (p.code, p.line, p.column, p.message)
    yamlparse.exact_numbers(doc.data, doc.numbers)
    return ("data", repr(doc.data))


HOSTILE = [
    ("flow-30000", "a: " + "[" * 30_000 + "]" * 30_000, ("DS007", 1, 103, DEPTH)),
    ("flow-1000", "a: " + "[" * 1_000 + "]" * 1_000, ("DS007", 1, 103, DEPTH)),
    ("block-30000", "a:\n" + "- " * 30_000 + "x\n", ("DS007", 2, 199, DEPTH)),
    (
        "mapping-150",
        "".join(f"{'  ' * i}k{i}:\n" for i in range(150)) + "  " * 150 + "x: 1\n",
        ("DS007", 101, 201, DEPTH),
    ),
    ("tagged-file", '!x "bar"\n', ("DS001", 1, 1, TAG)),
    ("tagged-value", "titel: !wichtig Projekt\n", ("DS001", 1, 8, TAG)),
    ("binary", "titel: !!binary aGFsbG8=\n", ("DS001", 1, 8, TAG)),
    (
        "surrogate",
        'titel: "Projekt \\ud800"\n',
        (
            "DS001",
            1,
            8,
            "Der Text enthält ein einzelnes UTF-16-Ersatzzeichen (U+D800), das für sich kein Zeichen ist " + CONTROL,
        ),
    ),
    (
        "ansi-key",
        'a: {"\\e[2Jx": 1}\n',
        ("DS001", 1, 5, "Der Text enthält ein Steuerzeichen (U+001B), das in Texten nicht erlaubt ist " + CONTROL),
    ),
    (
        "ansi-title",
        'titel: "\\x1b]0;gehackt\\x07"\n',
        ("DS001", 1, 8, "Der Text enthält ein Steuerzeichen (U+001B), das in Texten nicht erlaubt ist " + CONTROL),
    ),
    (
        "int-5000-digits",
        "betrag: " + "1" * 5_000 + "\n",
        ("DS007", 1, 9, "Die Zahl 111111111111111111111111111… " + TOO_BIG),
    ),
    ("e27", "betrag: 1e27\n", ("DS007", 1, 9, "Die Zahl 1e27 " + TOO_BIG)),
    (
        "quadrillion",
        "kosten:\n  - {jahr: 2023, betrag: 1000000000000000}\n",
        ("DS007", 2, 26, "Die Zahl 1000000000000000 " + TOO_BIG),
    ),
    ("tiny", "quote: 1e-400\n", ("DS007", 1, 8, "Die Zahl 1e-400 " + TOO_BIG)),
    (
        "int-tag-mismatch",
        "jahr: !!int zwei\n",
        ("DS001", 1, 7, "Der Wert „zwei“ passt nicht zu seinem Typ-Kennzeichen „!!int“."),
    ),
    (
        "complex-key",
        "? [a, b]\n: 1\n",
        ("DS001", 1, 3, "Ein Schlüssel ist selbst eine Liste oder Zuordnung; Schlüssel müssen einfache Texte sein."),
    ),
    # yaml-test-suite WZ62: libyaml reads it, ruamel.yaml does not; both paths now give ruamel's finding
    (
        "wz62",
        "{\n  foo : !!str,\n  !!str : bar,\n}\n",
        (
            "DS001",
            3,
            3,
            "In den geschweiften Klammern { } fehlt ein Komma oder die schließende Klammer „}“. Enthält ein Wert ein "
            "Komma oder einen Doppelpunkt (z. B. 1.250,50 oder „Ziel: …“), muss er in Anführungszeichen stehen; "
            "Zahlen ohne Tausenderpunkt und mit Dezimalpunkt schreiben (1250.50).",
        ),
    ),
    ("set-in-order", "a: !!set {b, a, c}\n", ("data", "{'a': {'b': None, 'a': None, 'c': None}}")),
    ("largest-amount", "betrag: 999999999999999.99\n", ("data", "{'betrag': Decimal('999999999999999.99')}")),
]


@pytest.mark.parametrize("name,text,expected", HOSTILE, ids=[h[0] for h in HOSTILE])
@pytest.mark.parametrize("fast", [True, False], ids=["pyyaml", "ruamel"])
def test_hostile_documents(name, text, expected, fast):
    assert outcome(text, fast) == expected


def test_the_value_limit_is_the_same_on_both_paths(monkeypatch):
    """0.1.0: a 1,050,000-item list was valid with PyYAML and an "alias" problem with ruamel.yaml.
    The limit is now counted in one place; a small limit keeps the test fast."""
    monkeypatch.setattr(nodes, "MAX_VALUES", 1_000)
    text = "a:\n" + "".join(f"  - {i}\n" for i in range(1_050))
    message = (
        "Die Datei enthält über 1.000 Werte; digistrat liest höchstens 1.000 Werte je Datei. "
        "Bitte die Daten auf mehrere Dateien verteilen."
    )
    assert outcome(text, True) == outcome(text, False) == ("DS007", 1, 1, message)
    assert nodes.too_many_values_message(False).startswith("Die Datei enthält über 1.000 Werte")


def test_file_size_limit():
    raw = b"a: " + b"x" * 10_000_000 + b"\n"
    with pytest.raises(ParseProblem) as info:
        yamlparse.load_document(raw)
    assert (info.value.code, info.value.line, info.value.column, info.value.message) == (
        "DS007",
        1,
        1,
        "Die Datei ist 10.000.004 Byte groß; digistrat liest Dateien bis 10.000.000 Byte. "
        "Bitte die Daten auf mehrere Dateien verteilen.",
    )


@pytest.mark.parametrize("fast", [True, False], ids=["pyyaml", "ruamel"])
def test_number_source_text_and_position(fast):
    """The text of every number with a fraction, for Decimals and for the thousands-separator check."""
    doc = yamlparse.load_document(b"kosten:\n  - {jahr: 2023, betrag: 30.000}\n  - betrag: 1_250.5\n", fast=fast)
    assert doc.numbers == {("kosten", 0, "betrag"): ("30.000", 2, 26), ("kosten", 1, "betrag"): ("1250.5", 3, 13)}


# ------------------------------------------------------------------ end to end


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "projekt"
    shutil.copytree(MINIMAL, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("no_accel", ["0", "1"])
def test_amounts_are_exact_decimals_from_the_source_text(cli, project, monkeypatch, no_accel):
    """0.1.0 read 100000000000000.01 through float and budgeted 0.01 € more (30,000 € more come from MK-01)."""
    monkeypatch.setenv("DIGISTRAT_NO_ACCEL", no_accel)
    edit(project / "steckbriefe" / "MK-02.yaml", "betrag: 40000,", "betrag: 100000000000000.01,")
    edit(project / "steckbriefe" / "MK-02.yaml", "vzae: 0.5,", "vzae: 0.10,")
    monkeypatch.chdir(project)
    result = cli("budget", "--format", "json")
    assert result.code == 0, result
    stadt = next(p for p in json.loads(result.out)["partner"] if p["id"] == "stadt-muster")
    assert stadt["jahre"]["2023"]["aufwand"] == "100000000030000.01"
    assert stadt["jahre"]["2023"]["vzae"] == "0.10"


@pytest.mark.parametrize("command", ["validate", "lint", "budget"])
@pytest.mark.parametrize("where", ["strategie.yaml", "steckbriefe/MK-02.yaml"])
def test_hostile_file_gives_a_finding_in_every_command(cli, project, monkeypatch, command, where):
    """0.1.0: `lint` said "Interner Fehler" for a tagged scalar as the whole file; budget crashed on 1e27."""
    for text, expected in (
        ('!x "bar"\n', f"1:1     fehler  DS001  {TAG}"),
        ('titel: "\\ud800"\n', "1:8     fehler  DS001  Der Text enthält ein einzelnes UTF-16-Ersatzzeichen"),
    ):
        (project / where).write_text(text, encoding="utf-8")
        monkeypatch.chdir(project)
        result = cli(command)
        assert result.code == 1, result
        assert "Interner Fehler" not in result.out + result.err
        assert expected in result.out + result.err


def test_huge_amount_is_a_finding_for_budget(cli, project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "betrag: 40000,", "betrag: 1e27,")
    monkeypatch.chdir(project)
    result = cli("budget")
    assert result.code == 1
    assert "steckbriefe/MK-02.yaml\n  8:26    fehler  DS007  Die Zahl 1e27 " + TOO_BIG in result.out + result.err
