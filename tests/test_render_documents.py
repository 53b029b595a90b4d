"""Every document of the Dithmarschen example as golden files (Markdown and HTML), determinism,
Markdown validity and the self-containedness of the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE

EXPECTED_FILES = [
    "anlage-1-digitalisierungsstrategie",
    "anlage-2-digitale-agenda",
    "anlage-3-aufbauorganisation",
    "anlage-4-ressourcen",
    "finanzielle-auswirkungen-kreis-dithmarschen",
    "finanzielle-auswirkungen-amt-buesum-wesselburen",
    "finanzielle-auswirkungen-amt-burg-st-michaelisdonn",
    "finanzielle-auswirkungen-amt-klg-heider-umland",
    "finanzielle-auswirkungen-amt-marne-nordsee",
    "finanzielle-auswirkungen-amt-mitteldithmarschen",
    "finanzielle-auswirkungen-amt-klg-eider",
    "finanzielle-auswirkungen-stadt-heide",
    "finanzielle-auswirkungen-stadt-brunsbuettel",
    "index",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """The example rendered once per format through the CLI, into a temporary folder."""
    from digistrat.cli import main

    out: dict[str, Path] = {}
    for fmt in ("md", "html"):
        target = tmp_path_factory.mktemp(fmt)
        with pytest.raises(SystemExit) as exc:
            main(["render", str(EXAMPLE), "--format", fmt, "--out", str(target)])
        assert exc.value.code == 0
        out[fmt] = target
    return out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_writes_every_document_with_stable_names(rendered, fmt):
    written = sorted(p.name for p in rendered[fmt].iterdir())
    assert written == sorted([f"{n}.{fmt}" for n in EXPECTED_FILES] + [".digistrat-dateien.json"])


@pytest.mark.parametrize("name", EXPECTED_FILES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(rendered, golden, fmt, name):
    golden(f"render/{fmt}/{name}.{fmt}", (rendered[fmt] / f"{name}.{fmt}").read_bytes())


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_rendering_twice_gives_identical_bytes(rendered, tmp_path, cli, fmt):
    again = tmp_path / "again"
    assert cli("render", EXAMPLE, "--format", fmt, "--out", again).code == 0
    for name in EXPECTED_FILES:
        assert (again / f"{name}.{fmt}").read_bytes() == (rendered[fmt] / f"{name}.{fmt}").read_bytes(), name


def _parse_md(text: str):
    from markdown_it import MarkdownIt

    # raw HTML enabled here on purpose: any HTML in our output would show up as html_* tokens
    return MarkdownIt("commonmark", {"html": True}).enable("table").parse(text)


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_markdown_is_commonmark_with_pipe_tables(rendered, name):
    text = (rendered["md"] / f"{name}.md").read_text(encoding="utf-8")
    tokens = _parse_md(text)
    assert not [t for t in tokens if t.type.startswith("html")], "raw HTML in Markdown output"
    inline_html = [c for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    assert not inline_html, inline_html[:3]
    separators = [line for line in text.splitlines() if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line)]
    assert len([t for t in tokens if t.type == "table_open"]) == len(separators)
    # every row of a table has as many cells as its header
    for table in _tables(tokens):
        widths = {len(row) for row in table}
        assert len(widths) == 1, table[:2]


def _tables(tokens):
    tables, row = [], None
    for t in tokens:
        if t.type == "table_open":
            tables.append([])
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            row.append(t)
        elif t.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_markdown_draws_roadmap_and_organigram_with_mermaid(rendered):
    agenda = (rendered["md"] / "anlage-2-digitale-agenda.md").read_text(encoding="utf-8")
    assert "```mermaid\ngantt\n" in agenda
    organisation = (rendered["md"] / "anlage-3-aufbauorganisation.md").read_text(encoding="utf-8")
    assert "```mermaid\nflowchart TD\n" in organisation


class _Resources(HTMLParser):
    """Collects everything in an HTML document that could make a browser fetch or run something."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.lang = None
        self.headings: list[str] = []
        self.th_without_scope = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("script", "iframe", "object", "embed", "link", "img", "video", "audio", "source", "base"):
            self.problems.append(f"<{tag}>")
        for key, value in attrs:
            if key.startswith("on"):
                self.problems.append(f"{tag} {key}")
            if key in ("src", "srcset", "poster", "data", "action", "formaction"):
                self.problems.append(f"{tag} {key}={value}")
            if key == "href" and tag != "a":
                self.problems.append(f"{tag} href")
            if (
                key == "href"
                and tag == "a"
                and not re.match(r"(https?:|mailto:|#|[\w.-]+\.html(#[\w.-]+)?$)", value or "")
            ):
                self.problems.append(f"a href={value}")
            if key == "style" and "url(" in (value or ""):
                self.problems.append(f"{tag} style url()")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(tag)
        if tag == "th" and "scope" not in a:
            self.th_without_scope += 1


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_html_is_self_contained_german_and_structured(rendered, name):
    text = (rendered["html"] / f"{name}.html").read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(text)
    assert parser.problems == []
    assert parser.lang == "de"
    assert parser.th_without_scope == 0
    # one h1 per document; a finance block has one per Haushaltsjahr (each block is a page of its own)
    assert parser.headings.count("h1") == (4 if name.startswith("finanzielle-auswirkungen") else 1)
    # no external reference: url() only for the SVG patterns of the same document (url(#id))
    assert not re.search(r"url\((?!#)", text) and "@import" not in text and "<script" not in text.lower()
    assert "@page" in text and "size: A4" in text and 'counter(page) " von " counter(pages)' in text


def test_agenda_html_carries_inline_svg_and_page_breaks(rendered):
    text = (rendered["html"] / "anlage-2-digitale-agenda.html").read_text(encoding="utf-8")
    assert text.count('<section class="steckbrief"') == 22
    assert ".steckbrief, .neue-seite { break-before: page;" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="grafik" id="roadmap-1"' in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="grafik" id="matrix"' in text


def test_index_links_every_written_document(rendered):
    for fmt in ("md", "html"):
        text = (rendered[fmt] / f"index.{fmt}").read_text(encoding="utf-8")
        for name in EXPECTED_FILES[:-1]:
            assert f"{name}.{fmt}" in text, (fmt, name)
        assert "Dithmarschen Digital" in text
