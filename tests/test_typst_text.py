"""Values and free text in Typst source (render/typst_text.py): data never becomes Typst code."""

from __future__ import annotations

import re
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from digistrat.errors import DigistratError
from digistrat.render import typst_pdf
from digistrat.render.typst_fonts import displayable
from digistrat.render.typst_text import BREAK, breakable, code, finalize, literal, markdown_block, markdown_inline, text

HEAD = '#set document(title: "Test", date: none)\n#set text(lang: "de", font: "DejaVu Sans")\n= Test\n== Teil\n=== Abschnitt\n'


def pdf_text(source: str) -> str:
    """The text of ``source`` set as PDF/UA-1 by Typst, as pdftotext reads it (one line per line)."""
    pdf = typst_pdf.compile_pdf(HEAD + str(source))  # str: Markup + str would escape HTML
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return out.decode("utf-8")


def test_a_literal_escapes_what_would_end_it():
    assert literal('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert literal("Zeile 1\n  Zeile 2\t x") == '"Zeile 1 Zeile 2 x"'
    assert literal("Zeile 1\nZeile 2", collapse=False) == '"Zeile 1\\nZeile 2"'
    assert literal("a\x00b\x1bc\x7fd\ud800e") == '"a\ufffdb\ufffdc\ufffdd\ufffde"'


def test_text_ends_the_expression_so_the_template_cannot_continue_it():
    assert text("abc") == '#"abc";'
    assert pdf_text(text("abc") + ".len() " + text("x") + "(1)").split("\n")[3] == "abc.len() x(1)"


def test_finalize_passes_typst_source_and_quotes_everything_else():
    assert finalize(Markup("#strong[x]")) == "#strong[x]"
    assert finalize("#strong[x]") == '#"#strong[x]";'
    assert finalize(3) == '#"3";'
    assert code(3) == "3" and code(True) == "true" and code(None) == "none" and code("sb-1") == '"sb-1"'


HOSTILE = [
    '#read("/etc/passwd")',
    '] #panic("x") [',
    '\\ #import "@preview/cetz:0.2.2"',
    "$x^2$ <sb-1> @sb-1 *fett* _kursiv_ `code` = Titel",
    "\"Anführung\" und 'einfach' und ~ und -- und ...",
    "#{ let x = 1; x }",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_set_as_written(value):
    assert pdf_text(text(value)).split("\n")[3] == value


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_free_text_is_set_as_text(value):
    # Markdown may read *…*, _…_ and `…` as emphasis and code, but never anything as Typst
    shown = pdf_text(markdown_block(value)).split("\n")[3]
    assert "#" in shown or "#" not in value
    assert shown.replace(" ", "") == value.replace("*", "").replace("_", "").replace("`", "").replace(" ", "")


def test_markdown_blocks():
    source = (
        "Einleitung mit *kursiv*, **fett**, `code` und [Link](https://example.org) für Bürger*innen.\n\n"
        "### Unterpunkt\n\n- eins\n- zwei *x*\n\n3. drei\n4. vier\n\n> Zitat #x [y]\n\n"
        "| A | B |\n|---|--:|\n| 1 | 2 |\n| 3 |\n\n```\nroh #code\n```\n\n---\nZeile 1  \nZeile 2 [böse](javascript:alert(1))\n"
    )
    typst = markdown_block(source, 4)
    assert typst.startswith('#par[#"Einleitung mit"; #emph[#"kursiv";]#","; #strong[#"fett";]')
    assert '#link("https://example.org")[#"Link";]' in typst
    assert '#heading(level: 4, outlined: false)[#"Unterpunkt";]' in typst
    assert '#list(tight: true, [#"eins";], [#"zwei"; #emph[#"x";]], )' in typst
    assert '#enum(tight: true, start: 3, [#"drei";], [#"vier";], )' in typst
    assert (
        '#table(columns: 2, align: (left, right), table.header([#"A";], [#"B";]), [#"1";], [#"2";], [#"3";], [])'
        in typst
    )
    assert '#raw(block: true, "roh #code")' in typst
    # as text (with a break opportunity after the colon of the long run), never as a link
    assert "javascript" not in typst.replace('"Zeile 2 [böse](javascript:";#box();#"alert(1))"', "")
    shown = pdf_text(typst)
    for line in [
        "Einleitung mit kursiv, fett, code und Link für Bürger*innen.",
        "Unterpunkt",
        "• eins",
        "3. drei",
        "roh #code",
    ]:
        assert line in shown
    assert "Zeile 2 [böse](javascript:alert(1))" in shown


def test_headings_in_free_text_never_skip_a_level():
    """PDF/UA-1 refuses a skipped level: "#### x" right under the Steckbrief's h3 becomes h4."""
    typst = markdown_block("#### Tief\n\n# Oben\n\n###### Ganz tief\n\n## Zwei", 4)
    levels = [int(part.split(",")[0]) for part in typst.split("#heading(level: ")[1:]]
    assert levels == [4, 4, 5, 5]
    pdf_text(typst)  # and Typst accepts it as PDF/UA-1


def test_inline_markdown_keeps_the_spaces_between_words_and_emphasis():
    assert markdown_inline("a *b* c") == '#"a"; #emph[#"b";] #"c";'
    assert markdown_inline(None) == "" and markdown_inline("  ") == ""


# the characters Typst and Markdown give a meaning, letters, and pieces of Markdown syntax
PIECES = list("#[]{}()\\\"'*_`$<>@=-+/~:;.,!?&|^%") + list("aäbßz09 \n")
PIECES += ["https://x.de", "](https://x.de)", "\n\n", "\n- ", "\n1. ", "\n| a | b |\n|---|--:|\n", "\n> ", "\n    "]
PIECES += [
    "\n```\n",
    "<https://x.de>",
    "![b](https://x.de/a.png)",
    "&lt;",
    "&#35;",
    "\n### ",
    "\u2028",
    "\u00a0",
    "\u00ad",
    "\u0378",  # unassigned: no font has it, it is set as "�"
    "🚀",
]
VALUES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(VALUES, min_size=1, max_size=12))
def test_any_value_is_set_as_written_and_any_free_text_is_accepted(values):
    """Fuzz: plain values come out as written, free text is always accepted (PDF/UA-1 included)."""
    marker = "§"
    source = "".join(f"#par[{text(marker)}{text(v)}{text(marker)}]\n" for v in values)
    source += "".join(f"{markdown_block(v, 4)}\n#par[{markdown_inline(v)}]\n" for v in values)
    shown = "".join(pdf_text(source).split())  # without whitespace: a long word may wrap anywhere
    for v in values:
        assert marker + "".join(displayable(v).split()) + marker in shown  # "�" for what no font has


def test_a_typst_error_is_a_german_message():
    with pytest.raises(
        DigistratError, match=r"^Das PDF „Test“ konnte nicht gesetzt werden \(Typst: unclosed delimiter\)\.$"
    ):
        typst_pdf.compile_pdf(HEAD + "#strong[", what="Test")


def test_typst_reads_no_files_and_loads_no_packages():
    with pytest.raises(DigistratError, match="file not found"):
        typst_pdf.compile_pdf(HEAD + '#read("/etc/hostname")')
    with pytest.raises(DigistratError, match="package"):
        typst_pdf.compile_pdf(HEAD + '#import "@preview/cetz:0.2.2"')


def test_an_empty_heading_is_left_out_and_an_empty_link_is_accepted():
    assert markdown_block("#\n\nText") == '#par[#"Text";]\n'
    assert "Seite" in pdf_text(markdown_block("[](https://example.org) Seite"))


def test_a_link_with_an_empty_target_is_plain_text():
    # markdown-it makes "[x]()" a link with href "" (validateLink is not asked); Typst refuses it
    assert markdown_inline("[Projektseite]() folgt") == '#"Projektseite"; #"folgt";'
    source = markdown_block("Siehe [Projektseite]( ) und *[hier]()*.\n\n| [a]() |\n|---|\n| [b]() |")
    assert "#link(" not in source
    assert "Projektseite und hier." in pdf_text(source)


def test_a_heading_with_only_an_empty_link_is_left_out():
    # "# [](https://…)" has a title in Typst source but no text: PDF/UA-1 refuses it
    assert markdown_block("# [](https://example.org)\n\nText") == '#par[#"Text";]\n'
    assert "Text" in pdf_text(markdown_block("## **[](https://example.org)**\n\nText"))
    assert "Link" in pdf_text(markdown_block("# [](https://example.org) Link\n\n# ` `"))


def test_an_ordered_list_may_start_at_zero_as_in_html():
    assert "start: 0," in markdown_block("0. null\n1. eins")
    assert "0. null" in pdf_text(markdown_block("0. null\n1. eins"))
    assert "start: 1," in markdown_block("1. eins")


def test_a_long_run_without_a_space_gets_break_opportunities():
    url = "Siehe https://www.foerderdatenbank.de/FDB/Content/DE/x_y.html?a=1&b=2"
    assert breakable(url) == [
        "Siehe https://",
        "www.",
        "foerderdatenbank.",
        "de/",
        "FDB/",
        "Content/",
        "DE/",
        "x_",
        "y.",
        "html?",
        "a=",
        "1&",
        "b=",
        "2",
    ]  # after punctuation, not inside "://"
    assert breakable("Aktenzeichen_DIGI_SH_2024_000123456789_VERWALTUNG_0001 Schulen") == [
        "Aktenzeichen_",
        "DIGI_",
        "SH_",
        "2024_",
        "00012345",
        "6789_",
        "VERWALTUNG_",
        "0001 Schulen",
    ]  # a long run of digits after every 8: nothing to hyphenate there
    assert breakable("info@kreis-dithmarschen.de") == ["info@", "kreis-dithmarschen.", "de"]
    assert breakable("C:\\Ablage\\Digitalstrategie\\Entwurf.docx") == [
        "C:\\",
        "Ablage\\",
        "Digitalstrategie\\",
        "Entwurf.",
        "docx",
    ]
    assert text("a  b_" + "x" * 20) == '#"a b_";' + BREAK + '#"' + "x" * 20 + '";'


@pytest.mark.parametrize(
    ("value", "pieces"),
    [
        ("Digitalisierungsmanager*innen und Donaudampfschifffahrtsgesellschaft", None),  # words: hyphenation
        ("KREISDIGITALISIERUNGSSTRATEGIE", None),  # also in capitals
        ("Förderzeitraum 01.01.2024–31.12.2027", None),  # not inside a date or a number
        ("12.345.678.901.234.567,89\u00a0€", None),
        ("Sitzungszeit:12:30:00–14:30:00", ["Sitzungszeit:", "12:30:00–14:30:00"]),
        ("a_b/c", None),  # shorter than LONG_RUN
        ("Eingangsbestätigung/\u0301Anlagenverzeichnis", None),  # never between a letter and its accent
        ("🧑\u200d💻" * 5 + "/Arbeitsplatz", ["🧑\u200d💻" * 5 + "/", "Arbeitsplatz"]),  # nor inside an emoji
    ],
)
def test_words_numbers_and_clusters_keep_together(value, pieces):
    assert breakable(value) == (pieces or [value])


@settings(max_examples=200, deadline=None)
@given(value=st.text())
def test_the_pieces_are_the_value(value):
    pieces = breakable(value)
    assert "".join(pieces) == value
    assert all(pieces) or pieces == [""]


def test_a_long_run_breaks_inside_a_narrow_box_and_is_copied_whole():
    token = "Aktenzeichen_DIGI_SH_2024_000123456789_VERWALTUNG_0001"
    pdf = typst_pdf.compile_pdf(HEAD + f"#block(width: 30mm)[{text(token)}]\n")
    boxes = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes.decode("utf-8"))]
    lines = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    left = 72 * 25 / 25.4  # Typst's default page margin (2.5 cm on A4)
    assert max(right) <= left + 30 / 25.4 * 72 + 0.5  # within the box
    assert len([x for x in lines.split("\n")[3:] if x.strip()]) >= 4  # broken over several lines
    assert "".join(lines.split("\n")[3:]).strip() == token  # and nothing added between the pieces
