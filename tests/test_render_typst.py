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
    assert source.count('"<script>alert(\\"x\\")</script>') >= 3  # only ever inside Typst strings


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
