"""Free text and plain values on their way into HTML and Markdown documents.

Free-text fields of format v1 may hold Markdown. For HTML it is rendered by markdown-it-py with
raw HTML disabled, images disabled (an image would be a network request) and links limited to
http, https and mailto. For Markdown output the text is passed through, with the same three
dangers defused so that GitLab or GitHub show what our HTML shows.

Plain values (titles, names, list items in tables) are escaped: HTML templates autoescape, and
Markdown templates use :func:`md_escape` / :func:`md_cell`.
"""

from __future__ import annotations

import re
from functools import cache

from markupsafe import Markup

ALLOWED_LINK_SCHEMES = ("http:", "https:", "mailto:")

# A gender star between two letters ("Bürger*innen und Tourist*innen") would pair up with the
# next one and set the words between in italics. In German administrative text it is never meant
# as emphasis, so it is escaped before parsing; "*kursiv*" and "**fett**" keep working.
_GENDER_STAR = re.compile(r"(?<=\w)\*(?=\w)")

# Markdown output: "<" starts raw HTML unless it opens an autolink with an allowed scheme.
_RAW_HTML_START = re.compile(r"<(?!(?:https?:|mailto:)[^<>\s]*>)")
_IMAGE_START = re.compile(r"!\[")

# Link destinations in Markdown output: an inline link's "](" and a reference definition's "[label]:".
_INLINE_LINK = re.compile(r"\]\([ \t]*\n?[ \t]*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REFERENCE_DEFINITION = re.compile(r"^( {0,3})\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
# What a browser ignores inside a URL's scheme ("java\tscript:"), and Markdown's escapes.
_URL_NOISE = re.compile(r"[\x00-\x20\\<>]")

_ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)", re.MULTILINE)

# Characters that may change the meaning of a plain value anywhere in a line of Markdown.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An "&" that would start a character reference ("&lt;", "&#60;").
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line starts that would make a heading, quote, list item, rule or setext underline.
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def link_erlaubt(url) -> bool:
    """Only http, https and mailto links are rendered as links (no javascript:, data:, file:)."""
    return str(url).strip().lower().startswith(ALLOWED_LINK_SCHEMES)


def _gefaehrliches_ziel(destination: str) -> bool:
    """A link target with a scheme other than http, https and mailto (javascript:, data:, vbscript: …).

    Entities and backslash escapes are resolved first, as a Markdown renderer would.
    """
    import html

    plain = _URL_NOISE.sub("", html.unescape(destination)).lower()
    return bool(_SCHEME.match(plain)) and not plain.startswith(ALLOWED_LINK_SCHEMES)


def _links_entschaerfen(text: str) -> str:
    """Inline links and reference definitions with a dangerous target become literal text.

    The HTML output shows such a link as its source text (markdown-it refuses it); escaping the
    "(" after "]" or the "[" of a definition does the same for Markdown renderers.
    """
    text = _INLINE_LINK.sub(lambda m: "]\\(" + m.group(0)[2:] if _gefaehrliches_ziel(m.group(1)) else m.group(0), text)
    return _REFERENCE_DEFINITION.sub(
        lambda m: m.group(1) + "\\" + m.group(0)[len(m.group(1)) :] if _gefaehrliches_ziel(m.group(3)) else m.group(0),
        text,
    )


@cache
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")
    md.validateLink = link_erlaubt  # type: ignore[method-assign]  # markdown-it-py documents this hook
    return md


def _prepare(text: str) -> str:
    return _GENDER_STAR.sub(r"\\*", str(text))


# Free text without any character markdown-it could read as markup (besides gender stars) is
# prose: its HTML is written without the parser, which keeps a 10,000-Steckbrief agenda quick
# (issue 14; in the Dithmarschen example every list item and 13 of 22 longer texts are prose).
# tests/test_render_text.py checks that both ways give the same HTML.
_MARKUP_CHARS = re.compile(r"[\\`*_&<\[\]|\x00-\x09\x0b-\x1f]")


def _plain(text: str) -> bool:
    return _MARKUP_CHARS.search(_GENDER_STAR.sub("", text)) is None


def _escape(text: str) -> str:
    """What markdown-it writes for a text token (it escapes these four characters, not ``'``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _plain_paragraphs(text: str) -> str | None:
    """The HTML of plain-text paragraphs, or None when the text may hold Markdown syntax.

    Plain means: no markup character (see above), every line either empty or starting with a
    letter (no list, heading, quote or code block) and without whitespace at either end.
    """
    if not _plain(text):
        return None
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line == "":
            if paragraphs[-1]:
                paragraphs.append([])
        elif line[0].isalpha() and line == line.strip():
            paragraphs[-1].append(line)
        else:
            return None
    return "".join("<p>" + _escape("\n".join(lines)) + "</p>\n" for lines in paragraphs if lines)


def markdown_html(text: str | None, heading_level: int = 4) -> Markup:
    """Free text (Markdown) → safe HTML blocks.

    Headings inside the text are moved down so that they start at ``heading_level`` and never
    compete with the document's own outline; table headers get ``scope="col"``.
    """
    if text is None or str(text).strip() == "":
        return Markup("")
    plain = _plain_paragraphs(str(text))
    return Markup(plain if plain is not None else _parsed_html(str(text), heading_level))


def _parsed_html(text: str, heading_level: int) -> str:
    md = _parser()
    tokens = md.parse(_prepare(text))
    shift = heading_level - 1
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = f"h{min(6, int(tok.tag[1]) + shift)}"
        elif tok.type == "th_open":
            tok.attrSet("scope", "col")
    return md.renderer.render(tokens, md.options, {})


def markdown_inline_html(text: str | None) -> Markup:
    """A one-line free text (a list item) → safe inline HTML (emphasis, code, links)."""
    if text is None:
        return Markup("")
    line = " ".join(str(text).split())
    return Markup(_escape(line) if _plain(line) else _parsed_inline(line))


def _parsed_inline(line: str) -> str:
    return _parser().renderInline(_prepare(line))


def md_text(text: str | None, heading_level: int | None = None) -> str:
    """Free text for Markdown output: the author's Markdown, minus raw HTML, images and gender-star italics.

    With ``heading_level``, ATX headings in the text are moved down to start at that level (as in HTML).
    """
    if text is None:
        return ""
    out = _links_entschaerfen(_prepare(str(text).strip()))
    out = _RAW_HTML_START.sub("&lt;", out)
    out = _IMAGE_START.sub(r"!\\[", out)
    if heading_level is not None and heading_level > 1:
        extra = "#" * (heading_level - 1)
        out = _ATX_HEADING.sub(lambda m: m.group(1) + (m.group(2) + extra)[:6], out)
    return out


def md_text_inline(text: str | None) -> str:
    """Like :func:`md_text` for a list item or table cell: one line, and "|" escaped."""
    return md_text(" ".join(str(text or "").split())).replace("|", "\\|")


def md_escape(value) -> str:
    """A plain value as literal text in Markdown: ``Bürger*innen`` → ``Bürger\\*innen``."""
    if value is None:
        return ""
    out = _MD_INLINE.sub(r"\\\1", str(value))
    out = _MD_ENTITY.sub(r"\\&", out)
    return _MD_LINE_START.sub(
        lambda m: (
            m.group(1) + "\\" + m.group(2)
            if len(m.group(2)) == 1
            else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1]
        ),
        out,
    )


def md_cell(value) -> str:
    """A plain value in a pipe-table cell: escaped and on one line."""
    return md_escape(" ".join(str(value if value is not None else "").split()))


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def tidy_markdown(text: str) -> str:
    """One blank line between blocks, no trailing spaces, one final newline (outside fenced code only).

    Templates put blank lines generously around every block so that no block can run into the
    next; this collapses the surplus, so the output reads as if written by hand.
    """
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None:
            line = line.rstrip()
            if match:
                fence = match.group(1)[0] * 3
            elif line == "" and (not out or out[-1] == ""):
                continue
        elif match and match.group(1).startswith(fence):
            fence = None
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
