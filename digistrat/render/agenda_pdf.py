"""Anlage 2 (Digitale Agenda) as PDF in parts, so that a long agenda needs neither one core for
minutes nor gigabytes (issue 14). The parts are set by Typst (render/typst_pdf.py) or, for a
project with its own agenda templates, by WeasyPrint; what follows is the same for both.

Why: WeasyPrint keeps the computed style of every element (about 10 KB each, ~217 elements per
Steckbrief) and every laid-out page until the whole document is written; one flow of 1,000
Steckbriefe held 4.4 GB and ran on one core. Every Steckbrief starts on a new page, so the
Steckbriefe can be laid out in independent parts, each in its own process with bounded memory,
and joined afterwards (:mod:`digistrat.render.pdf_join`).

What only the whole document knows is supplied by a last, cheap part, the *front part*: the
annex up to the first Steckbrief, followed for every Steckbrief by as many empty pages as its
part produced. In it WeasyPrint resolves the page numbers of the overview and the table of
contents, the links to the Steckbriefe and "Seite N von M" exactly as in one document; its empty
pages lend the page number to the Steckbrief pages (the parts leave that margin box empty).
A Steckbrief part gets an anchor for every link target outside it on an extra last page, so
that its links are written; the join drops that page and points the names at the real pages.

The joined file has the same pages, texts, links, bookmarks and tag structure as the
document rendered in one piece (tests/test_render_agenda_pdf.py compares them).
"""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass

from digistrat.render import pdf_cache

# Steckbriefe per part: about 3 pages and 5 MB of WeasyPrint memory each.
PART_SIZE = 25
# Typst keeps about 5 MB per Steckbrief too (a part of 25: about 210 MB), but sets 25 in about
# 1.5 s of CPU (WeasyPrint: 11 s); two parts side by side stay below 500 MB.
TYPST_PART_SIZE = 25
# The agenda context of each renderer, built once per run (forked part workers inherit it).
_CONTEXTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Part:
    """One rendered Steckbrief part: its PDF and the pages of each of its Steckbriefe."""

    pdf: bytes
    seiten: dict[str, int]  # Steckbrief id -> pages, in agenda order
    pages: int  # pages of the Steckbriefe (the extra anchor page not counted)


def plan_parts(renderer, dok) -> list[list[int]] | None:
    """The Steckbrief numbers (``nr``) of every part, or None: render ``dok`` in one piece.

    In parts only the agenda as PDF, when there is more than one part, the join is available
    (pikepdf) and the project does not bring its own agenda templates.
    """
    if dok.schluessel != "agenda" or renderer.fmt != "pdf":
        return None
    if not _join_available() or own_templates(renderer.project):
        return None
    size = TYPST_PART_SIZE if _typst(renderer, dok) else PART_SIZE
    details = agenda_context(renderer)["details"]
    if len(details) <= size:
        return None
    nummern = list(range(1, len(details) + 1))  # d.nr of each page, without making the pages
    return [nummern[i : i + size] for i in range(0, len(nummern), size)]


def _typst(renderer, dok=None) -> bool:
    """Typst sets the agenda (render/typst_pdf.py), else WeasyPrint."""
    from digistrat.render import typst_pdf
    from digistrat.render.documents import DOKUMENTE

    return typst_pdf.applies(renderer, dok or DOKUMENTE["agenda"])


def _join_available() -> bool:
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        return False
    return True


def own_templates(project) -> bool:
    """The project brings templates that shape the agenda's pages: it renders in one piece."""
    from digistrat.render.documents import DOKUMENTE
    from digistrat.render.environment import own_html_templates

    return own_html_templates(project, DOKUMENTE["agenda"])


def agenda_context(renderer) -> dict:
    """The agenda's template context, built once per run (forked part workers inherit it)."""
    cached = _CONTEXTS.get(renderer)
    if cached is None:
        from digistrat.gc_pause import gc_paused
        from digistrat.render.documents import DOKUMENTE

        with gc_paused():  # see Renderer._pieces
            cached = _CONTEXTS[renderer] = renderer.kontext(DOKUMENTE["agenda"])
    return cached


def _html(renderer, **teil) -> str:
    from digistrat.render.environment import render_template

    ctx = dict(agenda_context(renderer))
    ctx.update(teil)
    return render_template(renderer.env, "agenda.html.j2", ctx)


def render_part(renderer, nummern: list[int]) -> Part:
    """Lay out and write the Steckbriefe ``nummern`` (one part) in this process."""
    from digistrat.render.pdf import html_to_document, write_document

    if _typst(renderer):
        from digistrat.render import typst_pdf

        return typst_pdf.render_part(renderer, nummern)

    ids, foreign = part_targets(renderer, nummern)
    html = _html(renderer, teil="steckbriefe", teil_nummern=set(nummern), verweisziele=foreign)

    def lay_out() -> tuple[dict, bytes]:
        document = html_to_document(html)
        starts = _anchor_pages(document, [f"sb-{i}" for i in ids])
        return page_counts(ids, starts, len(document.pages), foreign), write_document(document)

    meta, pdf = pdf_cache.cached("teil", html, lay_out, lambda meta: page_counts_of(meta, ids))
    return Part(pdf, meta["seiten"], meta["seiten_gesamt"])


def part_targets(renderer, nummern: list[int]) -> tuple[list[str], list[str]]:
    """The ids of the Steckbriefe ``nummern`` and the anchors of the other parts' Steckbriefe
    they link to (Abhängigkeiten), which the part gives a last page of link targets."""
    pages = agenda_context(renderer)["details"]
    details = [pages[nr - 1] for nr in nummern]  # only this part's pages are made
    own = {f"sb-{d.sb.id}" for d in details}
    return [d.sb.id for d in details], sorted({f"sb-{a.id}" for d in details for a in d.abhaengigkeiten} - own)


def page_counts(ids: list[str], starts: list[int], pages: int, foreign: list[str]) -> dict:
    """A part's metadata: the pages of each Steckbrief (from the page each starts on) and of all
    of them, without the last page of link targets (there when ``foreign`` is not empty)."""
    bounds = [*starts, pages - (1 if foreign else 0)]
    return {"seiten": {sid: bounds[k + 1] - bounds[k] for k, sid in enumerate(ids)}, "seiten_gesamt": bounds[-1]}


def page_counts_of(meta: dict, ids: list[str]) -> bool:
    """A cache entry's page counts are those of the Steckbriefe ``ids``."""
    seiten, pages = meta.get("seiten"), meta.get("seiten_gesamt")
    if not isinstance(seiten, dict) or list(seiten) != ids or type(pages) is not int:
        return False
    return all(type(n) is int and n > 0 for n in seiten.values())


def _anchor_pages(document, names: list[str]) -> list[int]:
    """The index of the page each anchor is on, in the order of ``names``."""
    where: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            where.setdefault(name, index)
    return [where[name] for name in names]


def render_front(renderer, parts: list[Part]) -> tuple[bytes, int]:
    """The front part with the page counts of ``parts``: its PDF and the number of its own pages."""
    from digistrat.render.pdf import html_to_document, write_document

    if _typst(renderer):
        from digistrat.render import typst_pdf

        return typst_pdf.render_front(renderer, parts)

    seiten: dict[str, int] = {}
    for part in parts:
        seiten.update(part.seiten)
    details = agenda_context(renderer)["details"]
    html = _html(renderer, teil="vorne", seiten=seiten)

    def lay_out() -> tuple[dict, bytes]:
        document = html_to_document(html)
        return {"eigene_seiten": _anchor_pages(document, [f"sb-{details[0].sb.id}"])[0]}, write_document(document)

    meta, pdf = pdf_cache.cached("vorne", html, lay_out, lambda meta: type(meta.get("eigene_seiten")) is int)
    return pdf, meta["eigene_seiten"]


def join_parts(front: tuple[bytes, int], parts: list[Part]) -> bytes:
    """The joined annex. In a process of its own when rendered in workers: the front part's
    WeasyPrint memory (thousands of pages at 1,000 Steckbriefe) is gone before the join needs its own."""
    from digistrat.render.pdf_join import join

    inputs = [front[0], str(front[1]).encode()]
    for p in parts:
        inputs += [p.pdf, str(p.pages).encode()]
    # the join depends only on its inputs: keyed by their digests (hashing 70 MB takes 0.1 s)
    digests = b"".join(hashlib.sha256(x).digest() for x in inputs)
    return pdf_cache.cached(
        "verbunden", digests, lambda: ({}, join(front[0], front[1], [(p.pdf, p.pages) for p in parts]))
    )[1]


def render_agenda_in_parts(renderer, plan: list[list[int]]) -> bytes:
    """The whole annex in this process, part after part (memory stays that of one part)."""
    parts = [render_part(renderer, nummern) for nummern in plan]
    return join_parts(render_front(renderer, parts), parts)
