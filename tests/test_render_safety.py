"""Hostile strings in every kind of field render as visible text, in HTML, SVG, Mermaid and Markdown."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from test_render_figures import KLEIN, write_project

from digistrat.render import DOKUMENTE, render_document
from digistrat.validation import load_project

SCRIPT = '<script>alert("x")</script>'
ATTR = '"><img src=x onerror=alert(1)>'
MARKDOWN = "Pipe | Stern * [Link](javascript:alert(1)) `Code` ~~weg~~ &lt;b&gt;"
STYLE = "</style><script>alert(2)</script>"
FENCE = "```\nEnde"
FENCE_YAML = '"```\\nEnde"'  # the same, as a double-quoted YAML scalar

HOSTILE = dict(KLEIN)
HOSTILE["strategie.yaml"] = f"""
    titel: '{STYLE}'
    untertitel: '{ATTR}'
    federfuehrung: kreis-a
    laufzeit: {{von: 2024, bis: 2025}}
    vision: {{horizont: 2030, leitsatz: '{SCRIPT}', ziele: ['{MARKDOWN}']}}
    werte: ['{ATTR}']
    handlungsfelder:
      - {{id: verwaltung, titel: '{SCRIPT}', ausgangslage: "<img src=x onerror=alert(3)>\\n\\n# Kopf"}}
    organisation:
      gremien:
        - id: lenkung
          name: {FENCE_YAML}
          aufgabe: '{SCRIPT}'
          mitglieder: ['{ATTR}', 'a"b#c<d>']
          turnus: '{MARKDOWN}'
    vorgaben: {{vzae_je_partner: 0.5, budget_je_partner: [{{jahr: 2024, betrag: 10000}}]}}
    """
HOSTILE["steckbriefe/S-1.yaml"] = (
    KLEIN["steckbriefe/S-1.yaml"]
    .replace("titel: Gemeinsames Portal", f"titel: '{SCRIPT}: Portal; 100% #1'")
    .replace("kurzbeschreibung: Ein Portal für alle.", f"kurzbeschreibung: '{ATTR}'")
    + f"""
        bewertung: {{relevanz: 4, realisierbarkeit: 2}}
        beschreibung: |
          {SCRIPT}

          [Klick](javascript:alert(1)) und ![Bild](https://evil.example/t.png)

          <img src=x onerror=alert(4)>
        ziele: ['{MARKDOWN}']
        externe_beteiligte: ['{SCRIPT}']
        risiken: ['{ATTR}']
        kennzahlen:
          - {{name: '{SCRIPT}', zielwert: '{ATTR}', einheit: '{MARKDOWN}'}}
        hauptaktivitaeten:
          - {{titel: '{MARKDOWN}', von: 2024-01, bis: 2024-06}}
        links:
          - {{url: 'javascript:alert(5)', titel: Gefährlich}}
          - {{url: 'https://ok.example/?a=1&b=2', titel: '{ATTR}'}}
        """
)
HOSTILE["partner.yaml"] = KLEIN["partner.yaml"].replace("name: Stadt C", f"name: '{MARKDOWN}'")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load_project(write_project(tmp_path_factory.mktemp("feindlich"), HOSTILE))


def documents(project, fmt):
    for key, dok in DOKUMENTE.items():
        if dok.je_partner:
            for p in project.partner:
                yield f"{key}-{p.id}", render_document(project, key, fmt, p.id)
        else:
            yield key, render_document(project, key, fmt)
    yield "index", render_document(project, "index", fmt)


class Active(HTMLParser):
    """Everything that would run or load something, and the visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed", "link", "base"):
            self.active.append(tag)
        for key, value in attrs:
            if key.startswith("on"):
                self.active.append(f"{tag} {key}")
            if key == "href" and not re.match(r"(https?:|mailto:|#|[\w.-]+\.(html|md)$)", value or ""):
                self.active.append(f"href={value}")

    def handle_data(self, data):
        self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def test_html_shows_hostile_strings_as_text(project):
    for name, html in documents(project, "html"):
        parsed = Active(html)
        assert parsed.active == [], name
        assert html.count("</style>") == 1, name
        assert html.count("<style>") == 1, name
    agenda = Active(render_document(project, "agenda", "html")).visible
    for hostile in (SCRIPT, ATTR, "<img src=x onerror=alert(4)>", "[Klick](javascript:alert(1))"):
        assert hostile in agenda
    strategie = Active(render_document(project, "strategie", "html")).visible
    assert STYLE in strategie and "<img src=x onerror=alert(3)>" in strategie
    # a list item is inline Markdown: code and entities work, the javascript: link does not
    assert "Pipe | Stern * [Link](javascript:alert(1)) Code ~~weg~~ <b>" in strategie


def test_footer_title_cannot_leave_the_css_string(project):
    html = render_document(project, "strategie", "html")
    assert (
        'content: "\\3c /style\\3e \\3c script\\3e alert(2)\\3c /script\\3e  – Anlage 1: Digitalisierungsstrategie";'
    ) in html


def test_svg_drawings_are_wellformed_with_escaped_text(project):
    html = render_document(project, "agenda", "html") + render_document(project, "organisation", "html")
    drawings = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    assert len(drawings) == 3
    texts = []
    for d in drawings:
        root = ET.fromstring(d)
        assert not [el for el in root.iter() if not el.tag.startswith("{http://www.w3.org/2000/svg}")]
        texts.extend(el.text or "" for el in root.iter())
    assert any(SCRIPT in t for t in texts)
    assert any(ATTR in t for t in texts)


def _md_as_html(text: str) -> str:
    from markdown_it import MarkdownIt

    # as GitLab would read it, raw HTML allowed: our escaping must keep it from being HTML
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def test_markdown_shows_hostile_strings_as_text(project):
    for name, md in documents(project, "md"):
        parsed = Active(_md_as_html(md))
        assert parsed.active == [], name
    agenda = Active(_md_as_html(render_document(project, "agenda", "md"))).visible
    for hostile in (SCRIPT, ATTR, "<img src=x onerror=alert(4)>", "[Klick](javascript:alert(1))"):
        assert hostile in agenda
    strategie = Active(_md_as_html(render_document(project, "strategie", "md"))).visible
    assert STYLE in strategie


def test_pipes_in_values_do_not_break_markdown_tables(project):
    from markdown_it import MarkdownIt

    md = render_document(project, "ressourcen", "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    rows: list[int] = []
    for t in tokens:
        if t.type == "tr_open":
            rows.append(0)
        elif t.type in ("td_open", "th_open"):
            rows[-1] += 1
    assert rows and set(rows) <= {3, 6, 7}  # Vorgaben (partner + 2 years), Alle Partner, Je Partner
    assert "| Pipe \\| Stern \\* \\[Link\\](javascript:alert(1)) \\`Code\\` \\~\\~weg\\~\\~ \\&lt;b\\&gt; |" in md


def test_mermaid_blocks_stay_closed_and_defused(project):
    from markdown_it import MarkdownIt

    md = render_document(project, "organisation", "md")
    fences = [t for t in MarkdownIt("commonmark").parse(md) if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid"]
    assert 'g1["#96;#96;#96; Ende<br/>Turnus: ' in fences[0].content
    assert "• a#quot;b#35;c#lt;d#gt;" in fences[0].content
    gantt = render_document(project, "agenda", "md")
    assert (
        '    S-1 <script>alert("x")</script>∶ Portal‚ 100 Prozent Nr.1 (In Umsetzung) :active, s1, 2024-01-01, 2026-01-01'
        in gantt
    )
