"""Anlage 2 set by Typst (render/typst_pdf.py): the source as a golden file, page numbers that
point at the right pages, hostile data as plain text, and the forked child that sets it."""

from __future__ import annotations

import os
import re
import subprocess
from io import BytesIO

import pikepdf
import pytest
from conftest import EXAMPLE, without_cache
from test_render_figures import write_project
from test_render_safety import ATTR, HOSTILE, SCRIPT

from digistrat.errors import DigistratError
from digistrat.loading.project import display_path
from digistrat.render import typst_pdf
from digistrat.render.documents import DOKUMENTE
from digistrat.render.forked import call_forked
from digistrat.render.writer import Renderer
from digistrat.validation import load_project


@pytest.fixture(scope="module")
def example():
    return load_project(EXAMPLE)


@pytest.fixture(scope="module")
def example_pdf(example):
    with without_cache():
        return Renderer(example, "pdf").render(DOKUMENTE["agenda"])


def page_texts(data: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def test_golden_source(example, golden):
    golden("render/typst/anlage-2-digitale-agenda.typ", typst_pdf.source(Renderer(example, "pdf")))


def test_the_overview_and_contents_name_the_pages_the_steckbriefe_start_on(example_pdf):
    pages = page_texts(example_pdf)
    assert len(pages) == 60 and "Seite 1 von 60" in pages[0] and "Seite 60 von 60" in pages[-1]
    starts = {}
    for number, text in enumerate(pages, start=1):
        found = re.search(r"Position \d+ von 22 in der Umsetzungsreihenfolge\s+(DD-\d\d)", text)
        if found:
            starts[found.group(1)] = number
    assert len(starts) == 22 and starts["DD-18"] == 7
    overview = "".join(pages[:3])
    named = dict(re.findall(r"^ (DD-\d\d) .*?Seite (\d+)", overview, re.MULTILINE | re.DOTALL))
    assert {k: int(v) for k, v in named.items()} == starts
    assert re.search(r"4\. Steckbriefe[ .]+7\n", pages[0])
    assert "Fortsetzung: Steckbrief DD-18 Netzwerk der Digitalisierungsmanager*innen" in pages[7]
    assert "Fortsetzung" not in pages[6]  # not on the page the Steckbrief starts on


def test_the_pdf_is_the_same_every_time(example):
    with without_cache():
        assert Renderer(example, "pdf").render(DOKUMENTE["agenda"]) == Renderer(example, "pdf").render(
            DOKUMENTE["agenda"]
        )


def test_hostile_data_is_set_as_text(tmp_path):
    project = load_project(write_project(tmp_path / "feindlich", HOSTILE))
    renderer = Renderer(project, "pdf")
    with without_cache():
        pdf = renderer.render(DOKUMENTE["agenda"])
    text = " ".join(" ".join(page_texts(pdf)).split())
    for hostile in (SCRIPT + ": Portal; 100% #1", ATTR, "[Klick](javascript:alert(1))", "<img src=x onerror=alert(4)>"):
        assert hostile in text
    # a list item is inline Markdown: `Code` is code, "&lt;" a "<", the javascript: link text
    assert "Pipe | Stern * [Link](javascript:alert(1)) Code ~~weg~~ <b>" in text
    uris = [
        str(a.A.URI)
        for page in pikepdf.open(BytesIO(pdf)).pages
        for a in page.obj.get("/Annots", [])
        if "/A" in a and "/URI" in a.A
    ]
    # as in HTML: no javascript: link; an image is never loaded, "![Bild](…)" is a link to it
    assert uris == ["https://evil.example/t.png", "https://ok.example/?a=1&b=2"]
    source = typst_pdf.source(renderer)
    # only ever inside Typst strings (in two pieces: a line may break after the slash)
    assert source.count('"<script>alert(\\"x\\")</";#box();#"script>') >= 3


def _dies():
    os._exit(3)


def _fails():
    raise ValueError("kaputt")


def test_the_forked_child_hands_back_results_errors_and_its_death():
    assert call_forked(sorted, [3, 1, 2]) == [1, 2, 3]
    with pytest.raises(ValueError, match="kaputt"):
        call_forked(_fails)
    with pytest.raises(DigistratError, match=r"Ein Satzprozess wurde unerwartet beendet \(Status 3\)"):
        call_forked(_dies)


SLEEPER = """
import os, sys, time
sys.path.insert(0, {root!r})
from digistrat.errors import DigistratError
from digistrat.render.forked import call_forked

def sleepy(path):
    with open(path + ".tmp", "w") as fh:
        fh.write(str(os.getpid()))
    os.replace(path + ".tmp", path)
    time.sleep(60)

try:
    call_forked(sleepy, {pidfile!r})
except DigistratError as exc:
    print(exc)
"""


def _start_sleeper(tmp_path):
    import sys
    import time
    from pathlib import Path

    pidfile = tmp_path / "kind.pid"
    script = tmp_path / "schlaefer.py"
    script.write_text(SLEEPER.format(root=str(Path(__file__).parents[1]), pidfile=str(pidfile)), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    for _ in range(500):
        if pidfile.exists():
            return parent, int(pidfile.read_text())
        time.sleep(0.01)
    raise AssertionError("the child did not start")


def _gone(pid: int) -> bool:
    """Ended (a zombie waiting for init counts as ended)."""
    import time
    from pathlib import Path

    for _ in range(300):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.01)
    return False


def test_the_child_ends_with_its_parent(tmp_path):
    parent, child = _start_sleeper(tmp_path)
    parent.kill()
    parent.wait()
    assert _gone(child)


def test_ctrl_c_ends_the_child_at_once_and_the_parent_says_so(tmp_path):
    import signal

    parent, child = _start_sleeper(tmp_path)
    os.kill(child, signal.SIGINT)  # as Ctrl-C does to the whole process group
    out, _ = parent.communicate(timeout=30)
    assert out.strip() == "Ein Satzprozess wurde unerwartet beendet (Status -2)."
    assert _gone(child)


def test_characters_without_a_font_are_shown_as_replacement_not_a_failed_render(example_copy):
    """A character no installed font has (an emoji on a server without an emoji font) stopped the
    whole render (PDF/UA-1: text that cannot be displayed); U+FFFF in a title made the roadmap's
    SVG invalid XML. U+0378 and U+1FAFF are unassigned: no font anywhere has them."""
    from digistrat.render.typst_fonts import displayable

    assert displayable("Bürger*innen – „Zitat“ ½ € ✓") == "Bürger*innen – „Zitat“ ½ € ✓"
    assert displayable("Start \u0378 \U0001faff\u00ad\u200b") == "Start \ufffd \ufffd\u00ad\u200b"
    path = example_copy / "steckbriefe" / "DD-18.yaml"
    text = path.read_text(encoding="utf-8")
    titel = 'titel: "Netzwerk \\u0378 \\U0001FAFF \\uFFFF der"'
    text = text.replace("titel: Netzwerk der Digitalisierungsmanager*innen", titel, 1)
    path.write_text(
        text.replace("  - Verwaltungsleitungen", '  - "Verwaltungsleitungen \\u0378 `Code \\u0378`"'), "utf-8"
    )
    with without_cache():
        pdf = Renderer(load_project(example_copy), "pdf").render(DOKUMENTE["agenda"])
    shown = " ".join(page_texts(pdf))
    assert "DD-18 Netzwerk \ufffd \ufffd \ufffd der" in shown
    assert "Verwaltungsleitungen \ufffd Code \ufffd" in shown


def test_blank_titles_and_names_do_not_leave_an_empty_heading(example_copy, tmp_path):
    """PDF/UA-1 refuses an empty heading; a title of " " passes the schema."""
    for name, old, new in [
        ("agenda.yaml", "titel: Digitale Agenda Dithmarschen", 'titel: " "'),
        ("strategie.yaml", "titel: Dithmarschen Digital\n", 'titel: " "\n'),
        ("strategie.yaml", "    titel: Verwaltung\n", '    titel: " "\n'),
        ("strategie.yaml", "      name: Lenkungsgruppe", '      name: " "'),
        ("partner.yaml", "    name: Kreis Dithmarschen", '    name: " "'),
    ]:
        path = example_copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    project = load_project(example_copy)
    with without_cache():
        for key in ("agenda", "strategie", "organisation", "ressourcen"):
            assert Renderer(project, "pdf").render(DOKUMENTE[key]).startswith(b"%PDF-"), key
    agenda = page_texts(Renderer(project, "pdf").render(DOKUMENTE["agenda"]))[0]
    assert "\nDigitale Agenda\n" in agenda


def test_link_targets_are_percent_encoded_and_kept_whole():
    from digistrat.render.typst_text import url

    assert url('https://münchen.de/straße?a=ä b"c') == '"https://m%C3%BCnchen.de/stra%C3%9Fe?a=%C3%A4%20b%22c"'
    assert url(" https://x.de/a?b=1&c=%20#top ") == '"https://x.de/a?b=1&c=%20#top"'


def _word_boxes(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word on ``page`` (1-based), as poppler places them."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    found = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    return [(word, float(x0), float(x1)) for x0, x1, word in found]


def test_a_long_word_is_hyphenated_not_run_over_its_cell_or_the_margin(example_copy):
    """Typst has no overflow-wrap: a long compound word ran over its table cell and a heading over
    the page's margin. In cells and headings it is hyphenated where it does not fit."""
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterungsbefestigungsschraubenverwaltungsstelle"
    path = example_copy / "steckbriefe" / "DD-18.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("titel: Netzwerk der Digitalisierungsmanager*innen", f"titel: Netzwerk {word}"), "utf-8"
    )
    with without_cache():
        pdf = Renderer(load_project(example_copy), "pdf").render(DOKUMENTE["agenda"])
    right_margin = (210 - 16) / 25.4 * 72  # A4 minus the right page margin, in points
    for page in (1, 7):  # the overview, the Steckbrief's first page
        assert max(x1 for _, _, x1 in _word_boxes(pdf, page)) <= right_margin + 0.5, page
    overview = _word_boxes(pdf, 1)
    column_two = min(x0 for w, x0, _ in overview if w == "Handlungsfeld")
    pieces = [(w, x1) for w, _, x1 in overview if w.startswith(("Donau", "gesell", "schaft", "zenhal", "terung"))]
    assert pieces and all(x1 < column_two for _, x1 in pieces), pieces
    assert any(w.endswith("\xad") for w, _ in pieces)  # hyphenated (a soft hyphen in the text), not cut
    words = [w for w, _, _ in overview]
    assert "Lernplattform" in words and "Gemeinsame" in words  # a word that fits is not hyphenated
    assert "DD-19" in words and words[words.index("DD-19") + 1] == "Gemeinsame"  # the id stays with its title


def test_a_long_run_without_a_space_stays_in_its_cell_and_copies_whole(example_copy):
    """An Aktenzeichen in a Kennzahl's Einheit ran over its cell and the page margin and squeezed the
    Kennzahl column to a syllable; a URL in a funding note ran over its cell. Both now break inside
    their cells, and the PDF's text has them as written."""
    aktenzeichen = "Aktenzeichen_DIGI_SH_2024_000123456789_VERWALTUNG_DIGITAL_0001"
    url = "https://www.foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Land/richtlinie_digitale_schule_2024.html"
    path = example_copy / "steckbriefe" / "DD-01.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    einheit: Schulen", f"    einheit: {aktenzeichen}", 1)
    text = text.replace("jahr: 2024, status: bewilligt}", f"jahr: 2024, status: bewilligt, notiz: 'Siehe {url}'}}", 1)
    path.write_text(text, "utf-8")
    with without_cache():
        pdf = Renderer(load_project(example_copy), "pdf").render(DOKUMENTE["agenda"])
    pages = page_texts(pdf)
    found = [i + 1 for i, page in enumerate(pages) if "Aktenzeichen_" in page or "foerderdatenbank" in page]
    assert len(found) >= 1
    right_margin = (210 - 16) / 25.4 * 72
    for page in found:
        boxes = _word_boxes(pdf, page)
        assert max(x1 for _, _, x1 in boxes) <= right_margin + 0.5, page
        words = [w for w, _, _ in boxes]
        if "Kennzahlen" in words:
            assert "Angeschlossene" in words  # the Kennzahl column keeps its width
    joined = "".join("".join(pages).split())
    assert aktenzeichen in joined and url in joined  # broken into lines, but no character added
    assert "\u200b" not in "".join(pages)


def test_characters_the_pdf_cannot_show_are_named_with_their_position(example_copy, cli, monkeypatch):
    """The "�" in the PDF comes with a note naming file, line and column of the character, once per
    field and character; a character in a YAML comment is not printed and gets none; one written
    as a YAML escape is named at its field. U+1FAFF and U+0378 are unassigned: no font has them."""
    monkeypatch.chdir(example_copy)
    path = example_copy / "steckbriefe" / "DD-18.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("titel: Netzwerk der", "titel: Netzwerk \U0001faff der \U0001faff \u0378 der", 1)
    text = text.replace("  bilden die Arbeitsgruppe", "  bilden \U0001faff die Arbeitsgruppe", 1)
    text = text.replace("  - Verwaltungsleitungen", '  - "Verwaltungsleitungen \\U0001FAFF"', 1)
    path.write_text(text + "# \U0001faff im Kommentar\n", "utf-8")
    config = example_copy / "digistrat.yaml"
    config.write_text(config.read_text("utf-8") + "  titel:\n    agenda: Digitale Agenda \u0378\n", "utf-8")
    result = cli("render", ".", "--format", "pdf", "--dokument", "agenda", "--no-cache")
    assert result.code == 0, result
    hint = (
        "Hinweis: {}: Das Zeichen „{}“ (U+{}) hat in keiner installierten Schrift ein Bild; wo es gedruckt "
        "wird, steht im PDF „\ufffd“. Abhilfe: das Zeichen ersetzen oder eine Schrift installieren, die es enthält."
    )
    notes = [line for line in result.err.splitlines() if line.startswith("Hinweis:")]
    zielgruppe = next(i for i, line in enumerate(text.splitlines(), 1) if "Verwaltungsleitungen" in line)
    assert notes == [
        hint.format("digistrat.yaml:7:29", "\u0378", "0378"),
        hint.format("steckbriefe/DD-18.yaml:2:17", "\U0001faff", "1FAFF"),
        hint.format("steckbriefe/DD-18.yaml:2:25", "\u0378", "0378"),
        hint.format("steckbriefe/DD-18.yaml:12:10", "\U0001faff", "1FAFF"),  # in the block scalar
        hint.format(f"steckbriefe/DD-18.yaml:{zielgruppe}:5", "\U0001faff", "1FAFF"),  # the escape's field
    ]
    assert result.err.splitlines()[-1] == "2 Dateien geschrieben nach anlagen/."
    # HTML shows what the browser's fonts have: no note
    assert not [line for line in cli("render", ".", "--dokument", "agenda").err.splitlines() if "Hinweis" in line]


def test_at_most_twenty_notes(example_copy, monkeypatch):
    from digistrat.render import glyphs

    for sb in sorted((example_copy / "steckbriefe").glob("*.yaml")):
        text = sb.read_text(encoding="utf-8")
        quoted = '\ntitel: "' in text  # a title with ": " in it
        sb.write_text(
            text.replace(
                '\ntitel: "' if quoted else "\ntitel: ",
                '\ntitel: "\U0001faff ' if quoted else "\ntitel: \U0001faff ",
                1,
            ),
            "utf-8",
        )
    notes = glyphs.missing_glyphs(load_project(example_copy))
    assert len(notes) == 21 and notes[-1] == "… und 2 weitere Stellen."  # 22 Steckbriefe
    assert notes[0].startswith(f"{display_path(example_copy / 'steckbriefe' / 'DD-01.yaml')}:2:8: Das Zeichen")
