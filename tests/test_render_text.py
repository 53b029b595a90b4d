"""Free text and plain values on their way into HTML and Markdown (digistrat.render.markdown),
and the Mermaid and SVG drawings built from plain data."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from digistrat.model.types import Gremium
from digistrat.render import mermaid, svg
from digistrat.render.diagramdata import MatrixEintrag, RoadmapZeile
from digistrat.render.markdown import (
    _parsed_html,
    _parsed_inline,
    _plain_paragraphs,
    markdown_html,
    markdown_inline_html,
    md_cell,
    md_escape,
    md_text,
    md_text_inline,
    tidy_markdown,
)

SVG_NS = "{http://www.w3.org/2000/svg}"


# --- HTML from free text -----------------------------------------------------------------------


def test_gender_stars_stay_stars():
    assert markdown_html("Bürger*innen und Tourist*innen") == "<p>Bürger*innen und Tourist*innen</p>\n"
    assert markdown_html("*kursiv* und **fett**") == "<p><em>kursiv</em> und <strong>fett</strong></p>\n"


def test_raw_html_is_text():
    assert markdown_html('<script>alert(1)</script>"><img src=x onerror=alert(1)>') == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>\n"
    )


def test_only_http_https_mailto_links():
    html = markdown_html(
        "[a](https://kreis.de) [b](mailto:x@kreis.de) [c](javascript:alert(1)) "
        "[d](data:text/html,x) [e](file:///etc/passwd)"
    )
    assert html == (
        '<p><a href="https://kreis.de">a</a> <a href="mailto:x@kreis.de">b</a> '
        "[c](javascript:alert(1)) [d](data:text/html,x) [e](file:///etc/passwd)</p>\n"
    )


def test_images_are_not_loaded():
    assert markdown_html("![Karte](https://example.org/karte.png)") == (
        '<p>!<a href="https://example.org/karte.png">Karte</a></p>\n'
    )


def test_headings_move_below_the_document_outline():
    assert markdown_html("# Oben\n\n## Darunter", heading_level=4) == "<h4>Oben</h4>\n<h5>Darunter</h5>\n"
    assert markdown_html("###### Tief", heading_level=4) == "<h6>Tief</h6>\n"


def test_tables_in_free_text_get_header_scope():
    assert markdown_html("| a | b |\n|---|---|\n| 1 | 2 |").startswith('<table>\n<thead>\n<tr>\n<th scope="col">a</th>')


def test_inline_free_text():
    assert markdown_inline_html("Mit *Betonung*\nund <b>") == "Mit <em>Betonung</em> und &lt;b&gt;"
    assert markdown_html(None) == "" and markdown_html("  ") == ""


# Plain prose skips the parser (issue 14); it must come out as markdown-it writes it. The alphabet
# mixes letters, digits and every character that starts a block or inline construct, so that many
# texts take the plain path and many just miss it.
TEXT_CHARS = "aZäß1 9.)\"'>-+=#:~!|*_&<[]`\\\t\xa0\u2028\r\x00"
WORDS = st.sampled_from(["Bürger", "innen", "Die", "Kreis", "2.0", "\n", "\n\n", " ", "*", '"'])
LINE = st.tuples(
    st.sampled_from(["Die", "Bürger*innen", "Ämter", "x"]),
    st.lists(
        st.one_of(st.sampled_from(["und", "Tourist*innen", "2.0", "„Einer für Alle“"]), st.sampled_from(TEXT_CHARS))
    ),
).map(lambda words: " ".join([words[0], *words[1]]))
PROSE = st.one_of(
    st.lists(st.one_of(WORDS, WORDS, st.text(TEXT_CHARS, max_size=3)), max_size=25).map("".join),
    # paragraphs as authors write them, lines of words now and then with a markup character
    st.lists(st.lists(LINE, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=3).map("\n\n".join),
)


@settings(max_examples=1000, deadline=None)
@given(text=PROSE, heading_level=st.sampled_from([3, 4]))
def test_plain_free_text_reads_as_markdown_it_writes_it(text, heading_level):
    if text.strip():
        assert markdown_html(text, heading_level) == _parsed_html(text, heading_level)
    line = " ".join(text.split())
    assert markdown_inline_html(text) == _parsed_inline(line)


def test_plain_path_takes_prose_and_leaves_markup_to_the_parser():
    prosa = "Die Digitalisierungsmanager*innen bauen aus.\nDer Kreis „prüft“ 2.0 > 1.\n\nNeuer Absatz.\n"
    assert _plain_paragraphs(prosa) == (
        "<p>Die Digitalisierungsmanager*innen bauen aus.\nDer Kreis „prüft“ 2.0 &gt; 1.</p>\n<p>Neuer Absatz.</p>\n"
    )
    assert markdown_html(prosa) == _parsed_html(prosa, 4)
    for markup in ("1. Liste", "Text\n- Punkt", "*kursiv*", "Text  \nUmbruch", "    Code", "a & b", "Titel\n===="):
        assert _plain_paragraphs(markup) is None


# --- Markdown output -----------------------------------------------------------------------------


def test_md_escape_plain_values():
    assert md_escape("Bürger*innen | Gäste") == "Bürger\\*innen \\| Gäste"
    assert md_escape("<script>x</script>") == "\\<script\\>x\\</script\\>"
    assert md_escape("[Link](javascript:x)") == "\\[Link\\](javascript:x)"
    assert md_escape("&lt; bleibt &amp; Text") == "\\&lt; bleibt \\&amp; Text"
    assert md_escape("Jugend & Familie") == "Jugend & Familie"
    assert md_escape("# keine Überschrift") == "\\# keine Überschrift"
    assert md_escape("1. kein Listenpunkt") == "1\\. kein Listenpunkt"
    assert md_escape("- kein Punkt") == "\\- kein Punkt"
    assert md_escape(None) == ""


def test_md_cell_is_one_line():
    assert md_cell("zwei\nZeilen | und Pipe") == "zwei Zeilen \\| und Pipe"


def test_md_text_keeps_markdown_but_defuses_html_and_images():
    text = "Absatz mit *Betonung*, Bürger*innen, <b>fett</b> und <https://kreis.de>.\n\n![Bild](https://x.de/a.png)"
    assert md_text(text) == (
        "Absatz mit *Betonung*, Bürger\\*innen, &lt;b>fett&lt;/b> und <https://kreis.de>."
        "\n\n!\\[Bild](https://x.de/a.png)"
    )


def test_md_text_moves_headings():
    assert md_text("# Eins\n\nText\n\n## Zwei", heading_level=4) == "#### Eins\n\nText\n\n##### Zwei"


def test_md_text_inline_escapes_pipes():
    assert md_text_inline("a | b\nc") == "a \\| b c"


def test_tidy_markdown_collapses_blank_lines_outside_code():
    text = "# T  \n\n\n\nAbsatz\n```\ncode\n\n\n\nmehr\n```\n\n\n"
    assert tidy_markdown(text) == "# T\n\nAbsatz\n```\ncode\n\n\n\nmehr\n```\n"


# --- Mermaid -------------------------------------------------------------------------------------


def _zeile(nr, id_, titel, status="geplant", von=(2023, 1, 1), bis=(2024, 6, 30)):
    return RoadmapZeile(nr, id_, titel, status, dt.date(*von) if von else None, dt.date(*bis) if bis else None)


def test_gantt_defuses_mermaid_syntax():
    text = mermaid.roadmap_gantt(
        [
            _zeile(1, "A-1", "Titel: mit #Raute; 50% und `Code`", "in-umsetzung"),
            _zeile(2, "A-2", "Abgeschlossen", "abgeschlossen"),
            _zeile(3, "A-3", "Ohne Zeitraum", von=None, bis=None),
        ]
    )
    assert text.splitlines() == [
        "gantt",
        "    title Roadmap",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m/%Y",  # quarters labelled month/year, not a year repeated on every tick
        "    tickInterval 3month",
        "    todayMarker off",  # a printed paper has no "today"
        "    section Steckbriefe",
        # the status in the label reads without colour; Mermaid's end date is exclusive: the day after
        "    A-1 Titel∶ mit Nr.Raute‚ 50 Prozent und 'Code' (In Umsetzung) :active, s1, 2023-01-01, 2024-07-01",
        "    A-2 Abgeschlossen (Abgeschlossen) :done, s2, 2023-01-01, 2024-07-01",
    ]


def test_flowchart_labels_use_entity_codes():
    gremien = [
        Gremium("a", 'Lenkung "A" <b>', mitglieder=["Landrat#1"], turnus="monatlich"),
        Gremium("b", "Projektgruppe"),
    ]
    assert mermaid.organigramm_flowchart(gremien).splitlines() == [
        "flowchart TD",
        '    g1["Lenkung #quot;A#quot; #lt;b#gt;<br/>Turnus: monatlich<br/>• Landrat#35;1"]',
        '    g2["Projektgruppe"]',
        "    g1 --> g2",
    ]


# --- SVG -----------------------------------------------------------------------------------------


def test_roadmap_svg_is_accessible_wellformed_xml_with_escaped_text():
    (drawing,) = svg.roadmap_svgs([_zeile(1, "A-1", "<script>alert(1)</script> & mehr")], 2023, 2024)
    root = ET.fromstring(str(drawing))
    assert root.get("role") == "img"
    desc = "A-1 <script>alert(1)</script> & mehr: 01/2023 – 06/2024 (Geplant)"
    assert root.find(f"{SVG_NS}desc").text == desc
    # the <title> is the PDF's alternative text of the figure: it carries the description too
    assert root.find(f"{SVG_NS}title").text == f"Roadmap der Steckbriefe: {desc}"
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert "&lt;script&gt;" in str(drawing)


def test_roadmap_bar_coordinates():
    # 2023–2024: 470 units for 24 months; January 2023 to the end of June 2024 is 18 months
    (drawing,) = svg.roadmap_svgs([_zeile(1, "A-1", "Projekt")], 2023, 2024)
    assert '<rect x="300" y="38" width="352.5" height="14" rx="3" fill="#6b9bd1"' in str(drawing)


def test_long_roadmaps_are_cut_into_printable_parts():
    zeilen = [_zeile(i, f"A-{i}", "Projekt") for i in range(1, 86)]
    drawings = svg.roadmap_svgs(zeilen, 2023, 2024, je_grafik=40)
    assert len(drawings) == 3
    assert [ET.fromstring(str(d)).get("id") for d in drawings] == ["roadmap-1", "roadmap-2", "roadmap-3"]
    assert "Roadmap der Steckbriefe (Teil 3 von 3)" in str(drawings[2])


def test_matrix_cells_list_ids_and_overflow():
    eintraege = [MatrixEintrag(i, f"ID-{i:02d}", "T", 5, 5) for i in range(1, 15)]
    eintraege.append(MatrixEintrag(15, "X-1", "T", 1, 3))
    root = ET.fromstring(str(svg.matrix_svg(eintraege)))
    texts = [el.text for el in root.iter(f"{SVG_NS}text")]
    assert texts[texts.index("ID-01, ID-02,") : texts.index("ID-01, ID-02,") + 4] == [
        "ID-01, ID-02,",
        "ID-03, ID-04,",
        "ID-05, ID-06,",
        "+8 weitere",
    ]
    assert "X-1" in texts


def test_organigram_wraps_members():
    gremien = [Gremium("a", "Lenkungsgruppe", mitglieder=["x " * 60], turnus="monatlich")]
    root = ET.fromstring(str(svg.organigramm_svg(gremien)))
    texts = [el.text for el in root.iter(f"{SVG_NS}text")]
    assert texts[:2] == ["Lenkungsgruppe", "Turnus: monatlich"]
    assert texts[2].startswith("• x x") and len(texts) == 4


def test_md_text_defuses_dangerous_link_targets():
    text = (
        "[a](https://kreis.de) [c](javascript:alert(1)) [d](data:text/html,x) [e](<vbscript:msgbox(1)>) "
        "[f](Java&#83;cript&#58;alert(1)) [g](java\\script:alert(1)) [h](seite.html)\n\n"
        "[r][boese]\n\n[boese]: JAVASCRIPT:alert(2)\n   [leer]:\n  data:text/html,x\n[gut]: https://kreis.de"
    )
    assert md_text(text) == (
        "[a](https://kreis.de) [c]\\(javascript:alert(1)) [d]\\(data:text/html,x) [e]\\(&lt;vbscript:msgbox(1)>) "
        "[f]\\(Java&#83;cript&#58;alert(1)) [g]\\(java\\script:alert(1)) [h](seite.html)\n\n"
        "[r][boese]\n\n\\[boese]: JAVASCRIPT:alert(2)\n   \\[leer]:\n  data:text/html,x\n[gut]: https://kreis.de"
    )
    from markdown_it import MarkdownIt

    # a renderer that allows every link (as some Markdown viewers do) finds only the safe ones
    permissive = MarkdownIt("commonmark", {"html": True})
    permissive.validateLink = lambda url: True
    hrefs = [
        t.attrGet("href")
        for tok in permissive.parse(md_text(text))
        for t in tok.children or []
        if t.type == "link_open"
    ]
    assert hrefs == ["https://kreis.de", "seite.html"]
    assert md_text_inline("[x](javascript:alert(1))") == "[x]\\(javascript:alert(1))"
