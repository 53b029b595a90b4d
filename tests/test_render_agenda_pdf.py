"""Anlage 2 as PDF in parts (render/agenda_pdf.py, render/pdf_join.py) is the document rendered in
one piece: same pages and texts, page numbers, links, bookmarks and tag structure. Both ways of
setting it: Typst (render/typst_pdf.py, the default) and WeasyPrint (a project's own templates)."""

from __future__ import annotations

from collections import Counter
from io import BytesIO

import pikepdf
import pytest
from conftest import EXAMPLE, without_cache

from digistrat.render import agenda_pdf, typst_pdf
from digistrat.render.documents import DOKUMENTE
from digistrat.render.writer import Renderer, RenderOptions, render_project
from digistrat.validation import load_project

PART_SIZE = 8  # the example's 22 Steckbriefe in three parts (8, 8, 6)
# pages of the example's agenda, named destinations (22 Steckbriefe with their titles in
# WeasyPrint, the sections before them) and table header cells
EXPECTED = {"weasyprint": {"pages": 62, "dests": 51, "th": 500}, "typst": {"pages": 60, "dests": 26, "th": 300}}


@pytest.fixture(scope="module")
def project():
    return load_project(EXAMPLE)


@pytest.fixture(scope="module", params=["typst", "weasyprint"])
def engine(request):
    return request.param


def use_engine(mp, engine: str, part_size: int | None = None) -> None:
    """Set the agenda with ``engine``, in parts of ``part_size`` Steckbriefe when given."""
    if engine == "weasyprint":
        mp.setattr(typst_pdf, "available", lambda: False)
    if part_size is not None:
        mp.setattr(agenda_pdf, "TYPST_PART_SIZE" if engine == "typst" else "PART_SIZE", part_size)


@pytest.fixture(scope="module")
def whole(project, engine):
    with pytest.MonkeyPatch.context() as mp, without_cache():  # both renders lay out (tests/test_pdf_cache.py)
        use_engine(mp, engine)
        return _whole(project)


def _whole(project):
    renderer = Renderer(project, "pdf")
    assert agenda_pdf.plan_parts(renderer, DOKUMENTE["agenda"]) is None  # 22 Steckbriefe: one piece
    return renderer.render(DOKUMENTE["agenda"])


@pytest.fixture(scope="module")
def joined(project, engine):
    with pytest.MonkeyPatch.context() as mp, without_cache():
        use_engine(mp, engine, PART_SIZE)
        renderer = Renderer(project, "pdf")
        assert [len(p) for p in agenda_pdf.plan_parts(renderer, DOKUMENTE["agenda"])] == [8, 8, 6]
        assert agenda_pdf.plan_parts(renderer, DOKUMENTE["strategie"]) is None  # only the agenda
        return renderer.render(DOKUMENTE["agenda"])


def test_typst_sets_the_documents_unless_the_project_brings_templates(project, tmp_path):
    import shutil

    assert all(typst_pdf.applies(Renderer(project, "pdf"), dok) for dok in DOKUMENTE.values())
    assert not typst_pdf.applies(Renderer(project, "html"), DOKUMENTE["agenda"])
    shutil.copytree(EXAMPLE, tmp_path / "p")
    (tmp_path / "p" / "templates").mkdir()
    (tmp_path / "p" / "templates" / "agenda.html.j2").write_text("{{ 1 }}", encoding="utf-8")
    renderer = Renderer(load_project(tmp_path / "p"), "pdf")
    assert not typst_pdf.applies(renderer, DOKUMENTE["agenda"])  # the project's own agenda
    assert typst_pdf.applies(renderer, DOKUMENTE["strategie"])  # the others as before
    (tmp_path / "p" / "templates" / "stil.css.j2").write_text("", encoding="utf-8")
    renderer = Renderer(load_project(tmp_path / "p"), "pdf")
    assert not any(typst_pdf.applies(renderer, dok) for dok in DOKUMENTE.values())  # shared by all


def page_texts(data: bytes) -> list[str]:
    """The text of every page as laid out (poppler's pdftotext: by position, not drawing order)."""
    import subprocess

    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def test_same_pages_and_texts(whole, joined, engine):
    expected, actual = page_texts(whole), page_texts(joined)
    pages = EXPECTED[engine]["pages"]
    assert len(actual) == len(expected) == pages
    assert actual == expected
    assert f"Seite {pages} von {pages}" in actual[-1]
    assert "Fortsetzung: Steckbrief DD-18 Netzwerk der Digitalisierungsmanager*innen" in actual[7]


def _dests(pdf) -> dict[str, tuple]:
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    return {
        name: (index[dest[0].objgen], *(round(float(v), 2) for v in list(dest)[2:4]))
        for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()
    }


def _links(pdf) -> list[Counter]:
    return [
        Counter(
            (str(a.get("/Dest", "")), tuple(round(float(v), 2) for v in a.Rect)) for a in page.obj.get("/Annots", [])
        )
        for page in pdf.pages
    ]


def _outline(pdf) -> list:
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

    def walk(items, depth):
        for item in items:
            yield depth, item.title, index[item.destination[0].objgen]
            yield from walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        return list(walk(outline.root, 0))


def test_same_links_destinations_and_bookmarks(whole, joined, engine):
    a, b = pikepdf.open(BytesIO(whole)), pikepdf.open(BytesIO(joined))
    assert _dests(b) == _dests(a)
    assert len(_dests(b)) == EXPECTED[engine]["dests"]
    assert _links(b) == _links(a)
    assert _outline(b) == _outline(a)
    assert "sb-DD-09" in {str(a.get("/Dest")) for p in b.pages for a in p.obj.get("/Annots", [])}


def _structure(pdf) -> tuple[Counter, list[int], list[str], int]:
    """Element types, the MCIDs mapped per page, every table header id, the keys of the parent tree."""
    kinds: Counter = Counter()
    ids: list[str] = []
    stack = list(pdf.Root.StructTreeRoot.K)
    pages = {page.obj.objgen for page in pdf.pages}
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/StructElem":
            kinds[str(node.S)] += 1
            # every page an element names is a page of the file (Typst names none for an
            # element whose content lies in its children, which name theirs)
            assert "/Pg" not in node or node.Pg.objgen in pages
            if "/ID" in node:
                ids.append(str(node.ID))
            stack.extend(node.K)
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    per_page = [len(tree[int(page.obj.StructParents)]) for page in pdf.pages]
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            owner = tree[int(annot.StructParent)]  # the element holding the annotation's object reference
            assert annot.objgen in [k.Obj.objgen for k in owner.K if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
    return kinds, per_page, ids, len(tree)


def test_same_tag_structure(whole, joined, engine):
    a, b = pikepdf.open(BytesIO(whole)), pikepdf.open(BytesIO(joined))
    kinds_a, per_page_a, ids_a, keys_a = _structure(a)
    kinds_b, per_page_b, ids_b, keys_b = _structure(b)
    assert keys_b == keys_a and int(b.Root.StructTreeRoot.ParentTreeNextKey) == keys_b
    assert kinds_b == kinds_a
    assert kinds_b["/TH"] > EXPECTED[engine]["th"] and kinds_b["/Link"] > 40
    assert per_page_b == per_page_a
    assert len(ids_b) == len(ids_a) == len(set(ids_b))  # header ids stay unique across parts
    assert b.Root.MarkInfo.Marked and str(b.Root.Lang) == "de"
    assert str(b.docinfo.Title) == str(a.docinfo.Title)


def test_page_numbers_are_artifacts_over_the_steckbrief_pages(joined):
    pdf = pikepdf.open(BytesIO(joined))
    page = pdf.pages[30]
    assert "/DsSeitenzahl" in page.Resources.XObject
    tail = page.obj.Contents[-1].read_bytes()
    assert tail.startswith(b"Q\n/Artifact BMC q /DsSeitenzahl")
    overlay = page.Resources.XObject[tail.split()[4].decode()]
    assert b"BDC" not in overlay.read_bytes()  # no marked content outside the structure tree


def test_parts_in_workers_give_the_same_file(project, joined, engine, tmp_path, monkeypatch):
    use_engine(monkeypatch, engine, PART_SIZE)
    opts = RenderOptions(format="pdf", ausgabe=tmp_path, dokumente=("agenda",), jobs=2)
    with without_cache():
        render_project(project, opts)
    assert (tmp_path / "anlage-2-digitale-agenda.pdf").read_bytes() == joined


def test_own_agenda_templates_render_in_one_piece(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "p")
    (tmp_path / "p" / "templates").mkdir()
    (tmp_path / "p" / "templates" / "stil.css.j2").write_text("@page { size: A5; }\n", encoding="utf-8")
    monkeypatch.setattr(agenda_pdf, "PART_SIZE", PART_SIZE)
    assert agenda_pdf.plan_parts(Renderer(load_project(tmp_path / "p"), "pdf"), DOKUMENTE["agenda"]) is None
