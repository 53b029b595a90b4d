"""``digistrat bericht`` on the Dithmarschen example: golden files in every format, exact JSON."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import EXAMPLE
from test_diff import commit, git

STICHTAG = "2027-01-15"  # after the example's last Sachstand: milestones due 12/2026 are overdue


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The example in a git repository: tag ``bericht-2025`` as it was, then DD-02 verworfen and
    DD-06 planned (uncommitted), so that ``--seit bericht-2025`` has something to say."""
    top = tmp_path_factory.mktemp("bericht") / "repo"
    top.mkdir()
    git(top, "init", "-q")
    shutil.copytree(EXAMPLE, top / "dithmarschen")
    commit(top, "bericht-2025")
    for sid, old, new in (
        ("DD-02", "status: geplant", "status: verworfen"),
        ("DD-06", "status: idee", "status: geplant"),
    ):
        path = top / "dithmarschen" / "steckbriefe" / f"{sid}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return top / "dithmarschen"


def run(cli, project, fmt: str, *extra: str):
    result = cli("bericht", project, "--stichtag", STICHTAG, "--seit", "bericht-2025", "--format", fmt, *extra)
    assert result.code == 0, result
    return result


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_text_formats_golden(cli, golden, repo, fmt):
    golden(f"bericht/sachstandsbericht.{fmt}", run(cli, repo, fmt).out)


def test_html_golden(cli, golden, repo, tmp_path):
    result = run(cli, repo, "html", "--out", tmp_path)
    target = tmp_path / f"sachstandsbericht-{STICHTAG}.html"
    assert result.err == f"Bericht geschrieben: {target}\n"
    html = target.read_text(encoding="utf-8")
    # the shared print stylesheet of the annexes (templates/stil.css.j2) is not part of the golden
    # file, so a change of the annexes' layout does not touch it; that it is included is checked here
    start, end = html.index("<style>\n") + len("<style>\n"), html.index("\n.ampel {")
    assert "@page" in html[start:end]
    golden("bericht/sachstandsbericht.html", html[:start] + "/* stil.css.j2 */" + html[end:])


@pytest.mark.slow
def test_pdf_golden_text(cli, golden, repo, tmp_path):
    import io

    from pypdf import PdfReader

    run(cli, repo, "pdf", "--out", tmp_path)
    reader = PdfReader(io.BytesIO((tmp_path / f"sachstandsbericht-{STICHTAG}.pdf").read_bytes()))
    pages = [p.extract_text() for p in reader.pages]
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "de"  # tagged, German
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    for n, text in enumerate(pages, start=1):
        assert f"Seite {n} von {len(pages)}" in text
    assert "Sachstand zum 15.01.2027" in pages[0] and "Auf einen Blick" in pages[0]
    golden("bericht/sachstandsbericht.pdf.txt", "\n\f\n".join(pages) + "\n")


def test_json_shape(cli, repo):
    data = json.loads(run(cli, repo, "json").out)
    assert list(data)[:4] == ["stichtag", "seit", "steckbriefe", "aenderungen"]
    assert (data["stichtag"], data["seit"]) == ("2027-01-15", "bericht-2025")
    ids = [s["id"] for s in data["steckbriefe"]]
    agenda = (repo / "agenda.yaml").read_text(encoding="utf-8")
    assert ids == sorted(ids, key=agenda.index)  # agenda order
    by_id = {s["id"]: s for s in data["steckbriefe"]}
    assert by_id["DD-03"] == {
        "id": "DD-03",
        "titel": "Bürger-App Dithmarschen",
        "handlungsfeld": by_id["DD-03"]["handlungsfeld"],
        "status": "in-umsetzung",
        "ampel": "gelb",
        "fortschritt": 70,
        "sachstand_datum": "2026-09-30",
        "ueberfaellig": [],
        "erreicht": [],
    }
    assert by_id["DD-10"]["ueberfaellig"] == ["Alle Gateways in Betrieb"]
    assert (by_id["DD-02"]["ampel"], by_id["DD-02"]["fortschritt"], by_id["DD-02"]["sachstand_datum"]) == (
        None,
        None,
        None,
    )
    assert data["aenderungen"]["steckbriefe"] == {
        "neu": [],
        "entfernt": [],
        "status": [
            {"id": "DD-02", "vorher": "geplant", "nachher": "verworfen"},
            {"id": "DD-06", "vorher": "idee", "nachher": "geplant"},
        ],
    }
    assert data["uebersicht"]["ampel"] == {"gruen": 9, "gelb": 3, "rot": 0, "ohne": 10}


def test_without_seit(cli):
    result = cli("bericht", EXAMPLE, "--stichtag", "2026-11-26", "--format", "json")
    data = json.loads(result.out)
    assert (data["seit"], data["aenderungen"]) == (None, None)


def test_errors(cli):
    result = cli("bericht", EXAMPLE, "--stichtag", "26.11.2026")
    assert (result.code, result.err) == (
        2,
        "Fehler: --stichtag: „26.11.2026“ ist kein Datum im Format JJJJ-MM-TT (z. B. 2022-09-22).\n",
    )
    result = cli("bericht", EXAMPLE, "--stichtag", "2026-11-26", "--format", "docx")
    assert (result.code, result.err) == (2, "Fehler: Unbekanntes Ausgabeformat „docx“. Erlaubt: md, html, pdf, json.\n")
