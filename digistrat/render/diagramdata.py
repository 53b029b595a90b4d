"""The data the diagrams draw, shared by the SVG (HTML, PDF) and Mermaid (Markdown) drawings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RoadmapZeile:
    """One Steckbrief on the roadmap: its position in the Umsetzungsreihenfolge and its time span."""

    nr: int
    id: str
    titel: str
    status: str
    von: dt.date | None  # None: neither zeitraum nor dated Hauptaktivitäten
    bis: dt.date | None
    # format v1.1: (titel, day, zustand) with zustand erreicht (day reached), ueberfaellig or offen (day due)
    meilensteine: tuple[tuple[str, dt.date, str], ...] = ()


@dataclass(frozen=True)
class MatrixEintrag:
    """One rated Steckbrief in the Relevanz × Realisierbarkeit matrix (both 1..5)."""

    nr: int
    id: str
    titel: str
    relevanz: int
    realisierbarkeit: int
