"""Values and free text on their way into Typst source (the PDF annexes, render/typst_pdf.py).

Nothing a project's data holds ever becomes Typst code: every value is written as a Typst
*string literal* (``#"…";``), which Typst sets as plain text (no markup, no function call, no
file access). Free text (Markdown) is parsed by the same markdown-it parser as for HTML (no raw
HTML, no images, links only http, https and mailto) and its tokens become Typst calls whose text
is again string literals. tests/test_typst_text.py fuzzes both.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from markupsafe import Markup

from digistrat.render import markdown
from digistrat.render.typst_fonts import displayable

# what HTML collapses: ASCII whitespace, and the line and paragraph separators (Typst would break
# the line there); a no-break space (1.841.500,00 €) stays
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(value, *, collapse: bool = True) -> str:
    """A Typst string literal (code mode) of ``value``.

    With ``collapse`` whitespace runs become one space, as HTML shows a plain value. Control
    characters and lone surrogates become "�" (no font has them; a surrogate cannot be UTF-8).
    """
    text = _collapsed(str(value)) if collapse else str(value)
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or 0xD800 <= ord(ch) < 0xE000:
            out.append("\ufffd")  # no glyph in any font, and surrogates cannot be written as UTF-8
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def text(value) -> str:
    """A value as text in markup: an embedded string literal, ended by ``;`` so that whatever
    the template writes next (``.``, ``(``, ``[``) cannot continue the expression. A character
    no installed font can display becomes "�" (render/typst_fonts.py). A long run without a
    space gets break opportunities (see :func:`breakable`)."""
    plain = _collapsed(displayable(str(value)))
    return BREAK.join("#" + literal(piece, collapse=False) + ";" for piece in breakable(plain))


def _collapsed(text: str) -> str:
    """Whitespace runs as one space, none at either end (as HTML shows a plain value)."""
    return _WHITESPACE.sub(" ", text).strip(" ")


# Typst breaks a line only at spaces, hyphens, after a slash, and where it can hyphenate a word
# (in table cells and headings, see stil.typ.j2): an Aktenzeichen, a file name, an e-mail address
# or a long number ran over its table cell and the page margin, and took the width of the other
# columns. An empty box between two pieces is a break opportunity that leaves no character in the
# PDF's text (a zero-width space would: copied, the Aktenzeichen would not match).
BREAK = "#box();"
LONG_RUN = 20  # characters without a space from which a run gets break opportunities
_LONG = re.compile(rf"\S{{{LONG_RUN},}}")
_PUNCTUATION = "/_.:;?&=@\\|,+~#"
_PUNCTUATION_RUN = re.compile(f"[{re.escape(_PUNCTUATION)}]+")
_PIECE = 8  # a run with digits may break after every 8 characters
_UNHYPHENATED = re.compile(rf"[^\s{re.escape(_PUNCTUATION)}-]{{{_PIECE + 4},}}")  # Typst breaks after "-" itself
_JOINERS = {"\u200c", "\u200d"}  # a cut next to them would split an emoji sequence or a ligature


def breakable(value: str) -> list[str]:
    """``value`` in pieces, between which a line may break: inside a run of ``LONG_RUN`` or more
    characters without a space, after URL and identifier punctuation (``/ _ . : @ …``, not between
    digits) and, in a part of the run that has a digit, after every 8 characters. Words, also in
    capitals, are left to hyphenation; no cut separates a combining mark from its letter.
    ``"".join(pieces) == value``."""
    cuts: set[int] = set()
    for run in _LONG.finditer(value):
        token, start = run.group(0), run.start()
        cuts.update(start + end for end in _after_punctuation(token))
        for part in _UNHYPHENATED.finditer(token):
            if any(ch.isdigit() for ch in part.group(0)):
                first, end = start + part.start(), start + part.end()
                cuts.update(range(first + _PIECE, end - 1, _PIECE))
    cuts = {i for i in cuts if _between_clusters(value, i)}
    if not cuts:
        return [value]
    bounds = [0, *sorted(cuts), len(value)]
    return [value[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _after_punctuation(token: str) -> list[int]:
    """Where ``token`` may break after punctuation: after a run of it ("://" is one), not at its
    end, and not inside a number or a date (01.01.2024, 1.841.500,00, 12:30)."""
    ends = []
    for m in _PUNCTUATION_RUN.finditer(token):
        end = m.end()
        if end == len(token):
            continue
        if m.group() in (".", ",", ":") and m.start() > 0 and token[m.start() - 1].isdigit() and token[end].isdigit():
            continue
        ends.append(end)
    return ends


def _between_clusters(value: str, i: int) -> bool:
    """Whether a cut before ``value[i]`` keeps every character with its base (combining marks,
    variation selectors, joiners)."""
    ch = value[i]
    return not (unicodedata.category(ch).startswith("M") or ch in _JOINERS or value[i - 1] in _JOINERS)


def finalize(value):
    """Jinja's ``finalize`` for Typst templates: a plain value becomes text; what a macro or a
    Typst filter made (Markup) is Typst source already."""
    if isinstance(value, Markup):
        return value
    return Markup(text(value))


def code(value) -> Markup:
    """A value for Typst code mode: numbers as numbers, everything else as a string literal."""
    if isinstance(value, bool) or value is None:
        return Markup("true" if value else ("false" if value is False else "none"))
    if isinstance(value, int):
        return Markup(str(value))
    return Markup(literal(displayable(str(value))))  # the text of a running header, say


def url(value) -> Markup:
    """A link target for code mode: as written, but with spaces and non-ASCII characters
    percent-encoded (a PDF link is ASCII; ``https://münchen.de/a b`` would not open)."""
    from urllib.parse import quote

    return Markup(literal(quote(str(value).strip(), safe="!#$%&'()*+,-./:;=?@[]_~"), collapse=False))


# --- Markdown -----------------------------------------------------------------------------------

_LISTS = {
    "bullet_list_open": "#list(tight: {tight}, ",
    "ordered_list_open": "#enum(tight: {tight}, start: {start}, ",
}


def markdown_block(source, heading_level: int = 4) -> Markup:
    """Free text (Markdown) → Typst markup: paragraphs, headings from ``heading_level`` on,
    lists, quotes, code, tables, emphasis and allowed links."""
    if source is None or str(source).strip() == "":
        return Markup("")
    tokens = markdown._parser().parse(markdown._prepare(str(source)))
    return Markup(_Writer(heading_level).blocks(tokens))


def markdown_inline(source) -> Markup:
    """A one-line free text (a list item, a table cell) → Typst markup."""
    if source is None:
        return Markup("")
    line = _WHITESPACE.sub(" ", str(source)).strip(" ")
    if not line:
        return Markup("")
    return Markup(_inline(markdown._parser().parseInline(markdown._prepare(line))[0].children or []))


class _Writer:
    """Block tokens → Typst. Headings never skip a level (PDF/UA-1 forbids it): a text's
    "### x" under an h3 becomes h4, not h6."""

    def __init__(self, heading_level: int):
        self.first_level = heading_level
        self.last_level = heading_level - 1

    def blocks(self, tokens) -> str:
        out: list[str] = []
        stack: list[str] = []  # what closes each open container
        index = 0
        while index < len(tokens):
            tok = tokens[index]
            kind = tok.type
            index += 1
            if kind == "inline":
                out.append(_inline(tok.children or []))
            elif kind == "paragraph_open":
                out.append("" if tok.hidden else "#par[")
                stack.append("" if tok.hidden else "]\n")
            elif kind == "heading_open":
                children = tokens[index].children or []
                title = _inline(children)
                # a heading without text ("#" alone, "# [](https://…)") is refused by PDF/UA-1: left out
                if title.strip() and _has_text(children):
                    out.append(self._heading(int(tok.tag[1])) + title + "]\n")
                index += 2  # its inline and heading_close tokens are done
            elif kind in _LISTS:
                start = tok.attrGet("start")  # only set when not 1; "0." starts at 0, as in HTML
                start = 1 if start is None else int(start)
                out.append(_LISTS[kind].format(tight="true" if _tight(tokens, index - 1) else "false", start=start))
                stack.append(")\n")
            elif kind == "list_item_open":
                out.append("[")
                stack.append("], ")
            elif kind == "blockquote_open":
                out.append("#quote(block: true)[")
                stack.append("]\n")
            elif kind == "table_open":
                table, index = _table(tokens, index)
                out.append(table)
            elif kind.endswith("_close"):
                out.append(stack.pop())
            elif kind in ("fence", "code_block"):
                code = displayable(tok.content.rstrip("\n"))
                out.append(f"#raw(block: true, {literal(code, collapse=False)})\n")
            elif kind == "hr":
                out.append("#line(length: 100%, stroke: 0.75pt + luma(60%))\n")
        return "".join(out)

    def _heading(self, level: int) -> str:
        wanted = min(6, level + self.first_level - 1)
        level = max(self.first_level, min(wanted, self.last_level + 1))
        self.last_level = level
        return f"#heading(level: {level}, outlined: false)["


def _has_text(children) -> bool:
    """Inline tokens that show some text (a link or emphasis without text shows none)."""
    for tok in children:
        if tok.type == "text" and _WHITESPACE.sub("", tok.content):
            return True
        if tok.type == "code_inline" and tok.content:
            return True
    return False


def _tight(tokens, index: int) -> bool:
    """markdown-it marks the paragraphs of a tight list hidden."""
    list_open = tokens[index]
    for tok in tokens[index + 1 :]:
        if tok.type == "paragraph_open" and tok.level == list_open.level + 2:
            return bool(tok.hidden)
        if tok.level <= list_open.level and tok.type.endswith("_close"):
            break
    return True


def _table(tokens, start: int) -> tuple[str, int]:
    """A Markdown table (its tokens from ``start``, after table_open) as a Typst table, and
    the index after its table_close."""
    header: list[str] = []
    rows: list[list[str]] = []
    aligns: list[str] = []
    row: list[str] | None = None
    end = start
    while end < len(tokens) and tokens[end].type != "table_close":
        tok = tokens[end]
        end += 1
        if tok.type == "tr_open":
            row = []
        elif tok.type == "th_open":  # a column's alignment is its header's
            style = str(tok.attrGet("style") or "")
            aligns.append("right" if "right" in style else ("center" if "center" in style else "left"))
        elif tok.type == "inline" and row is not None:
            row.append("[" + _inline(tok.children or []) + "]")
        elif tok.type == "tr_close" and row is not None:
            if not header:  # a Markdown table has exactly one header row
                header = row
            else:
                rows.append(row)
            row = None
    columns = max([len(header)] + [len(r) for r in rows] + [1])
    cells = ", ".join(c for r in rows for c in (r + ["[]"] * (columns - len(r))))
    align = "(" + ", ".join(aligns or ["left"] * columns) + ("," if len(aligns) == 1 else "") + ")"
    head = ", ".join(header + ["[]"] * (columns - len(header)))
    return f"#table(columns: {columns}, align: {align}, table.header({head}), {cells})\n", end + 1


def _spaced(content: str) -> str:
    """A text token as markup; a space at either end stays a space (between emphasis and text)."""
    if not content.strip():
        return " " if content else ""
    lead = " " if content[0].isspace() else ""
    trail = " " if content[-1].isspace() else ""
    return lead + text(content) + trail


def _inline(children) -> str:
    out: list[str] = []
    links: list[str] = []  # what closes each open link
    for tok in children:
        kind = tok.type
        if kind == "text":
            out.append(_spaced(tok.content))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("#linebreak()")
        elif kind == "code_inline":
            out.append(f"#raw({literal(displayable(tok.content), collapse=False)});")
        elif kind == "em_open":
            out.append("#emph[")
        elif kind == "strong_open":
            out.append("#strong[")
        elif kind in ("em_close", "strong_close"):
            out.append("]")
        elif kind == "link_close":
            out.append(links.pop())
        elif kind == "link_open":
            href = str(tok.attrGet("href") or "").strip()
            # "[Text]()" is a link with an empty target (HTML: a link to the page itself);
            # Typst refuses an empty URL, so it stays plain text
            if href:
                out.append(f"#link({literal(href)})[")
                links.append("]")
            else:
                links.append("")
    return "".join(out)
