"""The annexes as PDF set by Typst (issue 14).

Why: WeasyPrint lays out about 0.15 s of CPU per A4 page in Python. All annexes of 100
Steckbriefe took 70 s of CPU, 1,000 Steckbriefe more than nine minutes even in parts on both
cores. Typst (a typesetter written in Rust, in the optional extra ``digistrat[pdf]``) sets the
same pages in milliseconds each: page numbers, the table of contents, the running header
("Fortsetzung: Steckbrief …"), links, bookmarks and the PDF/UA-1 tags come out of one flow.

Every document with a bundled ``<schluessel>.typ.j2`` is set from it; in these templates every
value is a Typst string (render/typst_text.py), so data never becomes Typst code. Typst runs
without a file system (its root is an empty folder), without packages and without network, in a
forked child (render/forked.py). A long Anlage 2 is set in parts of
:data:`~digistrat.render.agenda_pdf.TYPST_PART_SIZE` Steckbriefe and joined (render/agenda_pdf.py,
render/pdf_join.py): Typst keeps about 5 MB per Steckbrief until its process ends.

A project that brings its own HTML templates for a document (or the shared ones) gets that
document from its HTML through WeasyPrint, as before (render/pdf.py).
"""

from __future__ import annotations

import functools
import re
import tempfile
from typing import Any

from digistrat import formatting
from digistrat.errors import DigistratError
from digistrat.resources import templates_dir

PDF_STANDARD = "ua-1"  # the same accessible PDF as WeasyPrint's pdf/ua-1 (BITV 2.0)
_SVG_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def available() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def applies(renderer, dok) -> bool:
    """A document with a Typst template, as PDF, Typst installed, and the project brings none of
    the HTML templates that shape this document (then they are used, through WeasyPrint)."""
    from digistrat.render.environment import own_html_templates

    if renderer.fmt != "pdf" or not (templates_dir() / template(dok)).is_file():
        return False
    return available() and not own_html_templates(renderer.project, dok)


def needs_html_templates(project) -> bool:
    """The project brings HTML templates of its own for a document that Typst would set."""
    from digistrat.render.documents import DOKUMENTE, INDEX
    from digistrat.render.environment import own_html_templates

    return own_html_templates(project, *DOKUMENTE.values(), INDEX)


def template(dok) -> str:
    return f"{dok.schluessel}.typ.j2"


@functools.cache
def environment(locale: str = formatting.DEFAULT_LOCALE):
    """The Jinja2 environment of the bundled Typst templates (a project cannot override them)."""
    import jinja2

    from digistrat.render import typst_text
    from digistrat.render.environment import template_options, value_filters
    from digistrat.render.markdown import link_erlaubt

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        # autoescape makes macro output Markup, which finalize passes on as Typst source
        autoescape=True,
        finalize=typst_text.finalize,
        **template_options(),
    )
    env.filters.update(value_filters(locale))
    env.filters.update(
        {
            "markdown": typst_text.markdown_block,
            "markdown_inline": typst_text.markdown_inline,
            "typst": typst_text.code,
            "typst_url": typst_text.url,
            "typst_svg": svg_image,
        }
    )
    env.tests["erlaubter_link"] = link_erlaubt
    return env


def svg_image(svg) -> str:
    """A figure's SVG as a Typst image; its <title> is the alternative text (PDF/UA-1)."""
    import html

    from markupsafe import Markup

    from digistrat.render.typst_fonts import displayable
    from digistrat.render.typst_text import literal

    # what XML does not allow (U+FFFF, controls) would make Typst refuse the figure; what no font
    # can draw, it would drop silently
    text = displayable(_XML_INVALID.sub("\ufffd", str(svg)))
    found = _SVG_TITLE.search(text)
    alt = html.unescape(found.group(1)) if found else "Grafik"
    return Markup(f'image(bytes({literal(text, collapse=False)}), format: "svg", alt: {literal(alt)}, width: 100%)')


def source(renderer, **teil) -> str:
    """The agenda's Typst source; ``teil``: a part of a long agenda (see agenda.typ.j2)."""
    from digistrat.render.agenda_pdf import agenda_context
    from digistrat.render.environment import render_template

    ctx = dict(agenda_context(renderer))
    ctx.update(teil)
    return render_template(environment(renderer.project.config.locale or "de_DE"), "agenda.typ.j2", ctx)


def document_source(renderer, dok, partner=None) -> str:
    """The Typst source of one document (the agenda's: :func:`source`)."""
    from digistrat.gc_pause import gc_paused
    from digistrat.render.environment import render_template

    if dok.schluessel == "agenda":
        return source(renderer)
    with gc_paused():  # see Renderer._pieces
        ctx = renderer.kontext(dok, partner)
        return render_template(environment(renderer.project.config.locale or "de_DE"), template(dok), ctx)


def render_document(renderer, dok, partner=None) -> bytes:
    """One document as PDF in one flow (from the PDF cache when this source was set before)."""
    from digistrat.render import pdf_cache

    text = document_source(renderer, dok, partner)
    what = renderer.link(dok, partner).titel
    return pdf_cache.cached("typst", text, lambda: ({}, compile_pdf(text, what=what)))[1]


def render_part(renderer, nummern: list[int]):
    """The Steckbriefe ``nummern`` of a long agenda, with a last page of the link targets outside them."""
    from digistrat.render import pdf_cache
    from digistrat.render.agenda_pdf import Part, page_counts, page_counts_of, part_targets

    ids, foreign = part_targets(renderer, nummern)
    text = source(renderer, teil="steckbriefe", teil_nummern=set(nummern), verweisziele=foreign)

    def lay_out() -> tuple[dict, bytes]:
        # tagged, but not checked as a whole PDF/UA-1 document: a part starts with a level-2
        # heading; the joined annex has the front part's level-1 heading and catalog
        pdf = compile_pdf(text, whole_document=False, what=f"Digitale Agenda, Steckbriefe {nummern[0]}–{nummern[-1]}")
        where, total = destination_pages(pdf)
        return page_counts(ids, [where[f"sb-{i}"] for i in ids], total, foreign), pdf

    meta, pdf = pdf_cache.cached("typst-teil", text, lay_out, lambda meta: page_counts_of(meta, ids))
    return Part(pdf, meta["seiten"], meta["seiten_gesamt"])


def render_front(renderer, parts) -> tuple[bytes, int]:
    """Everything before the Steckbriefe, then their page-number pages: the PDF and its own pages."""
    from digistrat.render import pdf_cache
    from digistrat.render.agenda_pdf import agenda_context

    seiten: dict[str, int] = {}
    for part in parts:
        seiten.update(part.seiten)
    first = f"sb-{agenda_context(renderer)['details'][0].sb.id}"
    text = source(renderer, teil="vorne", seiten=seiten)

    def lay_out() -> tuple[dict, bytes]:
        pdf = compile_pdf(text, what="Digitale Agenda")
        return {"eigene_seiten": destination_pages(pdf)[0][first]}, pdf

    meta, pdf = pdf_cache.cached("typst-vorne", text, lay_out, lambda meta: type(meta.get("eigene_seiten")) is int)
    return pdf, meta["eigene_seiten"]


def destination_pages(pdf: bytes) -> tuple[dict[str, int], int]:
    """The page index of every named destination of ``pdf``, and its number of pages."""
    from io import BytesIO

    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as doc:
        index_of = {page.obj.objgen: i for i, page in enumerate(doc.pages)}
        where: dict[str, int] = {}
        if "/Names" in doc.Root and "/Dests" in doc.Root.Names:
            for name, destination in pikepdf.NameTree(doc.Root.Names.Dests).items():
                where[str(name)] = index_of[destination[0].objgen]
        return where, len(doc.pages)


def compile_pdf(text: str, whole_document: bool = True, what: str = "") -> bytes:
    """Typst source → PDF/UA-1 bytes, without access to files, packages or the network.

    In a forked child where possible: Typst keeps what it laid out in caches for the life of
    the process (about 5 MB per Steckbrief), the child gives it back to the system at once.
    """
    from digistrat.render.forked import call_forked

    status, payload = call_forked(_compile, text, [PDF_STANDARD] if whole_document else [])
    if status == "ok":
        return payload
    # data cannot cause this (typst_text.py); the document's name and Typst's words help a report
    name = f" „{what}“" if what else ""
    raise DigistratError(f"Das PDF{name} konnte nicht gesetzt werden (Typst: {payload}).")


def _compile(text: str, standards: list[str]) -> tuple[str, bytes | str]:
    import typst

    compile_typst: Any = typst.compile  # its stub's type variables do not fit keyword use
    with tempfile.TemporaryDirectory(prefix="digistrat-typst-") as leer:
        try:
            pdf = compile_typst(
                text.encode("utf-8"),
                root=leer,
                package_path=leer,
                package_cache_path=leer,
                pdf_standards=standards,
                pdf_tags=True,
                timestamp=0,
            )
        except typst.TypstError as exc:
            return "fehler", exc.message
    assert isinstance(pdf, bytes)
    return "ok", pdf
