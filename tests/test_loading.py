"""Loading: bytes → text → data with German messages and exact positions; finding the project.

The corpus (test_validate_corpus.py) covers one case per failure kind end to end; this file
covers the variants of each kind in the library functions directly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digistrat.errors import DigistratError, ProjectNotFound
from digistrat.loading.project import discover, find_root
from digistrat.loading.yamlparse import ParseProblem, load_mapping

MINIMAL = Path(__file__).parent / "data" / "minimal"
SAVE_AS_UTF8 = (
    "Bitte die Datei als UTF-8 speichern (VS Code: unten rechts auf die Kodierung klicken "
    "→ „Mit Kodierung speichern“ → UTF-8)."
)


def problem(raw: bytes | str) -> tuple:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    with pytest.raises(ParseProblem) as info:
        load_mapping(raw)
    p = info.value
    return p.code, p.line, p.column, p.path, p.message


# ------------------------------------------------------------------ encodings


def test_utf8_with_bom_is_fine():
    assert load_mapping(b"\xef\xbb\xbftitel: B\xc3\xbcrger\n")[0] == {"titel": "Bürger"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_in_every_byte_order(encoding):
    assert problem("titel: Bürger\n".encode(encoding)) == (
        "DS002",
        1,
        1,
        (),
        f"Die Datei ist als UTF-16 gespeichert, erwartet wird UTF-8. {SAVE_AS_UTF8}",
    )


def test_latin1_names_the_character_and_its_place():
    raw = "titel: x\nziel: Schöne Grüße\n".encode("cp1252")
    assert problem(raw) == (
        "DS002",
        2,
        10,
        (),
        f"Die Datei ist nicht als UTF-8 gespeichert: Das Zeichen „ö“ (Byte 0xF6, vermutlich Windows-1252) ist kein "
        f"gültiges UTF-8. {SAVE_AS_UTF8}",
    )


def test_column_counts_characters_not_bytes():
    raw = "titel: Grüße \x81\n".encode().replace(b"\xc2\x81", b"\x81")
    code, line, column, _, message = problem(raw)
    assert (code, line, column) == ("DS002", 1, 14)
    assert message.startswith("Die Datei ist nicht als UTF-8 gespeichert: Das Byte 0x81 ist kein gültiges UTF-8.")


# ------------------------------------------------------------------ files that are no mapping


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"", ("DS004", 1, 1, (), "Die Datei ist leer.")),
        (b"  \n\n", ("DS004", 1, 1, (), "Die Datei ist leer.")),
        (b"# nur ein Kommentar\n", ("DS004", 1, 1, (), "Die Datei enthält nur Kommentare, aber keine Daten.")),
        (
            b"- id: MK-01\n- id: MK-02\n",
            (
                "DS005",
                1,
                1,
                (),
                "Auf oberster Ebene wird eine Zuordnung (Schlüssel: Wert) erwartet, gefunden wurde eine Liste.",
            ),
        ),
        (
            b"MK-01\n",
            (
                "DS005",
                1,
                1,
                (),
                "Auf oberster Ebene wird eine Zuordnung (Schlüssel: Wert) erwartet, "
                "gefunden wurde ein einzelner Wert ('MK-01').",
            ),
        ),
    ],
)
def test_not_a_mapping(raw, expected):
    assert problem(raw) == expected


# ------------------------------------------------------------------ duplicate keys


def test_duplicate_key_names_both_places_and_the_path():
    text = "id: MK-01\nkosten:\n  - jahr: 2023\n    betrag: 1\n  - jahr: 2024\n    betrag: 2\n    jahr: 2025\n"
    assert problem(text) == (
        "DS003",
        7,
        5,
        ("kosten", 1, "jahr"),
        "Der Schlüssel „jahr“ kommt doppelt vor (zuerst in Zeile 5, Spalte 5). Auf derselben Ebene darf jeder "
        "Schlüssel nur einmal stehen.",
    )


def test_duplicate_key_in_a_flow_mapping():
    assert problem("kosten:\n  - {jahr: 2023, betrag: 1, jahr: 2024}\n")[:4] == ("DS003", 2, 29, ("kosten", 0, "jahr"))


def test_same_key_on_different_levels_is_fine():
    assert load_mapping(b"titel: a\nbeschluss:\n  titel: b\n")[0] == {"titel": "a", "beschluss": {"titel": "b"}}


# ------------------------------------------------------------------ syntax errors, in German


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "a:\n\tb: 1\n",
            ("DS006", 2, 1, "Tabulatorzeichen sind in YAML zur Einrückung nicht erlaubt. Bitte Leerzeichen verwenden."),
        ),
        (
            "a:\n  b: 1\n\tc: 2\n",
            ("DS006", 3, 1, "Tabulatorzeichen sind in YAML zur Einrückung nicht erlaubt. Bitte Leerzeichen verwenden."),
        ),
        (
            "kurzbeschreibung: Ziel: mehr Service\n",
            (
                "DS001",
                1,
                23,
                "Ein Doppelpunkt mit Leerzeichen steht mitten in einem Text. Enthält ein Text „: “, muss er in "
                'Anführungszeichen stehen, z. B. titel: "Ziel: mehr Service".',
            ),
        ),
        (
            "a: 1\n  b: 2\n",
            (
                "DS001",
                2,
                4,
                "Ein Doppelpunkt steht an unerwarteter Stelle: Ist die Zeile zu weit "
                "eingerückt, oder fehlt in der Zeile davor ein Leerzeichen nach dem Doppelpunkt?",
            ),
        ),
        (
            'titel: "offen\nid: 1\n',
            ("DS001", 3, 1, "Unerwartetes Dateiende: Anführungszeichen oder Klammer nicht geschlossen?"),
        ),
        (
            'titel: "Bürger" App\n',
            (
                "DS001",
                1,
                17,
                "Nach dem Wert steht in derselben Zeile noch etwas. Beginnt ein Text "
                "mit einem Anführungszeichen oder einer Klammer, muss der ganze Text in "
                "Anführungszeichen stehen.",
            ),
        ),
        (
            "kosten:\n  - {jahr: 2023 betrag: 1}\n",
            (
                "DS001",
                2,
                23,
                "In den geschweiften Klammern { } fehlt ein Komma oder die schließende Klammer „}“. Enthält ein "
                "Wert ein Komma oder einen Doppelpunkt (z. B. 1.250,50 oder „Ziel: …“), muss er in "
                "Anführungszeichen stehen; Zahlen ohne Tausenderpunkt und mit Dezimalpunkt schreiben (1250.50).",
            ),
        ),
        (
            "ziele: [a, b\n",
            (
                "DS001",
                2,
                1,
                "In den eckigen Klammern [ ] fehlt ein Komma oder die schließende Klammer „]“. "
                "Enthält ein Eintrag ein Komma oder einen Doppelpunkt, muss er in "
                "Anführungszeichen stehen.",
            ),
        ),
        (
            "beschreibung: *Wichtig* ist das\n",
            (
                "DS001",
                1,
                15,
                "Ein Wert beginnt mit „*“ oder „&“; diese Zeichen haben in YAML eine besondere Bedeutung. "
                "Bitte den ganzen Text in Anführungszeichen setzen.",
            ),
        ),
        (
            "titel: `Dienst` online\n",
            (
                "DS001",
                1,
                8,
                "Das Zeichen „`“ darf in YAML nicht am Anfang eines Werts stehen. "
                "Bitte den ganzen Text in Anführungszeichen setzen.",
            ),
        ),
        (
            "titel: !wichtig Projekt\n",
            (
                "DS001",
                1,
                8,
                "Ein Wert beginnt mit „!“; das ist in YAML ein Typ-Kennzeichen. "
                "Bitte den ganzen Text in Anführungszeichen setzen.",
            ),
        ),
        (
            "a: 1\n---\nb: 2\n",
            ("DS001", 2, 1, "Die Datei enthält mehrere YAML-Dokumente (---); erwartet wird genau eines."),
        ),
        ("a: *anker\n", ("DS001", 1, 4, "Unbekannter YAML-Alias (*name ohne passenden &name).")),
        (
            "stand: 2022-02-30\n",
            (
                "DS001",
                1,
                8,
                "Das Datum 2022-02-30 gibt es nicht. Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.",
            ),
        ),
        (
            "a: 1\nb: 2023-13-01\n",
            (
                "DS001",
                2,
                4,
                "Das Datum 2023-13-01 gibt es nicht. Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.",
            ),
        ),
        (
            "titel: a\x07b\n",
            (
                "DS001",
                1,
                9,
                "Die Datei enthält ein unsichtbares Steuerzeichen, das in YAML nicht erlaubt "
                "ist (oft beim Kopieren aus PDF oder Word entstanden). Bitte das Zeichen "
                "löschen.",
            ),
        ),
    ],
    ids=[
        "tab",
        "tab-later",
        "colon-in-text",
        "too-deep",
        "open-quote",
        "text-after-quote",
        "flow-mapping",
        "flow-sequence",
        "alias-star",
        "backtick",
        "tag",
        "two-documents",
        "unknown-alias",
        "impossible-date",
        "month-13",
        "control-character",
    ],
)
def test_syntax_errors(text, expected):
    code, line, column, _, message = problem(text)
    assert (code, line, column, message) == expected


def test_unicode_line_separator_is_text_in_yaml_1_2():
    """U+2028 (often pasted from Word) is no line break in YAML 1.2; the old libyaml disagrees."""
    assert load_mapping("ziel: b\u2028c\n".encode("utf-8"))[0] == {"ziel": "b\u2028c"}
    assert load_mapping("ziel: b\u2028c\n".encode("utf-8"), fast=False)[0] == {"ziel": "b\u2028c"}


def test_quoted_special_characters_are_fine():
    text = 'titel: "Ziel: mehr Service"\nbeschreibung: "*Wichtig*"\nb: "x\u2028y"\n'
    assert load_mapping(text.encode("utf-8"))[0] == {
        "titel": "Ziel: mehr Service",
        "beschreibung": "*Wichtig*",
        "b": "x\u2028y",
    }


# ------------------------------------------------------------------ finding the project


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "projekt"
    shutil.copytree(MINIMAL, target)
    return target


def test_find_root_from_root_subfolder_and_file(project):
    (project / "steckbriefe" / "bildung").mkdir()
    assert find_root(project) == project
    assert find_root(project / "steckbriefe" / "bildung") == project
    assert find_root(project / "steckbriefe" / "MK-01.yaml") == project
    assert find_root(project / "partner.yaml") == project


def test_find_root_takes_the_nearest_project(project):
    inner = project / "unterprojekt"
    shutil.copytree(MINIMAL, inner)
    assert find_root(inner / "steckbriefe") == inner


def test_find_root_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DigistratError) as missing:
        find_root("fehlt")
    assert missing.value.message == "Den Pfad „fehlt“ gibt es nicht."
    assert missing.value.exit_code == 2
    with pytest.raises(ProjectNotFound) as not_found:
        find_root(".")
    assert not_found.value.message == (
        "Kein digistrat-Projekt gefunden: Weder im aktuellen Ordner noch in einem "
        "übergeordneten Ordner liegt eine Datei „strategie.yaml“."
    )


def test_discover_order_and_kinds(project, monkeypatch):
    (project / "steckbriefe" / "archiv").mkdir()
    (project / "steckbriefe" / "archiv" / "AA-01.yaml").write_text("id: AA-01\n", encoding="utf-8")
    (project / "steckbriefe" / "notiz.txt").write_text("kein YAML\n", encoding="utf-8")
    (project / "steckbriefe" / "MK-09.yml").write_text("id: MK-09\n", encoding="utf-8")
    (project / "digistrat.yaml").write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert [(f.display, f.kind) for f in discover(project)] == [
        ("strategie.yaml", "strategie"),
        ("partner.yaml", "partner"),
        ("agenda.yaml", "agenda"),
        ("digistrat.yaml", "config"),
        ("steckbriefe/MK-01.yaml", "steckbrief"),
        ("steckbriefe/MK-02.yaml", "steckbrief"),
        ("steckbriefe/archiv/AA-01.yaml", "steckbrief"),
    ]


# ------------------------------------------------------------------ positions and values the schemas let through


def findings_of(project: Path, monkeypatch) -> list[tuple]:
    from digistrat.validation import check

    monkeypatch.chdir(project)
    return [(f.code, f.file, f.line, f.column, f.json_path, f.message) for f in check(".").findings]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_empty_value_points_at_its_key(project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "verantwortlich: stadt-muster", "verantwortlich:")
    [(code, file, line, column, path, message)] = findings_of(project, monkeypatch)
    assert (code, file, line, column, path) == ("DS013", "steckbriefe/MK-02.yaml", 6, 1, "$.verantwortlich")
    assert message.startswith("„verantwortlich“: erwartet wird Text, gefunden wurde ein leerer Wert.")


def test_missing_field_in_a_list_item_points_at_the_item(project, monkeypatch):
    edit(
        project / "steckbriefe" / "MK-02.yaml",
        "{jahr: 2023, betrag: 40000, kategorie: investitionen}",
        "{jahr: 2023, kategorie: investitionen}",
    )
    assert findings_of(project, monkeypatch) == [
        ("DS012", "steckbriefe/MK-02.yaml", 8, 5, "$.kosten[0]", "Pflichtfeld „betrag“ fehlt.")
    ]


def test_unknown_key_deep_inside(project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "kategorie: investitionen}", "kategorie: investitionen, traegr: x}")
    assert findings_of(project, monkeypatch) == [
        (
            "DS011",
            "steckbriefe/MK-02.yaml",
            8,
            59,
            "$.kosten[0].traegr",
            "Unbekannter Schlüssel „traegr“ – meinten Sie „traeger“?",
        )
    ]


def test_german_number_in_braces(project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "betrag: 40000,", "betrag: 1.250,50,")
    assert findings_of(project, monkeypatch) == [
        (
            "DS011",
            "steckbriefe/MK-02.yaml",
            8,
            32,
            "$.kosten[0]['50']",
            "Unbekannter Schlüssel „50“: Steht in den geschweiften Klammern eine Zahl mit Komma (z. B. 1.250,50)? "
            "Zahlen ohne Tausenderpunkt und mit Dezimalpunkt schreiben: 1250.50.",
        )
    ]


@pytest.mark.parametrize("accelerators", ["", "1"], ids=["beschleunigt", "DIGISTRAT_NO_ACCEL"])
@pytest.mark.parametrize("token,label", [(".nan", "keine Zahl"), (".inf", "unendlich"), (".NaN", "keine Zahl")])
def test_nan_and_inf_are_no_amounts(project, monkeypatch, token, label, accelerators):
    monkeypatch.setenv("DIGISTRAT_NO_ACCEL", accelerators)
    edit(project / "steckbriefe" / "MK-02.yaml", "betrag: 40000", f"betrag: {token}")
    assert findings_of(project, monkeypatch) == [
        (
            "DS016",
            "steckbriefe/MK-02.yaml",
            8,
            26,
            "$.kosten[0].betrag",
            f"„betrag“: YAML liest diesen Wert als „{label}“; damit kann nicht gerechnet werden. "
            "Bitte eine gewöhnliche Zahl angeben.",
        )
    ]


def test_yes_and_no_are_text_not_booleans(project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "status: in-umsetzung", "status: no")
    assert findings_of(project, monkeypatch) == [
        (
            "DS014",
            "steckbriefe/MK-02.yaml",
            4,
            9,
            "$.status",
            "Ungültiger Wert „no“ für „status“. Erlaubt sind: idee, geplant, in-umsetzung, abgeschlossen, "
            "zurueckgestellt, verworfen.",
        )
    ]


def test_true_where_text_is_expected(project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "verantwortlich: stadt-muster", "verantwortlich: true")
    assert findings_of(project, monkeypatch) == [
        (
            "DS013",
            "steckbriefe/MK-02.yaml",
            6,
            17,
            "$.verantwortlich",
            "„verantwortlich“: true wird von YAML als Wahrheitswert gelesen, erwartet wird Text. "
            "Bitte in Anführungszeichen setzen.",
        )
    ]


def test_binary_value_is_a_finding_not_a_crash(project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "titel: E-Akte in der Stadtverwaltung", "titel: !!binary aGFsbG8=")
    assert findings_of(project, monkeypatch) == [
        (
            "DS001",
            "steckbriefe/MK-02.yaml",
            2,
            8,
            "$",
            "Ein Wert beginnt mit „!“; das ist in YAML ein Typ-Kennzeichen. Bitte den ganzen Text in "
            "Anführungszeichen setzen.",
        )
    ]


def test_misnamed_steckbrief_is_reported_once(project, monkeypatch):
    """Agenda and abhaengigkeiten name the file; only the mismatch itself is a finding."""
    edit(project / "steckbriefe" / "MK-02.yaml", "id: MK-02", "id: MK-2")
    assert findings_of(project, monkeypatch) == [
        (
            "DS025",
            "steckbriefe/MK-02.yaml",
            1,
            5,
            "$.id",
            "Die Kennung „MK-2“ passt nicht zum Dateinamen „MK-02.yaml“. Bitte die Kennung in „MK-02“ ändern oder die "
            "Datei in „MK-2.yaml“ umbenennen.",
        )
    ]


def test_broken_steckbrief_is_not_also_unknown(project, monkeypatch):
    (project / "steckbriefe" / "MK-02.yaml").write_text("id: MK-02\ntitel: [\n", encoding="utf-8")
    [(code, file, *_)] = findings_of(project, monkeypatch)
    assert (code, file) == ("DS001", "steckbriefe/MK-02.yaml")


def test_number_as_id_does_not_suggest_a_wrong_spelling(project, monkeypatch):
    (project / "steckbriefe" / "1.10.yaml").write_text(
        (project / "steckbriefe" / "MK-02.yaml").read_text(encoding="utf-8").replace("id: MK-02", "id: 1.10"),
        encoding="utf-8",
    )
    edit(project / "agenda.yaml", "  - MK-01\n", '  - MK-01\n  - "1.10"\n')
    assert findings_of(project, monkeypatch) == [
        (
            "DS017",
            "steckbriefe/1.10.yaml",
            1,
            5,
            "$.id",
            "„id“: YAML liest diesen Wert als Zahl (1.1), erwartet wird Text. Bitte in Anführungszeichen setzen, genau "
            'wie gemeint (z. B. "1.10" – ohne Anführungszeichen würde daraus 1.1).',
        )
    ]


def test_unreadable_file(project, monkeypatch):
    import errno

    blocked = project / "steckbriefe" / "MK-02.yaml"
    original = Path.read_bytes

    def read_bytes(self):
        if self == blocked:
            raise PermissionError(errno.EACCES, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert findings_of(project, monkeypatch) == [
        ("DS002", "steckbriefe/MK-02.yaml", 1, 1, "$", "Die Datei kann nicht gelesen werden (keine Leseberechtigung).")
    ]


def test_every_missing_field_is_reported(project, monkeypatch):
    edit(
        project / "steckbriefe" / "MK-02.yaml",
        "kurzbeschreibung: Die Stadt Muster führt die elektronische Akte ein.\n",
        "",
    )
    edit(project / "steckbriefe" / "MK-02.yaml", "verantwortlich: stadt-muster\n", "")
    assert findings_of(project, monkeypatch) == [
        ("DS012", "steckbriefe/MK-02.yaml", 1, 1, "$", "Pflichtfeld „kurzbeschreibung“ fehlt."),
        ("DS012", "steckbriefe/MK-02.yaml", 1, 1, "$", "Pflichtfeld „verantwortlich“ fehlt."),
    ]


@pytest.mark.parametrize(
    "old,new,expected",
    [
        (
            "verantwortlich:",
            "verantwortlch:",
            (
                "DS011",
                "steckbriefe/MK-02.yaml",
                6,
                1,
                "$.verantwortlch",
                "Unbekannter Schlüssel „verantwortlch“ – meinten Sie „verantwortlich“?",
            ),
        ),
        (
            "betrag: 40000",
            "betrg: 40000",
            (
                "DS011",
                "steckbriefe/MK-02.yaml",
                8,
                18,
                "$.kosten[0].betrg",
                "Unbekannter Schlüssel „betrg“ – meinten Sie „betrag“?",
            ),
        ),
    ],
)
def test_a_misspelt_required_field_is_one_finding(project, monkeypatch, old, new, expected):
    edit(project / "steckbriefe" / "MK-02.yaml", old, new)
    assert findings_of(project, monkeypatch) == [expected]


def test_minus_infinity_is_one_finding(project, monkeypatch):
    edit(project / "steckbriefe" / "MK-02.yaml", "betrag: 40000", "betrag: -.inf")
    assert findings_of(project, monkeypatch) == [
        (
            "DS010",
            "steckbriefe/MK-02.yaml",
            8,
            26,
            "$.kosten[0].betrag",
            "Betrag in Euro als Zahl ≥ 0 angeben, ohne Tausenderpunkt und ohne €-Zeichen, z. B. 30000 oder 1250.50.",
        )
    ]
