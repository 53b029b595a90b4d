"""The characters the fonts Typst can use have a glyph for (render/typst_text.py).

Typst refuses, under PDF/UA-1, text it cannot display: one emoji or Chinese character in a
Steckbrief, on a machine without a font for it, would stop the whole render. Such characters are
set as "�" instead (as a browser shows a box). The fonts are read once per run, before the
render workers are forked (about 0.4 s for the 23 fonts of a Debian machine with DejaVu).
"""

from __future__ import annotations

import functools
import unicodedata

REPLACEMENT = "\ufffd"
# never drawn as a glyph: spaces, line and paragraph separators, format characters (soft hyphen,
# zero-width space and joiners, direction marks), which Typst handles without a font
_NO_GLYPH = ("Zs", "Zl", "Zp", "Cf")


@functools.cache
def covered() -> frozenset[int] | None:
    """Code points with a glyph in a font Typst finds on this machine; None: unknown (no check)."""
    try:
        import typst
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    found: set[int] = set()
    seen: set[tuple[str, int]] = set()
    for font in typst.Fonts().fonts():
        if font.path is None or (font.path, font.index) in seen:
            continue  # Typst's own embedded fonts (Libertinus, New Computer Modern) have no file
        seen.add((font.path, font.index))
        try:
            with TTFont(font.path, fontNumber=font.index, lazy=True) as tt:
                found.update(tt.getBestCmap() or {})
        except Exception:  # a font fontTools cannot read covers nothing here
            continue
    return frozenset(found)


def displayable(text: str) -> str:
    """``text`` with every character no font can display replaced by "�"."""
    if text.isascii():
        return text
    fonts = covered()
    if fonts is None:
        return text
    stand_in = REPLACEMENT if 0xFFFD in fonts else "?"
    return "".join(ch if shown(ch, fonts) else stand_in for ch in text)


def shown(ch: str, fonts: frozenset[int]) -> bool:
    """Whether ``ch`` is set as itself: a font has it, or it needs no glyph."""
    return ord(ch) in fonts or ord(ch) < 0x80 or unicodedata.category(ch) in _NO_GLYPH


def not_shown(text: str) -> list[str]:
    """The distinct characters of ``text`` that the PDF shows as "�", in order of appearance."""
    fonts = covered()
    if fonts is None or text.isascii():
        return []
    return [ch for ch in dict.fromkeys(text) if not shown(ch, fonts)]
