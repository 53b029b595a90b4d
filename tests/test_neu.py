"""``digistrat neu steckbrief|partner|handlungsfeld`` on a copy of the example."""

from __future__ import annotations

import pytest

from digistrat.authoring.neu import next_id, slugify


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        (["DD-01", "DD-22", "DD-03"], "DD-23"),
        ([], "P-01"),
        (["1.1", "1.2", "2.9"], "1.3"),
        (["MK-1", "MK-2", "X-07"], "MK-3"),
        (["BI-009", "BI-010"], "BI-011"),
        (["ohne-nummer"], "P-01"),
    ],
)
def test_next_id_follows_the_project_pattern(existing, expected):
    assert next_id(existing) == expected


def test_slugify_folds_umlauts():
    assert slugify("Gemeinde Süderdeich-Öst  (Groß)") == "gemeinde-suederdeich-oest-gross"


def test_neu_steckbrief_writes_template_and_appends_to_agenda(cli, example_copy, monkeypatch):
    monkeypatch.chdir(example_copy)
    agenda_before = (example_copy / "agenda.yaml").read_text(encoding="utf-8")
    result = cli("neu", "steckbrief", "--titel", "Digitale Schule: Phase 2", "--handlungsfeld", "bildung")
    assert (result.code, result.out, result.err) == (0, "steckbriefe/DD-23.yaml\n", "")
    agenda = (example_copy / "agenda.yaml").read_text(encoding="utf-8")
    assert agenda == agenda_before + "  - DD-23   # Digitale Schule: Phase 2\n"
    text = (example_copy / "steckbriefe" / "DD-23.yaml").read_text(encoding="utf-8")
    assert 'titel: "Digitale Schule: Phase 2"' in text
    assert "verantwortlich: kreis-dithmarschen  # Pflicht" in text
    assert cli("validate", ".").code == 0
    lint = cli("lint", ".", "--stichtag", "2026-11-22", "--format", "json")
    assert "DD-23" not in lint.out


def test_neu_steckbrief_with_id_and_partner_and_refusals(cli, example_copy, monkeypatch):
    monkeypatch.chdir(example_copy / "steckbriefe")
    ok = cli(
        "neu",
        "steckbrief",
        "--titel",
        "A",
        "--handlungsfeld",
        "bildung",
        "--id",
        "1.3",
        "--verantwortlich",
        "stadt-heide",
    )
    assert ok.code == 0 and ok.out == "1.3.yaml\n"
    assert 'id: "1.3"' in (example_copy / "steckbriefe" / "1.3.yaml").read_text(encoding="utf-8")
    taken = cli("neu", "steckbrief", "--titel", "B", "--handlungsfeld", "bildung", "--id", "DD-01")
    assert (taken.code, taken.err) == (2, "Fehler: Die Kennung „DD-01“ ist schon vergeben.\n")
    unknown = cli("neu", "steckbrief", "--titel", "B", "--handlungsfeld", "bildng")
    assert unknown.code == 2
    assert unknown.err.startswith(
        "Fehler: Das Handlungsfeld „bildng“ gibt es in strategie.yaml nicht. Meinten Sie „bildung“?"
    )
    partner = cli("neu", "steckbrief", "--titel", "B", "--handlungsfeld", "bildung", "--verantwortlich", "stadt-hiede")
    assert "Meinten Sie „stadt-heide“?" in partner.err
    bad = cli("neu", "steckbrief", "--titel", "B", "--handlungsfeld", "bildung", "--id", "DD 99")
    assert bad.err.startswith("Fehler: „DD 99“ ist keine gültige Kennung für einen Steckbrief")
    assert sorted(p.name for p in (example_copy / "steckbriefe").iterdir())[-1] == "DD-22.yaml"
    assert cli("validate", "..").code == 0


def test_neu_refuses_agenda_with_yaml_error_and_writes_nothing(cli, example_copy, monkeypatch):
    monkeypatch.chdir(example_copy)
    (example_copy / "agenda.yaml").write_text("titel: x\ntitel: y\nprojekte: []\n", encoding="utf-8")
    result = cli("neu", "steckbrief", "--titel", "A", "--handlungsfeld", "bildung")
    assert result.code == 1
    assert result.err.startswith("Fehler: agenda.yaml:2:1: Der Schlüssel „titel“ kommt doppelt vor")
    assert not (example_copy / "steckbriefe" / "DD-23.yaml").exists()


def test_neu_partner_and_handlungsfeld_keep_layout(cli, example_copy, monkeypatch):
    monkeypatch.chdir(example_copy)
    before = (example_copy / "partner.yaml").read_text(encoding="utf-8")
    result = cli("neu", "partner", "--name", "Gemeinde Süderdeich", "--art", "gemeinde", "--einwohner", "1200")
    assert (result.code, result.out) == (0, "gemeinde-suederdeich\n")
    after = (example_copy / "partner.yaml").read_text(encoding="utf-8")
    assert after == before + (
        "\n  - id: gemeinde-suederdeich\n    name: Gemeinde Süderdeich\n    art: gemeinde\n    einwohner: 1200\n"
    )
    bad_art = cli("neu", "partner", "--name", "X", "--art", "dorf")
    assert bad_art.err == (
        "Fehler: Unbekannte Art „dorf“. Erlaubt: kreis, amt, stadt, gemeinde, verband, unternehmen, sonstige.\n"
    )
    hf = cli("neu", "handlungsfeld", "--titel", "Künstliche Intelligenz", "--ziel", "KI sicher nutzen.")
    assert (hf.code, hf.out) == (0, "kuenstliche-intelligenz\n")
    text = (example_copy / "strategie.yaml").read_text(encoding="utf-8")
    assert (
        "\n\n  - id: kuenstliche-intelligenz\n    titel: Künstliche Intelligenz\n    ziel: KI sicher nutzen.\n" in text
    )
    assert cli("validate", ".").code == 0
