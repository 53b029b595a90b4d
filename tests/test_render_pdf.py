"""PDF set by Typst and by WeasyPrint (a project's own HTML templates), checked on the written files page by
page with pypdf: running header and footer on every page, one page per finance block, a total once,
tagged (accessible) PDF."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from conftest import EXAMPLE, without_cache

from digistrat.budget import compute_rollup
from digistrat.formatting import euro
from digistrat.render import render_document
from digistrat.validation import load_project

pytestmark = pytest.mark.slow


def reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def pdf_pages(data: bytes) -> list[str]:
    pdf = reader(data)
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert sizes == {(595, 842)}  # A4
    # the no-break space before "€" may come out as a plain one, depending on the fonts: compare without it
    return [p.extract_text().replace("\xa0", " ") for p in pdf.pages]


def amount(value) -> str:
    return euro(value).replace("\xa0", " ").replace("-", "−")


def accessibility_problems(data: bytes) -> list[str]:
    """What keeps a PDF from being an accessible (tagged) document; empty when there is nothing."""
    pdf = reader(data)
    root = pdf.trailer["/Root"]
    problems = []
    if root.get("/Lang") != "de":
        problems.append("keine Sprache /Lang de")
    if not (root.get("/MarkInfo") or {}).get("/Marked"):
        problems.append("nicht als getaggt markiert")
    if "/StructTreeRoot" not in root:
        return [*problems, "kein Strukturbaum"]
    roles: dict[str, int] = {}
    figures_without_alt = 0
    stack = [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not hasattr(node, "get"):
            continue
        role = node.get("/S")
        if role:
            roles[role] = roles.get(role, 0) + 1
            if role == "/Figure" and not node.get("/Alt"):
                figures_without_alt += 1
        kids = node.get("/K")
        if kids is not None:
            stack.extend(kids if isinstance(kids, list) else [kids])
    for role in ("/H1", "/Table", "/TH"):
        if role not in roles:
            problems.append(f"keine Struktur {role}")
    if figures_without_alt:
        problems.append(f"{figures_without_alt} Grafik(en) ohne Alternativtext")
    if not pdf.metadata or not pdf.metadata.title:
        problems.append("kein Dokumenttitel")
    return problems


@pytest.fixture(scope="module")
def example():
    return load_project(EXAMPLE)


@pytest.fixture(autouse=True, params=["typst", "weasyprint"])
def engine(request, monkeypatch):
    """Every test with both typesetters: Typst, and WeasyPrint (a project's own HTML templates)."""
    from digistrat.render import typst_pdf

    if request.param == "weasyprint":
        monkeypatch.setattr(typst_pdf, "available", lambda: False)
    return request.param


def test_finance_block_one_page_per_haushaltsjahr(cli, tmp_path, example):
    result = cli("render", EXAMPLE, "--format", "pdf", "--out", tmp_path, "-d", "finanzen", "-p", "stadt-heide")
    assert result.code == 0, result
    data = (tmp_path / "finanzielle-auswirkungen-stadt-heide.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    rollup = compute_rollup(example)
    assert len(pages) == len(rollup.jahre)  # one A4 page per block, one block per Haushaltsjahr
    for n, (page, jahr) in enumerate(zip(pages, rollup.jahre), start=1):
        assert f"Haushaltsjahr {jahr}" in page
        # headed by its partner, never by the Kreis; no tool name
        assert "Stadt Heide · Beschlussvorlage · Finanzielle Auswirkungen" in page  # running header
        assert "Kreis Dithmarschen" not in page and "digistrat" not in page
        assert "Dithmarschen Digital – Finanzielle Auswirkungen – Stadt Heide" in page
        assert f"Seite {n} von {len(pages)}" in page
        fig = rollup.partner("stadt-heide", jahr)
        assert f"Auszahlungen zusätzlich/neu {amount(fig.aufwand)}" in page, jahr
        assert f"Einzahlungen zusätzlich/neu {amount(fig.foerderung)}" in page, jahr
        assert amount(fig.foerderung - fig.aufwand) in page, jahr
        assert "Federführend: Stabsstelle Digitalisierung" in page
    assert "☒ Ja Haushaltsplanung 2023" in pages[0] and "☒ Ja Haushaltsplanung 2026" not in pages[3]
    assert (tmp_path / "index.pdf").read_bytes().startswith(b"%PDF-")


def test_every_finance_block_of_one_year_fits_one_page(example):
    for partner in example.partner:
        data = render_document(example, "finanzen", "pdf", partner.id, jahr=2024)
        (page,) = pdf_pages(data)
        assert f"{partner.name} · " in page and "Seite 1 von 1" in page, partner.id
        assert "Haushaltsjahr 2024" in page


def test_agenda_pdf_running_header_total_once_and_continuations(example):
    pages = pdf_pages(render_document(example, "agenda", "pdf", datum=dt.date(2022, 9, 1)))
    total = len(pages)
    for n, text in enumerate(pages, start=1):
        assert "Drucksache 2022/1218 · Anlage 2: Digitale Agenda" in text, n
        assert "Stand 01.10.2026" in text and "Entwurf" not in text, n  # decided on 22.09.2022
        assert "Ausgabe vom 01.09.2022" in text, n  # --datum on every page, as the README says
        assert f"Seite {n} von {total}" in text, n
        assert "Dithmarschen Digital – Anlage 2: Digitale Agenda" in text, n
    # the overview spans pages, its total is printed once, after the last row
    assert sum(text.count("Summe aller Steckbriefe") for text in pages) == 1
    starts = [n for n, text in enumerate(pages) if "Position 1 von 22 in der Umsetzungsreihenfolge" in text]
    assert len(starts) == 1
    assert "Übersicht in Umsetzungsreihenfolge" in pages[0]
    assert any("Roadmap" in text for text in pages[1 : starts[0]])
    # a Steckbrief continued on the next page names itself there, and only there
    started: list[str] = []  # Steckbrief ids in the order their first page is printed
    continued = 0
    for text in pages:
        if "in der Umsetzungsreihenfolge" in text and "Position" in text:
            assert "Fortsetzung: Steckbrief" not in text  # not on the page where it begins
            started.append(text.split("Umsetzungsreihenfolge\n", 1)[1].split(" ", 1)[0])
        elif "Fortsetzung: Steckbrief" in text:
            continued += 1
            assert text.split("Fortsetzung: Steckbrief ", 1)[1].startswith(f"{started[-1]} ")
    assert continued > 0 and len(started) == 22
    # every "Kosten gesamt" stands on the same page as its cost table's heading
    totals = [text for text in pages if re.search(r"Kosten gesamt( in der Laufzeit)? [0-9.]+,[0-9]{2} €", text)]
    assert len(totals) == 22
    for text in pages:  # no page ends with the heading of a table that starts on the next page
        body = text.rsplit("\nDrucksache 2022/1218", 1)[0]
        assert not body.rstrip().endswith(("\nKosten", "\nPersonal", "\nFörderung", "\nKennzahlen")), body[-200:]
    # table of contents with page numbers: the overview gives each Steckbrief's page
    first_sb = pages[starts[0]]
    assert "DD-18 Netzwerk der Digitalisierungsmanager*innen" in first_sb
    assert f"Seite {starts[0] + 1}" in pages[0]


def test_strategy_pdf_table_of_contents_has_page_numbers(example):
    pages = pdf_pages(render_document(example, "strategie", "pdf"))
    assert "Dithmarschen Digital" in pages[0] and "Drucksache" in pages[0] and "Stand 01.10.2026" in pages[0]
    # "   1. Bildung . . . . 3": number, title, leader dots, page
    toc = dict(re.findall(r"^\s*(?:\d+\. )?(.+?)(?: \.)+ +(\d+)$", pages[1], re.MULTILINE))
    # every Handlungsfeld is listed with the page its heading is printed on
    for titel in ("Bildung", "Gesundheit", "Wirtschaft, Energie, Ver- & Entsorgung"):
        page = next(n for n, text in enumerate(pages, start=1) if n >= 2 and f". {titel}\n" in text)
        assert toc[titel] == str(page), titel


@pytest.mark.parametrize(
    ("schluessel", "partner"), [("agenda", None), ("organisation", None), ("finanzen", "kreis-dithmarschen")]
)
def test_pdf_is_tagged_and_accessible(tmp_path, cli, schluessel, partner):
    args = ["render", EXAMPLE, "--format", "pdf", "--out", tmp_path, "-d", schluessel]
    assert cli(*args, *(["-p", partner] if partner else [])).code == 0
    (written,) = [p for p in tmp_path.glob("*.pdf") if p.name != "index.pdf"]
    data = written.read_bytes()
    assert accessibility_problems(data) == []
    assert reader(data).metadata.title.endswith("– Dithmarschen Digital")


def test_accessibility_check_fails_on_an_untagged_pdf(example):
    """The control file: the same document printed without tags must fail the check."""
    import weasyprint

    html = render_document(example, "organisation", "html")
    untagged = weasyprint.HTML(string=html).write_pdf()
    assert accessibility_problems(untagged) == ["nicht als getaggt markiert", "kein Strukturbaum"]


def test_pdf_is_deterministic(example):
    with without_cache():  # two layouts, not one and a cache entry
        first = render_document(example, "finanzen", "pdf", "amt-klg-eider")
        assert first == render_document(example, "finanzen", "pdf", "amt-klg-eider")
