"""HTML → PDF with WeasyPrint, the optional extra ``digistrat[pdf]``.

The HTML documents carry their own print stylesheet (A4, page breaks, running header and footer
with "Seite N von M" in @page margin boxes), so the PDF is the HTML as printed, tagged as PDF/UA-1.
"""

from __future__ import annotations

import logging

from digistrat.errors import DigistratError

INSTALL_HINT = (
    'Für PDF werden Typst und WeasyPrint benötigt. Bitte installieren mit: pip install "digistrat[pdf]" '
    "(unter Linux zusätzlich die Pakete für Pango, z. B. „apt install libpango-1.0-0 "
    "libpangoft2-1.0-0“). Markdown und HTML gehen ohne."
)


PDF_VARIANT = "pdf/ua-1"  # accessible PDF for public bodies (BITV 2.0)
_OPTIONS = {"uncompressed_pdf": False, "pdf_variant": PDF_VARIANT}


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the Python package is there but Pango is missing
        raise DigistratError(INSTALL_HINT) from None
    # WeasyPrint logs every CSS property it ignores; the documents are tested, users need not see that
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def check_available(project=None) -> None:
    """Fail early, before anything is written, when PDF output is asked for without the
    typesetter it needs: Typst for the bundled documents, WeasyPrint for a project's own HTML
    templates (and for everything when Typst is missing)."""
    from digistrat.render import typst_pdf

    if project is not None and typst_pdf.available() and not typst_pdf.needs_html_templates(project):
        return
    _weasyprint()


def html_to_document(html: str):
    """Lay out one self-contained HTML document (no base URL: nothing is fetched)."""
    weasyprint = _weasyprint()

    def no_fetch(url, *args, **kwargs):
        raise ValueError(f"digistrat lädt keine externen Ressourcen: {url}")

    # the same options as for writing: WeasyPrint lays out tagged documents for PDF/UA
    return weasyprint.HTML(string=html, url_fetcher=no_fetch).render(**_OPTIONS)


def write_document(document) -> bytes:
    """A laid-out document as PDF bytes.

    PDF/UA-1: a tagged PDF (structure tree with headings, lists, tables with header cells, figures
    with their SVG <title> as alternative text), /Lang from <html lang="de">, the <title> as title.
    """
    return document.write_pdf(**_OPTIONS)


def html_to_pdf(html: str) -> bytes:
    """One self-contained HTML document → PDF bytes (from the PDF cache when laid out before)."""
    from digistrat.render import pdf_cache

    return pdf_cache.cached("dokument", html, lambda: ({}, write_document(html_to_document(html))))[1]
