"""The PyYAML fast paths read every file exactly as the YAML 1.2 reference path (ruamel.yaml) does.

PyYAML is YAML 1.1 at heart (no/yes/on → booleans, 017 → octal, 1:20 → 80). digistrat uses it
only through YAML 1.2 resolvers and falls back to ruamel.yaml for anything it might read
differently (performance-notes.md). These tests prove the equality on the awkward cases, on
random documents (hypothesis), and on every file and finding of the examples/ tree, with and
without the jsonschema-rs accelerator.
"""

from __future__ import annotations

import json
import math
import string
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digistrat.loading import pyyaml_path, yamlparse
from digistrat.loading.yamlparse import ParseProblem

EXAMPLES = ROOT / "examples"


def canonical(value):
    """Comparable form: floats by repr (nan == nan, 1 != 1.0), containers with their type."""
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, dict):
        return ("dict", [(canonical(k), canonical(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [canonical(v) for v in value])
    return (type(value).__name__, value)


def outcome(text: str, fast: bool):
    """What ``load_mapping`` makes of ``text``: the data, or the problem it reports."""
    try:
        data, _ = yamlparse.load_mapping(text.encode("utf-8"), fast=fast)
    except ParseProblem as p:
        return ("problem", p.code, p.line, p.column, p.path, p.message)
    return ("data", canonical(data))


def parsed(text: str, fast: bool):
    """What ``parse(text)`` gives (any document, not only mappings)."""
    try:
        return ("data", canonical(yamlparse.parse(text, fast=fast)))
    except ParseProblem as p:
        return ("problem", p.code, p.line, p.column, p.message)


def uses_fast_path(text: str) -> bool:
    try:
        pyyaml_path.compose_pyyaml(text)
    except pyyaml_path.Fallback:
        return False
    return True


# (id, document, expected value of "v" under YAML 1.2 -- the reference path's reading)
AWKWARD = [
    ("no", "v: no", "no"),
    ("yes", "v: yes", "yes"),
    ("on", "v: on", "on"),
    ("off", "v: off", "off"),
    ("y", "v: y", "y"),
    ("n", "v: n", "n"),
    ("Yes", "v: Yes", "Yes"),
    ("NO", "v: NO", "NO"),
    ("true", "v: true", True),
    ("True", "v: True", True),
    ("FALSE", "v: FALSE", False),
    ("octal-1.1", "v: 017", 17),
    ("octal-1.2", "v: 0o17", 15),
    ("hex", "v: 0x1F", 31),
    ("binary", "v: 0b101", 5),
    ("underscore", "v: 1_000", 1000),
    ("sexagesimal", "v: 1:20", "1:20"),
    ("thousands-dot", "v: 30.000", 30.0),
    ("decimal", "v: 1250.50", 1250.5),
    ("exponent", "v: 1e3", 1000.0),
    ("exponent-sign", "v: 1.0e+3", 1000.0),
    ("trailing-dot", "v: 1.", 1.0),
    ("inf", "v: .inf", math.inf),
    ("minus-inf", "v: -.inf", -math.inf),
    ("nan", "v: .nan", math.nan),
    ("NaN", "v: .NaN", math.nan),
    ("minus-zero", "v: -0", 0),
    ("plus", "v: +12", 12),
    ("big", "v: 123456789012345", 123456789012345),
    ("tilde", "v: ~", None),
    ("null", "v: null", None),
    ("Null", "v: Null", None),
    ("empty", "v:", None),
    ("date", "v: 2022-08-15", "2022-08-15"),
    ("short-date", "v: 2023-1-5", "2023-1-5"),
    ("month", "v: 2023-01", "2023-01"),
    ("datetime", "v: 2023-01-01T10:00:00", "2023-01-01T10:00:00"),
    ("datetime-space", "v: 2022-08-15 10:00:00", "2022-08-15T10:00:00"),
    ("datetime-zone", "v: 2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.100000-05:00"),
    ("str-tag", "v: !!str 017", "017"),
    ("str-tag-bool", "v: !!str yes", "yes"),
    ("float-tag", "v: !!float 1", 1.0),
    ("int-tag", "v: !!int 017", 17),
    ("quoted-id", "v: '1.3'", "1.3"),
    ("equals", "v: =", "="),
    ("folded", "v: >\n  gefaltet\n  weiter\n\n  Absatz\n", "gefaltet weiter\nAbsatz\n"),
    ("literal", "v: |\n  Zeile 1\n  Zeile 2\n", "Zeile 1\nZeile 2\n"),
    ("literal-strip", "v: |-\n  ohne\n", "ohne"),
    ("literal-keep", "v: |+\n  mit\n\n", "mit\n\n"),
    ("plain-multiline", "v: eine\n  Zeile\n", "eine Zeile"),
    ("unicode", "v: Bürger*innen – „Zitat“ ß 😀", "Bürger*innen – „Zitat“ ß 😀"),
    ("escapes", 'v: "\\u00fc\\t\\x41\\U0001F600"', "ü\tA😀"),
    ("single-quote", "v: 'it''s'", "it's"),
    ("hash", "v: a#b # Kommentar", "a#b"),
    ("colon-inside", "v: a:b", "a:b"),
]
STRUCTURES = [
    ("anchors", "a: &x [1, 2]\nb: *x\n"),
    ("merge", "basis: &b {jahr: 2023, betrag: 1}\nkosten:\n  - <<: *b\n    betrag: 2\n"),
    ("nested", "kosten:\n  - {jahr: 2023, betrag: 12000, kategorie: sachkosten}\n  - jahr: 2024\n    betrag: 0.5\n"),
    ("int-key", "1: a\n2: b\n"),
    ("bool-key", "true: a\n"),
    ("null-key", "~: a\n"),
    ("date-key", "2023-01-01: a\n"),
    ("float-key", "1.5: a\n"),
    ("set", "v: !!set {b, a}\n"),
    ("flow-seq", "v: [no, 017, 1:20, ~]\n"),
    ("colon-in-flow", "links: [https://www.dithmarschen.de, 1:20]\nv: {a: b:c}\n"),
    ("list-root", "- a\n- b\n"),
    ("scalar-root", "nur Text\n"),
    ("comments-only", "# nichts\n"),
    ("bom", "\ufeffv: 1\n"),
    ("crlf", "a: 1\r\nb: [x, y]\r\n"),
]
BROKEN = [
    ("duplicate", "titel: a\nid: 1\ntitel: b\n"),
    ("duplicate-nested", "kosten:\n  - {jahr: 2023, betrag: 1, jahr: 2024}\n"),
    ("duplicate-by-value", "true: a\nTrue: b\n"),
    ("duplicate-float", "1.0: a\n1.00: b\n"),
    ("duplicate-null", "~: a\nnull: b\n"),
    ("tab", "a:\n\tb: 1\n"),
    ("colon-in-text", "titel: Ziel: mehr\n"),
    ("unclosed-quote", 'titel: "offen\n'),
    ("impossible-date", "stand: 2022-02-30\n"),
    ("two-documents", "a: 1\n---\nb: 2\n"),
    ("alias-unknown", "a: *x\n"),
    ("odd-line-break", "a: x\u2028y\n"),
    ("control-char", "a: x\x07y\n"),
    ("yaml-1.1-directive", "%YAML 1.1\n---\na: yes\n"),
]
# Cases the libyaml path reads itself: the equality below compares two different parsers.
FAST = {
    "no",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "NO",
    "true",
    "True",
    "FALSE",
    "thousands-dot",
    "decimal",
    "minus-zero",
    "plus",
    "big",
    "tilde",
    "null",
    "Null",
    "empty",
    "date",
    "short-date",
    "month",
    "str-tag",
    "str-tag-bool",
    "quoted-id",
    "equals",
    "folded",
    "literal",
    "literal-strip",
    "literal-keep",
    "plain-multiline",
    "unicode",
    "escapes",
    "single-quote",
    "hash",
    "colon-inside",
    "nested",
    "crlf",
    "bom",
}


@pytest.mark.parametrize("name,text,expected", AWKWARD, ids=[a[0] for a in AWKWARD])
def test_awkward_scalars(name, text, expected):
    fast, reference = outcome(text, True), outcome(text, False)
    assert fast == reference
    assert reference == ("data", canonical({"v": expected}))
    assert parsed(text, True) == parsed(text, False)


@pytest.mark.parametrize("name,text", STRUCTURES + BROKEN, ids=[s[0] for s in STRUCTURES + BROKEN])
def test_structures_and_broken_files(name, text):
    assert outcome(text, True) == outcome(text, False)
    assert parsed(text, True) == parsed(text, False)


def test_the_fast_path_really_reads_the_plain_cases(monkeypatch):
    """libyaml composes every document it can; only what it cannot compose goes to ruamel.yaml."""
    monkeypatch.delenv("DIGISTRAT_NO_ACCEL", raising=False)
    documents = {n: t for n, t, *_ in AWKWARD + STRUCTURES}
    assert {n for n in documents if not uses_fast_path(documents[n])} == set()
    for name, text in BROKEN:
        if name != "impossible-date" and not name.startswith("duplicate"):
            assert not uses_fast_path(text), name


def test_colons_inside_brackets_are_text():
    """YAML 1.2 (and libyaml >= 0.2) read [https://…] as one text; the old libyaml in ruamel.yaml.clib
    refuses it, so the reference path asks ruamel's pure-Python parser before reporting an error."""
    text = "links: [https://www.dithmarschen.de, 1:20]\nv: {a: b:c}\n"
    expected = ("data", canonical({"links": ["https://www.dithmarschen.de", "1:20"], "v": {"a": "b:c"}}))
    assert outcome(text, False) == expected
    assert outcome(text, True) == expected


def test_yaml_1_2_values_of_the_broken_files():
    assert outcome("titel: a\nid: 1\ntitel: b\n", False) == (
        "problem",
        "DS003",
        3,
        1,
        ("titel",),
        "Der Schlüssel „titel“ kommt doppelt vor (zuerst in Zeile 1, Spalte 1). Auf derselben Ebene darf jeder "
        "Schlüssel nur einmal stehen.",
    )
    assert outcome("%YAML 1.1\n---\na: yes\n", False) == ("data", canonical({"a": "yes"}))


# ------------------------------------------------------------------ random documents

AWKWARD_TOKENS = [
    "no",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "true",
    "False",
    "NULL",
    "~",
    "null",
    "017",
    "0o17",
    "0x1F",
    "0b11",
    "1_000",
    "1:20",
    "30.000",
    "1e3",
    "1E3",
    ".inf",
    "-.Inf",
    ".nan",
    "=",
    "<<",
    "1.",
    ".5",
    "+1",
    "-0",
    "007",
    "2022-08-15",
    "2022-02-30",
    "2023-01",
    "2022-08-15T10:00:00",
    "12:30:00",
    "'017'",
    '"yes"',
    "!!str 1.0",
    "!!float 3",
    "1.3",
    "10",
    "0",
    "0.0",
    "-1.5",
    "1,5",
    "1.250,50",
]
SAFE_TEXT = string.ascii_letters + string.digits + " .-_/äöüßÄÖÜ€*+()"
scalars = st.one_of(
    st.sampled_from(AWKWARD_TOKENS),
    st.text(alphabet=SAFE_TEXT, max_size=15).map(str.strip),
    st.from_regex(r"[-+]?[0-9_]{1,5}(\.[0-9_]{0,3})?([eE][-+]?[0-9]{1,2})?", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", fullmatch=True),
)
keys = st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True), st.sampled_from(AWKWARD_TOKENS[:20]))
values = st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(keys, scalars, max_size=3))


def render(doc: dict) -> str:
    """YAML text with every scalar written plain, as a person would type it."""
    lines = []
    for key, value in doc.items():
        if isinstance(value, list):
            lines.append(
                f"{key}:" + "".join(f"\n  - {item}" for item in value)
                if len(value) % 2
                else f"{key}: [{', '.join(value)}]"
            )
        elif isinstance(value, dict):
            lines.append(
                f"{key}:" + "".join(f"\n  {k}: {v}" for k, v in value.items())
                if len(value) % 2
                else f"{key}: {{{', '.join(f'{k}: {v}' for k, v in value.items())}}}"
            )
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_random_documents_read_alike(doc):
    text = render(doc)
    assert outcome(text, True) == outcome(text, False), text
    assert parsed(text, True) == parsed(text, False), text


# ------------------------------------------------------------------ the examples/ tree


def example_files() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.yaml"))


def test_every_example_file_reads_alike():
    compared = 0
    for path in example_files():
        raw = path.read_bytes()
        try:
            text = yamlparse.decode(raw)
        except ParseProblem:
            continue  # not UTF-8: neither parser sees it
        assert outcome(text, True) == outcome(text, False), path
        compared += 1
    assert compared > 100


def example_projects() -> list[Path]:
    projects = sorted(p.parent.relative_to(ROOT) for p in EXAMPLES.rglob("strategie.yaml"))
    assert len(projects) > 20
    return projects


def example_report() -> str:
    from digistrat.reporters import get_reporter
    from digistrat.validation import validate_paths

    return get_reporter("json").render(validate_paths(example_projects(), jobs=1))


@pytest.fixture(scope="module")
def reference_report() -> str:
    """The report with neither accelerator: ruamel.yaml and jsonschema only."""
    from digistrat.loading import schema

    with pytest.MonkeyPatch.context() as m:
        m.chdir(ROOT)
        m.setattr(pyyaml_path, "pyyaml_loader", lambda: None)
        m.setattr(schema, "_fast_validator", lambda kind: None)
        return example_report()


def test_examples_report_without_the_yaml_fast_path(monkeypatch, reference_report):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(pyyaml_path, "pyyaml_loader", lambda: None)
    assert example_report() == reference_report


def test_examples_report_without_jsonschema_rs(monkeypatch, reference_report):
    from digistrat.loading import schema

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(schema, "_fast_validator", lambda kind: None)
    assert example_report() == reference_report


def test_examples_report_with_both_accelerators(monkeypatch, reference_report):
    from digistrat.loading import schema

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("DIGISTRAT_NO_ACCEL", raising=False)
    assert schema.accelerator_active()
    report = example_report()
    assert report == reference_report
    assert json.loads(report)["zusammenfassung"]["fehler"] >= 28  # the corpus is in there


def test_the_no_accel_switch_gives_the_reference_report(cli, monkeypatch, reference_report):
    """``DIGISTRAT_NO_ACCEL=1`` (what the benchmark compares against) changes nothing in the output."""
    from digistrat.loading import schema

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("DIGISTRAT_NO_ACCEL", "1")
    assert not schema.accelerator_active()
    result = cli("validate", "--format", "json", *example_projects())
    assert result.code == 1
    assert result.out == reference_report
