"""PDF through WeasyPrint: text extracted with pypdf, footer with title and page numbers, figures."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE

from digistrat.budget import compute_rollup
from digistrat.formatting import euro
from digistrat.render import render_document
from digistrat.validation import load_project

pytestmark = pytest.mark.slow


def pdf_pages(data: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(595, 842)}  # A4
    # the no-break space before "€" may come out as a plain one, depending on the fonts: compare without it
    return [p.extract_text().replace("\xa0", " ") for p in reader.pages]


def test_finance_block_pdf_text_and_figures(cli, tmp_path):
    result = cli("render", EXAMPLE, "--format", "pdf", "--out", tmp_path, "-d", "finanzen", "-p", "stadt-heide")
    assert result.code == 0, result
    data = (tmp_path / "finanzielle-auswirkungen-stadt-heide.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    (page,) = pdf_pages(data)
    assert "Dithmarschen Digital – Finanzielle Auswirkungen – Stadt Heide" in page
    assert "Seite 1 von 1" in page
    project = load_project(EXAMPLE)
    rollup = compute_rollup(project)
    for jahr in rollup.jahre:
        fig = rollup.partner("stadt-heide", jahr)
        for amount in (fig.aufwand, fig.foerderung, fig.foerderung - fig.aufwand):
            # text extraction turns the no-break space before "€" into a plain one
            assert euro(amount).replace("\xa0", " ") in page, (jahr, amount)
    assert (tmp_path / "index.pdf").read_bytes().startswith(b"%PDF-")


def test_agenda_pdf_has_numbered_pages_and_a_steckbrief_per_page():
    project = load_project(EXAMPLE)
    pages = pdf_pages(render_document(project, "agenda", "pdf"))
    total = len(pages)
    for n, text in enumerate(pages, start=1):
        assert f"Seite {n} von {total}" in text
        assert "Dithmarschen Digital – Anlage 2: Digitale Agenda" in text
    starts = [n for n, text in enumerate(pages) if "Steckbrief 1 von 22" in text]
    assert len(starts) == 1
    assert "Übersicht in Umsetzungsreihenfolge" in pages[0]
    assert any("Roadmap" in text for text in pages[1 : starts[0]])


def test_strategy_pdf_table_of_contents_has_page_numbers():
    project = load_project(EXAMPLE)
    pages = pdf_pages(render_document(project, "strategie", "pdf"))
    assert "Dithmarschen Digital" in pages[0] and "Drucksache" in pages[0]
    toc = {line.split(" . ")[0]: line.rsplit(" ", 1)[1] for line in pages[1].splitlines() if " . " in line}
    # every Handlungsfeld is listed with the page its heading is printed on
    for titel in ("Bildung", "Gesundheit", "Wirtschaft, Energie, Ver- & Entsorgung"):
        page = next(n for n, text in enumerate(pages, start=1) if n > 2 and f". {titel}\n" in text)
        assert toc[titel] == str(page), titel


def test_pdf_is_deterministic():
    project = load_project(EXAMPLE)
    first = render_document(project, "finanzen", "pdf", "amt-klg-eider")
    assert first == render_document(project, "finanzen", "pdf", "amt-klg-eider")
