"""The PDF cache (digistrat/render/pdf_cache.py): a second render lays out nothing that did not
change, gives the same bytes, and never trusts an entry it cannot verify."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE

from digistrat.render import agenda_pdf, pdf, pdf_cache, typst_pdf
from digistrat.render.documents import DOKUMENTE
from digistrat.render.writer import Renderer
from digistrat.validation import load_project

# Anlage 3 and one finance block: the cheapest documents to lay out
ARGS = ("--format", "pdf", "-d", "organisation", "-d", "finanzen", "-p", "stadt-heide", "-j", "1")
FILES = ("anlage-3-aufbauorganisation.pdf", "finanzielle-auswirkungen-stadt-heide.pdf", "index.pdf")


@pytest.fixture
def layouts(monkeypatch):
    """Counts the documents WeasyPrint lays out or Typst sets."""
    calls = []
    real_html, real_typst = pdf.html_to_document, typst_pdf.compile_pdf

    def counting(html):
        calls.append(len(html))
        return real_html(html)

    def counting_typst(text, whole_document=True, what=""):
        calls.append(len(text))
        return real_typst(text, whole_document, what)

    monkeypatch.setattr(pdf, "html_to_document", counting)
    monkeypatch.setattr(typst_pdf, "compile_pdf", counting_typst)
    return calls


def _render(cli, out, *extra):
    result = cli("render", EXAMPLE, *ARGS, "--out", out, *extra)
    assert result.code == 0, result.err
    return {name: (out / name).read_bytes() for name in FILES}


def _entries(cache_dir):
    return sorted(cache_dir.rglob("*.pdfcache"))


def test_second_render_lays_out_nothing_and_writes_the_same_bytes(cli, tmp_path, cache_dir, layouts):
    first = _render(cli, tmp_path / "a")
    assert len(layouts) == 3
    assert len(_entries(cache_dir)) == 3
    second = _render(cli, tmp_path / "b")
    assert len(layouts) == 3  # nothing laid out again
    assert second == first


def test_a_changed_document_is_laid_out_again(cli, tmp_path, cache_dir, layouts):
    first = _render(cli, tmp_path / "a")
    changed = _render(cli, tmp_path / "b", "--datum", "2026-12-01")  # the date is printed on every page
    assert len(layouts) == 6
    assert all(changed[name] != first[name] for name in FILES)


def test_without_cache_nothing_is_read_or_written(cli, tmp_path, cache_dir, layouts):
    _render(cli, tmp_path / "a", "--no-cache")
    _render(cli, tmp_path / "b", "--no-cache")
    assert len(layouts) == 6
    assert _entries(cache_dir) == []


@pytest.mark.parametrize(
    "damage",
    ["flip a byte of the PDF", "cut the PDF short", "another key", "another format", "not JSON", "meta not a map"],
)
def test_a_damaged_or_foreign_entry_is_laid_out_again(cli, tmp_path, cache_dir, layouts, damage):
    first = _render(cli, tmp_path / "a")
    for entry in _entries(cache_dir):
        head, _, body = entry.read_bytes().partition(b"\n")
        meta = json.loads(head)
        if damage == "flip a byte of the PDF":
            body = body[:100] + bytes([body[100] ^ 1]) + body[101:]
        elif damage == "cut the PDF short":
            body = body[:-10]
        elif damage == "another key":
            meta["key"] = "0" * 64
        elif damage == "another format":
            meta["format"] = 99
        elif damage == "meta not a map":
            meta["meta"] = []
        head = b"{" if damage == "not JSON" else json.dumps(meta).encode()
        entry.write_bytes(head + b"\n" + body)
    second = _render(cli, tmp_path / "b")
    assert len(layouts) == 6  # every entry refused
    assert second == first


def test_another_weasyprint_is_another_key(cache_dir, monkeypatch):
    import weasyprint

    before = pdf_cache.key("dokument", "<p>x</p>")
    pdf_cache._fingerprint.cache_clear()
    monkeypatch.setattr(weasyprint, "__version__", "0.0-anders")
    try:
        assert pdf_cache.key("dokument", "<p>x</p>") != before
    finally:
        pdf_cache._fingerprint.cache_clear()
    assert pdf_cache.key("dokument", "<p>x</p>") != pdf_cache.key("dokument", "<p>y</p>")


def test_agenda_parts_front_and_join_come_from_the_cache(cache_dir, monkeypatch, layouts):
    """The example's agenda in three parts: the second render lays out nothing, the file is the same."""
    monkeypatch.setattr(typst_pdf, "available", lambda: False)  # WeasyPrint, as for own templates
    monkeypatch.setattr(agenda_pdf, "PART_SIZE", 8)
    project = load_project(EXAMPLE)
    first = Renderer(project, "pdf").render(DOKUMENTE["agenda"])
    assert len(layouts) == 4  # three parts and the front part
    kinds = [json.loads(e.read_bytes().partition(b"\n")[0])["meta"] for e in _entries(cache_dir)]
    assert (
        sorted(sorted(m) for m in kinds)
        == [[], ["eigene_seiten"], ["seiten", "seiten_gesamt"]] + [["seiten", "seiten_gesamt"]] * 2
    )
    second = Renderer(project, "pdf").render(DOKUMENTE["agenda"])
    assert len(layouts) == 4
    assert second == first


@pytest.fixture
def typesettings(monkeypatch):
    """Counts the documents Typst sets."""
    calls = []
    real = typst_pdf.compile_pdf

    def counting(text, whole_document=True, what=""):
        calls.append(whole_document)
        return real(text, whole_document, what)

    monkeypatch.setattr(typst_pdf, "compile_pdf", counting)
    return calls


@pytest.mark.parametrize("part_size", [None, 8])
def test_the_typst_agenda_comes_from_the_cache(cache_dir, monkeypatch, typesettings, part_size):
    """Set by Typst in one flow or in three parts: the second render sets nothing, the file is the same."""
    if part_size:
        monkeypatch.setattr(agenda_pdf, "TYPST_PART_SIZE", part_size)
    project = load_project(EXAMPLE)
    first = Renderer(project, "pdf").render(DOKUMENTE["agenda"])
    assert typesettings == ([False, False, False, True] if part_size else [True])  # parts, then the front
    kinds = sorted(sorted(json.loads(e.read_bytes().partition(b"\n")[0])["meta"]) for e in _entries(cache_dir))
    assert kinds == ([[], ["eigene_seiten"]] + [["seiten", "seiten_gesamt"]] * 3 if part_size else [[]])
    second = Renderer(project, "pdf").render(DOKUMENTE["agenda"])
    assert len(typesettings) == (4 if part_size else 1)
    assert second == first


def test_a_deeply_nested_header_is_refused_not_a_crash(cache_dir):
    """A planted entry whose header nests too deeply for the JSON parser is laid out again."""
    key = pdf_cache.key("dokument", "<p>x</p>")
    pdf_cache.store(key, {}, b"%PDF-1.7 x")
    assert pdf_cache.load(key) == ({}, b"%PDF-1.7 x")
    path = next(iter(_entries(cache_dir)))
    path.write_bytes(b"[" * 100_000 + b"\n%PDF-1.7 x")
    assert pdf_cache.load(key) is None


@pytest.mark.parametrize(
    ("package", "kind"),
    [("fonttools", "dokument"), ("pyphen", "dokument"), ("tinycss2", "dokument"), ("typst", "typst")],
)
def test_another_font_subsetter_or_css_parser_or_typesetter_is_another_key(cache_dir, monkeypatch, package, kind):
    before = pdf_cache.key(kind, "<p>x</p>")
    pdf_cache._fingerprint.cache_clear()
    real = pdf_cache._version
    monkeypatch.setattr(pdf_cache, "_version", lambda name: real(name) + ("-anders" if name == package else ""))
    try:
        assert pdf_cache.key(kind, "<p>x</p>") != before
    finally:
        pdf_cache._fingerprint.cache_clear()


def test_typst_entries_do_not_depend_on_weasyprint(cache_dir, monkeypatch):
    import weasyprint

    typst_key, weasyprint_key = pdf_cache.key("typst", "x"), pdf_cache.key("dokument", "x")
    pdf_cache._fingerprint.cache_clear()
    monkeypatch.setattr(weasyprint, "__version__", "0.0-anders")
    try:
        assert pdf_cache.key("typst", "x") == typst_key and pdf_cache.key("dokument", "x") != weasyprint_key
    finally:
        pdf_cache._fingerprint.cache_clear()


def test_a_user_without_home_still_gets_a_key(cache_dir, monkeypatch):
    """A CI container may run as a user with neither HOME nor an entry in /etc/passwd (Path.home() raises)."""
    import pwd

    def unknown(uid):
        raise KeyError(uid)

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", unknown)
    pdf_cache._fingerprint.cache_clear()
    try:
        assert pdf_cache.key("dokument", "<p>x</p>") is not None
    finally:
        pdf_cache._fingerprint.cache_clear()


def test_fontconfig_configuration_and_font_folders_are_part_of_the_key(cache_dir, monkeypatch, tmp_path):
    """An alias in FONTCONFIG_FILE picks another font for the same HTML; a font copied into
    ~/.fonts is seen by fontconfig before its cache is rewritten (while laying out, after the key)."""
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "FONTCONFIG_FILE", "FONTCONFIG_PATH"):
        monkeypatch.delenv(name, raising=False)

    def key():
        pdf_cache._fingerprint.cache_clear()
        return pdf_cache.key("dokument", "<p>x</p>")

    try:
        keys = [key()]
        conf = tmp_path / "fonts.conf"
        conf.write_text("<fontconfig/>", encoding="utf-8")
        monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
        keys.append(key())
        conf.write_text("<fontconfig><alias><family>DejaVu Sans</family></alias></fontconfig>", encoding="utf-8")
        keys.append(key())
        (home / ".fonts" / "neu").mkdir()  # the folder's time changes, as when a font is copied in
        keys.append(key())
    finally:
        pdf_cache._fingerprint.cache_clear()
    assert len(set(keys)) == 4


def test_the_cache_is_within_its_bound_after_a_pdf_render(cli, tmp_path, cache_dir, monkeypatch):
    """PDF entries are large: the bound is kept at the end of the render, not only when the next
    command loads a project (which had pruned just before this render added them)."""
    from digistrat.loading import cache

    def total() -> int:
        return sum(p.stat().st_size for p in cache_dir.rglob("*") if p.is_file())

    _render(cli, tmp_path / "a")
    pdfs = sum(p.stat().st_size for p in _entries(cache_dir))
    assert len(_entries(cache_dir)) == 3
    full = total()
    for entry in _entries(cache_dir):
        entry.unlink()
    monkeypatch.setattr(cache, "MAX_BYTES", full - pdfs // 2)  # room for half of the PDF entries
    _render(cli, tmp_path / "b")  # loading pruned first (nothing to drop), then the entries were added
    assert total() <= cache.MAX_BYTES
