"""``digistrat render``: the annexes of a Beschlussvorlage as Markdown, HTML and PDF.

The library entry points are :func:`render_project` (write documents into a folder) and
:func:`render_document` (one document in memory); the documents are listed in
:data:`digistrat.render.documents.DOKUMENTE`.
"""

from digistrat.render.documents import DOKUMENTE
from digistrat.render.writer import FORMATE, RenderOptions, RenderResult, render_document, render_project

__all__ = ["DOKUMENTE", "FORMATE", "RenderOptions", "RenderResult", "render_document", "render_project"]
