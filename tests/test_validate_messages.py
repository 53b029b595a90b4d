"""What ``validate`` says: codes from the catalogue, German only, one finding per mistake."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from digistrat.catalog import VALIDATE_CODES
from digistrat.loading.yamlparse import ParseProblem, load_mapping

CORPUS = ROOT / "examples" / "invalid"
PROJECTS = sorted(p for p in CORPUS.iterdir() if (p / "strategie.yaml").is_file())

# Words that betray a parser's or validator's English message leaking through.
ENGLISH = {
    "the",
    "and",
    "of",
    "is",
    "not",
    "expected",
    "found",
    "while",
    "scanning",
    "parsing",
    "could",
    "allowed",
    "character",
    "mapping",
    "block",
    "token",
    "required",
    "property",
    "valid",
    "error",
    "invalid",
    "none",
}


def english_words(message: str) -> set[str]:
    words = " ".join(w for w in message.split() if "/" not in w)  # not the words of a file path
    return set(re.findall(r"[A-Za-z]+", words.lower())) & ENGLISH


@pytest.fixture(scope="module")
def corpus_findings():
    from digistrat.validation import check

    return [f for project in PROJECTS for f in check(project).findings]


def test_codes_and_rule_names_come_from_the_catalogue(corpus_findings):
    assert corpus_findings
    for f in corpus_findings:
        assert f.code in VALIDATE_CODES, f
        assert VALIDATE_CODES[f.code][0] == f.rule, f


def test_the_corpus_reaches_most_codes(corpus_findings):
    reached = {f.code for f in corpus_findings}
    # DS016 (range) is covered in test_loading.py / test_schemas_meta.py; DS015 by datum-deutsch
    assert set(VALIDATE_CODES) - reached == {"DS016"}


def test_corpus_messages_are_german(corpus_findings):
    leaks = {f.message for f in corpus_findings if english_words(f.message)}
    assert leaks == set()


BROKEN_YAML = [
    "a:\n\tb: 1\n",
    "titel: Ziel: mehr\n",
    "a: 1\n  b: 2\n",
    'titel: "offen\n',
    "titel: 'offen\n",
    "kosten:\n  - {jahr: 2023 betrag: 1}\n",
    "ziele: [a, b\n",
    "a: *x\n",
    "a: &\n",
    "titel: `x`\n",
    "titel: @x\n",
    "titel: !x y\n",
    "%FOO\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "text: |x\n  a\n",
    'a: "b" c\n',
    "a: [1]]\n",
    "a: 2022-02-30\n",
    "a: x\x07y\n",
    'a: "\\q"\n',
    "- a\nb: 1\n",
    "a:\n  - b\n  c: 1\n",
    "a: b\nc\n",
    "? [a\n",
    "a: !!int x\n",
]


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_yaml_errors_are_german_with_a_position(text):
    with pytest.raises(ParseProblem) as info:
        load_mapping(text.encode("utf-8"))
    problem = info.value
    assert problem.code in VALIDATE_CODES
    assert not english_words(problem.message.split("(Meldung des Parsers:")[0]), problem.message
    assert problem.message[0].isupper() and problem.message.rstrip().endswith((".", "?", ")"))
    if "(Meldung des Parsers:" not in problem.message:
        assert problem.line is not None and problem.column is not None, problem


def test_one_of_reports_the_best_matching_branch():
    """For oneOf/anyOf without an x-meldung the closest branch explains the mistake, not every branch."""
    from jsonschema import Draft202012Validator

    from digistrat.loading.schema import _translate

    schema = {
        "oneOf": [
            {"type": "object", "properties": {"betrag": {"type": "number"}}, "required": ["betrag"]},
            {"type": "string"},
        ]
    }
    [error] = Draft202012Validator(schema).iter_errors({"betrag": "30.000 €"})
    findings = list(_translate(error, "x.yaml"))
    assert [(f.code, f.json_path, f.message) for f in findings] == [
        ("DS013", "$.betrag", "„betrag“: erwartet wird eine Zahl, gefunden wurde „30.000 €“.")
    ]
