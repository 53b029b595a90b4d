"""``digistrat render``: the annexes of a Beschlussvorlage as Markdown, HTML and PDF.

The library entry points are :func:`render_project` (write documents into a folder) and
:func:`render_document` (one document in memory); the documents are listed in
:data:`digistrat.render.documents.DOKUMENTE`. Names are imported on first use (PEP 562), so
importing a submodule does not pull in the whole renderer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digistrat.render.documents import DOKUMENTE
    from digistrat.render.writer import FORMATE, RenderOptions, RenderResult, render_document, render_project

_HOMES = {
    "DOKUMENTE": "digistrat.render.documents",
    "FORMATE": "digistrat.render.writer",
    "RenderOptions": "digistrat.render.writer",
    "RenderResult": "digistrat.render.writer",
    "render_document": "digistrat.render.writer",
    "render_project": "digistrat.render.writer",
}

__all__ = ["DOKUMENTE", "FORMATE", "RenderOptions", "RenderResult", "render_document", "render_project"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
