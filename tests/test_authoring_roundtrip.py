"""The comment-preserving round trip used by ``neu``, ``fmt`` and ``einlesen``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from digistrat.authoring import roundtrip as rt

ROOT = Path(__file__).resolve().parents[1]
VALID_FILES = sorted((ROOT / "examples" / "dithmarschen").rglob("*.yaml"))


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_unchanged_document_round_trips_byte_for_byte(path):
    doc = rt.load_document(path)
    assert rt.dump_document(doc) == path.read_text(encoding="utf-8")


def test_write_document_without_change_leaves_file_alone(tmp_path):
    target = tmp_path / "agenda.yaml"
    target.write_text("titel: x   # Titel\nprojekte:\n  - A-1\n", encoding="utf-8")
    before = target.stat().st_mtime_ns
    doc = rt.load_document(target)
    assert rt.write_document(doc) is False
    assert target.stat().st_mtime_ns == before


AGENDA = """\
# Kopf
titel: Agenda   # Titel
projekte:
  # Grundlagen
  - DD-01   # Eins
  - DD-22   # Zweiundzwanzig

# Abschnitt vor dem nächsten Schlüssel
hinweise: []
"""


def test_append_keeps_comments_and_section_comment_stays_before_next_key(tmp_path):
    target = tmp_path / "agenda.yaml"
    target.write_text(AGENDA, encoding="utf-8")
    doc = rt.load_document(target)
    rt.append_to_sequence(doc.data, "projekte", "DD-23", comment="Dreiundzwanzig")
    assert rt.write_document(doc) is True
    assert target.read_text(encoding="utf-8") == AGENDA.replace(
        "  - DD-22   # Zweiundzwanzig\n", "  - DD-22   # Zweiundzwanzig\n  - DD-23   # Dreiundzwanzig\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.yaml"]  # no temporary file left


def test_append_at_end_of_file_and_to_empty_flow_list():
    doc = rt.parse_document("projekte:\n  - A-1\n# Schluss\n")
    rt.append_to_sequence(doc.data, "projekte", "A-2")
    assert rt.dump_document(doc) == "projekte:\n  - A-1\n  - A-2\n# Schluss\n"
    doc = rt.parse_document("projekte: []\nweiter: 1\n")
    rt.append_to_sequence(doc.data, "projekte", "A-1")
    rt.append_to_sequence(doc.data, "neu", "x")
    assert rt.dump_document(doc) == "projekte:\n  - A-1\nweiter: 1\nneu:\n  - x\n"


def test_append_flow_entry_behind_block_mapping_keeps_trailing_comment():
    doc = rt.parse_document("kosten:\n  - jahr: 2023\n    betrag: 5   # fünf\n  # Ende der Kosten\nweiter: 1\n")
    rt.append_to_sequence(doc.data, "kosten", rt.flow_mapping({"jahr": 2024, "betrag": Decimal("1250.50")}))
    assert rt.dump_document(doc) == (
        "kosten:\n  - jahr: 2023\n    betrag: 5   # fünf\n  - {jahr: 2024, betrag: 1250.50}\n"
        "  # Ende der Kosten\nweiter: 1\n"
    )


def test_set_key_keeps_comment_of_existing_key_and_places_new_key():
    doc = rt.parse_document("titel: Alt   # der Titel\n\n# Abschnitt\nprojekte: [A-1]\n")
    rt.set_key(doc.data, "titel", "Neu")
    rt.set_key(doc.data, "stand", dt.date(2026, 11, 26), after="titel")
    rt.set_key(doc.data, "version", "1.1", comment="Formatversion")
    assert rt.dump_document(doc) == (
        'titel: Neu   # der Titel\nstand: 2026-11-26\n\n# Abschnitt\nprojekte: [A-1]\nversion: "1.1" # Formatversion\n'
    )


def test_values_are_written_as_the_format_wants():
    doc = rt.parse_document("a: 1\n")
    rt.set_key(doc.data, "betrag", Decimal("1000000"))
    rt.set_key(doc.data, "quote", Decimal("0.5E+2"))
    rt.set_key(doc.data, "vzae", Decimal("0.25"))
    rt.set_key(doc.data, "id", "1.3")
    rt.set_key(doc.data, "wort", "no")
    rt.set_key(doc.data, "liste", [{"name": "x", "wert": 1}])
    assert rt.dump_document(doc) == (
        'a: 1\nbetrag: 1000000\nquote: 50\nvzae: 0.25\nid: "1.3"\nwort: no\nliste:\n  - name: x\n    wert: 1\n'
    )
    with pytest.raises(TypeError):
        rt.set_key(doc.data, "betrag", 0.1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("titel: a\ntitel: b\n", "x.yaml:2:1: Der Schlüssel „titel“ kommt doppelt vor"),
        ("titel: a\n\tb: 1\n", "x.yaml:2:1: Tabulatorzeichen sind in YAML zur Einrückung nicht erlaubt."),
        ("- a\n- b\n", "x.yaml:1:1: Auf oberster Ebene wird eine Zuordnung"),
        ("titel: [a\n", "x.yaml:2:1: "),
    ],
)
def test_files_with_yaml_errors_are_refused_and_stay_untouched(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(rt.YamlFileError) as info:
        rt.load_document("x.yaml")
    assert info.value.message.startswith(expected)
    assert info.value.message.endswith(" Die Datei bleibt unverändert.")
    assert info.value.exit_code == 1
    assert Path("x.yaml").read_text(encoding="utf-8") == text


def test_non_utf8_file_is_refused_with_position(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").write_bytes("titel: Stra\xdfe\n".encode("cp1252"))
    with pytest.raises(rt.YamlFileError) as info:
        rt.load_document("x.yaml")
    assert info.value.message.startswith("x.yaml:1:12: Die Datei ist nicht als UTF-8 gespeichert")


def test_windows_line_endings_are_kept_when_editing():
    doc = rt.parse_document("titel: x\r\nprojekte:\r\n  - A-1  # eins\r\n")
    assert rt.dump_document(doc) == doc.text
    rt.append_to_sequence(doc.data, "projekte", "A-2")
    assert rt.dump_document(doc) == "titel: x\r\nprojekte:\r\n  - A-1  # eins\r\n  - A-2\r\n"
