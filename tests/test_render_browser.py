"""The HTML documents in a real browser: headless Chromium prints each to PDF, without a single
console message (a blocked request, a CSP violation or a script error would log one).

Chromium is Debian's ``chromium`` package, installed by ``.ci/run``; without it this test fails
(on purpose: a skipped browser test would let broken HTML through unnoticed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE

pytestmark = pytest.mark.slow

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
    "--enable-logging=stderr",
    "--v=0",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "Chromium fehlt: bitte „apt-get install chromium“ ausführen (in CI installiert .ci/run es). "
        "Chromium is required for this test; it is not skipped on purpose."
    )


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> list[str]:
    """Print ``html`` with headless Chromium; returns the console lines Chromium logged."""
    result = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def test_console_check_catches_a_blocked_request(tmp_path):
    """The detector itself: a page that tries to load an image and run a script is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><meta http-equiv='
        '"Content-Security-Policy" content="default-src \'none\'"><title>x</title></head><body>'
        '<img src="http://192.0.2.1/x.png"><script>x()</script></body></html>',
        encoding="utf-8",
    )
    console = print_to_pdf(bad, tmp_path / "bad.pdf", tmp_path / "profile")
    assert len(console) == 2, console


@pytest.fixture(scope="module")
def html_files(tmp_path_factory) -> list[Path]:
    from digistrat.render import RenderOptions, render_project
    from digistrat.validation import load_project

    out = tmp_path_factory.mktemp("html")
    result = render_project(load_project(EXAMPLE), RenderOptions(format="html", ausgabe=out))
    return result.files


def test_every_document_prints_without_console_messages(html_files, tmp_path):
    from pypdf import PdfReader

    assert len(html_files) == 14
    for html in html_files:
        pdf = tmp_path / f"{html.stem}.pdf"
        console = print_to_pdf(html, pdf, tmp_path / "profile")
        assert console == [], (html.name, console)
        reader = PdfReader(pdf)
        first = reader.pages[0]
        # A4 from the stylesheet's @page rule: 210 × 297 mm = 595.3 × 841.9 pt
        assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842), html.name
        text = first.extract_text()
        assert "Dithmarschen Digital" in text, html.name
        assert f"Seite 1 von {len(reader.pages)}" in text, html.name


def test_steckbriefe_start_on_new_pages_when_printed(html_files, tmp_path):
    from pypdf import PdfReader

    agenda = next(p for p in html_files if p.name == "anlage-2-digitale-agenda.html")
    pdf = tmp_path / "agenda.pdf"
    assert print_to_pdf(agenda, pdf, tmp_path / "profile") == []
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    for kicker in ("Position 1 von 22 in", "Position 2 von 22 in", "Position 22 von 22 in"):
        (page,) = [text for text in pages if kicker in text]
        # nothing but the running header and footer comes before the Steckbrief on its page
        before = page[: page.index(kicker)]
        before = before.replace("Drucksache 2022/1218 · Anlage 2: Digitale Agenda", "")
        before = before.replace("Stand 01.10.2026", "").replace("Dithmarschen Digital – Anlage 2: Digitale Agenda", "")
        assert re.fullmatch(r"\s*(Seite \d+ von \d+)?\s*Handlungsfeld [^\n]+ · ", before), before
