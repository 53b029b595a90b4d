"""Find the project root and the files that belong to a project (format v1, "Files of a project")."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from digistrat.errors import DigistratError, ProjectNotFound

MARKER = "strategie.yaml"
# file name at the project root → schema kind
ROOT_FILES = {
    "strategie.yaml": "strategie",
    "partner.yaml": "partner",
    "agenda.yaml": "agenda",
    "foerderprogramme.yaml": "foerderprogramme",
    "digistrat.yaml": "config",
}
REQUIRED_FILES = ("strategie.yaml", "partner.yaml", "agenda.yaml")
STECKBRIEF_DIR = "steckbriefe"


@dataclass(frozen=True)
class SourceFile:
    """One file of a project. ``rel`` is relative to the project root; ``display`` is what users see."""

    path: Path
    rel: str
    display: str
    kind: str

    @property
    def stem(self) -> str:
        return self.path.stem


def display_path(path: Path) -> str:
    """Path relative to the working directory when it lies below it, with forward slashes."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return path.as_posix()
    if rel.startswith(".."):
        return Path(path).as_posix()
    return Path(rel).as_posix()


def find_root(start: str | os.PathLike) -> Path:
    """The folder holding ``strategie.yaml``, searching upwards from ``start`` like git does."""
    p = Path(start)
    if not p.exists():
        raise DigistratError(f"Den Pfad „{start}“ gibt es nicht.")
    p = p.resolve()
    here = p if p.is_dir() else p.parent
    for candidate in (here, *here.parents):
        if (candidate / MARKER).is_file():
            return candidate
    shown = display_path(here)
    where = "im aktuellen Ordner" if shown == "." else f"in {shown}"
    raise ProjectNotFound(
        f"Kein digistrat-Projekt gefunden: Weder {where} noch in einem übergeordneten Ordner "
        f"liegt eine Datei „{MARKER}“."
    )


def discover(root: Path) -> list[SourceFile]:
    """All project files in a stable order: the root files, then Steckbriefe sorted by path."""
    files: list[SourceFile] = []
    for name, kind in ROOT_FILES.items():
        p = root / name
        if p.is_file():
            files.append(SourceFile(p, name, display_path(p), kind))
    sb_dir = root / STECKBRIEF_DIR
    if sb_dir.is_dir():
        found = sorted(sb_dir.rglob("*.yaml"), key=lambda q: q.relative_to(root).as_posix())
        for p in found:
            if p.is_file():
                rel = p.relative_to(root).as_posix()
                files.append(SourceFile(p, rel, display_path(p), "steckbrief"))
    return files
