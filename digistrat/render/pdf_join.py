"""Join the parts of a long agenda into one tagged PDF (see :mod:`digistrat.render.agenda_pdf`).

Input: the *front* PDF (the annex up to the Steckbriefe, then one empty page for every Steckbrief
page, carrying only the page number) and the Steckbrief parts in order (each possibly followed by
one page of anchors for links outside the part). Output: the front's own pages, then the
Steckbrief pages of every part, each with the page number of the matching empty front page drawn
over it as an artifact; one structure tree, one parent tree, one table of named destinations and
one outline.

WeasyPrint builds the structure tree page by page (every element of the /Document has the page
it is on as /Pg) and numbers the parent tree by page index, annotations after the pages; so the
tree of a kept page moves whole, renumbered. pikepdf (qpdf) copies objects between files with one
map per source file, so a page and the elements pointing at it stay connected.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

ARTIFACT_NAME = "DsSeitenzahl"


def join(front: bytes, front_pages: int, parts: list[tuple[bytes, int]]) -> bytes:
    """The joined PDF; ``parts``: (PDF, number of Steckbrief pages to take from it)."""
    import pikepdf

    out = pikepdf.open(BytesIO(front))
    overlays = [_page_number_overlay(out, out.pages[i]) for i in range(front_pages, len(out.pages))]
    tree = _Tree(out, front_pages)
    while len(out.pages) > front_pages:
        del out.pages[-1]
    names = _Names(out)
    names.add_from(out, range(front_pages), offset=0)
    outline_parts = []
    for number, (data, take) in enumerate(parts):
        source = pikepdf.open(BytesIO(data))
        first = len(out.pages)
        for index in range(take):
            out.pages.append(source.pages[index])
        tree.add_part(source, take, first, prefix=f"t{number}-")
        names.add_from(source, range(take), offset=first)
        outline_parts.append(_outline_items(source, first))
        source.close()  # qpdf has copied what it needs; a part's objects need not stay in memory
    for page, overlay in zip(out.pages[front_pages:], overlays, strict=True):
        _draw_over(page, overlay)
    tree.finish()
    names.finish()
    _join_outlines(out, outline_parts)
    buffer = BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def _page_number_overlay(pdf, page):
    """The empty front page as a form XObject: its page number, without marked-content tags."""
    import pikepdf

    xobject = page.as_form_xobject()
    kept = [
        item
        for item in pikepdf.parse_content_stream(xobject)
        if str(item.operator) not in ("BDC", "BMC", "EMC", "MP", "DP")
    ]
    xobject.write(pikepdf.unparse_content_stream(kept))
    return xobject


def _draw_over(page, xobject) -> None:
    import pikepdf

    resources = page.obj.Resources
    if "/XObject" not in resources:
        resources.XObject = pikepdf.Dictionary()
    name = "/" + ARTIFACT_NAME
    while name in resources.XObject:  # a fixed name, not pikepdf's random one: the same file every time
        name += "_"
    resources.XObject[name] = xobject
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n/Artifact BMC q " + name.encode() + b" Do Q EMC\n")


class _Tree:
    """The structure tree and parent tree of the joined file.

    A page's and an annotation's entries in the parent tree are found by their own keys
    (/StructParents, /StructParent): WeasyPrint numbers pages first, Typst annotations first.
    An element without /Pg (Typst's tables span pages) stays with its part."""

    def __init__(self, out, front_pages: int):
        import pikepdf

        self.out = out
        self.root = out.Root.StructTreeRoot
        self.document = self.root.K[0]
        old = _nums(self.root.ParentTree)
        kept_pages = {out.pages[i].obj.objgen for i in range(front_pages)}
        self.document.K = pikepdf.Array([e for e in self.document.K if _on_pages(e, kept_pages)])
        self.pages: list = [_page_entry(out.pages[i], old) for i in range(front_pages)]  # by page index
        self.annotations: list = []  # (annotation, value)
        for i in range(front_pages):
            self._collect_annotations(out.pages[i], old)

    def _collect_annotations(self, page, old: dict) -> None:
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                self.annotations.append((annotation, old[int(annotation.StructParent)]))

    def add_part(self, source, take: int, first: int, prefix: str) -> None:
        import pikepdf

        old = _nums(source.Root.StructTreeRoot.ParentTree)
        kept = {source.pages[i].obj.objgen for i in range(take)}
        elements = [e for e in source.Root.StructTreeRoot.K[0].K if _on_pages(e, kept)]
        for element in elements:
            del element["/P"]  # copy the subtree, not the part's whole tree above it
            _prefix_ids(element, prefix)
        copied = self.out.copy_foreign(source.make_indirect(pikepdf.Array(elements)))
        for element in copied:
            element.P = self.document
            self.document.K.append(element)
        for index in range(take):
            value = _page_entry(source.pages[index], old)
            self.pages.append(None if value is None else self.out.copy_foreign(source.make_indirect(value)))
        for index in range(take):
            page = self.out.pages[first + index]
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    value = old[int(annotation.StructParent)]
                    self.annotations.append((annotation, self.out.copy_foreign(value)))

    def finish(self) -> None:
        import pikepdf

        nums = pikepdf.Array()
        for key, value in enumerate(self.pages):
            page = self.out.pages[key].obj
            if value is None:  # a page without tagged content
                if "/StructParents" in page:
                    del page["/StructParents"]
                continue
            page.StructParents = key
            nums.extend([key, value])  # type: ignore[list-item]  # pikepdf converts ints
        for key, (annotation, value) in enumerate(self.annotations, start=len(self.pages)):
            annotation.StructParent = key
            nums.extend([key, value])  # type: ignore[list-item]  # pikepdf converts ints
        self.root.ParentTree = self.out.make_indirect(pikepdf.Dictionary(Nums=nums))
        self.root.ParentTreeNextKey = len(self.pages) + len(self.annotations)
        if "/IDTree" in self.root:  # Typst: the ids of table header cells, now with the parts' prefixes
            self.root.IDTree = _id_tree(self.out, self.document)


def _on_pages(element, pages: set) -> bool:
    """An element of a kept page, or one without a page of its own."""
    return "/Pg" not in element or element.Pg.objgen in pages


def _page_entry(page, old: dict):
    """A page's entry in the parent tree (the elements of its marked content), or None."""
    key = page.obj.get("/StructParents")
    return None if key is None else old.get(int(key))


def _id_tree(out, document):
    """A name tree of every element's /ID under ``document``."""
    import pikepdf

    tree = pikepdf.NameTree.new(out)
    found: dict[str, Any] = {}
    stack = [document]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if "/ID" in node:
            found[str(node.ID)] = node
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
    for name in sorted(found):
        tree[name] = found[name]
    return tree.obj


def _nums(parent_tree) -> dict:
    """WeasyPrint writes the parent tree as one flat /Nums array."""
    flat = list(parent_tree.Nums)
    return {int(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _prefix_ids(element, prefix: str) -> None:
    """Table header ids are unique per part only (WeasyPrint builds them from object numbers)."""
    import pikepdf

    stack = [element]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") != "/StructElem":
            continue
        if "/ID" in node:
            node.ID = pikepdf.String(prefix + str(node.ID))
        attributes = node.get("/A")
        if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            attributes.Headers = pikepdf.Array([pikepdf.String(prefix + str(h)) for h in attributes.Headers])
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)


class _Names:
    """Named destinations of the joined file: the first anchor of a name wins, as in WeasyPrint."""

    def __init__(self, out):
        self.out = out
        self.destinations: dict[str, tuple[int, list]] = {}  # name -> (page index, /XYZ x y zoom)

    def add_from(self, source, page_indexes: range, offset: int) -> None:
        import pikepdf

        if "/Names" not in source.Root or "/Dests" not in source.Root.Names:
            return
        index_of = {source.pages[i].obj.objgen: i for i in page_indexes}
        for name, destination in pikepdf.NameTree(source.Root.Names.Dests).items():
            index = index_of.get(destination[0].objgen)
            if index is None or name in self.destinations:
                continue
            self.destinations[name] = (offset + index, list(destination)[1:])

    def finish(self) -> None:
        import pikepdf

        tree = pikepdf.NameTree.new(self.out)
        for name in sorted(self.destinations):
            index, rest = self.destinations[name]
            tree[name] = pikepdf.Array([self.out.pages[index].obj, *rest])
        if "/Names" not in self.out.Root:
            self.out.Root.Names = pikepdf.Dictionary()
        self.out.Root.Names.Dests = tree.obj


def _outline_items(source, first: int) -> list[tuple]:
    """A part's bookmarks as (title, closed, page in the joined file, /XYZ arguments, children)."""
    index_of = {page.obj.objgen: i for i, page in enumerate(source.pages)}

    def plain(item) -> tuple:
        destination = list(item.destination)
        page = first + index_of[destination[0].objgen]
        return (
            item.title,
            item.is_closed,
            page,
            [str(destination[1]), *destination[2:]],
            [plain(c) for c in item.children],
        )

    with source.open_outline() as outline:
        return [plain(item) for item in outline.root]


def _join_outlines(out, parts: list[list[tuple]]) -> None:
    """The Steckbriefe's bookmarks go under the annex's title, after the front's own."""
    import pikepdf

    def build(entry):
        title, closed, page, rest, children = entry
        item = pikepdf.OutlineItem(
            title, destination=pikepdf.Array([out.pages[page].obj, pikepdf.Name(rest[0]), *rest[1:]])
        )
        item.is_closed = closed
        item.children.extend(build(child) for child in children)
        return item

    with out.open_outline() as outline:
        if not outline.root:
            return
        parent = outline.root[-1]
        for items in parts:
            parent.children.extend(build(entry) for entry in items)
