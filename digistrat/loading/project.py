"""Find the project root and the files that belong to a project (format v1, "Files of a project")."""

from __future__ import annotations

import os
from collections.abc import Iterator
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
        # paths below the root by string (relative_to and relpath per file were most of the time of
        # a warm validate of 10,000 files); relpath is lexical, so unless the working directory lies
        # inside the project, a display path is the root's display path and rel
        prefix = len(str(sb_dir)) - len(STECKBRIEF_DIR)
        base = display_path(root).rstrip("/")
        inside = root in Path(os.getcwd()).parents
        found = sorted((path[prefix:].replace(os.sep, "/"), path) for path in _yaml_files(str(sb_dir)))
        for rel, path in found:
            p = Path(path)
            shown = display_path(p) if inside else rel if base == "." else f"{base}/{rel}"
            files.append(SourceFile(p, rel, shown, "steckbrief"))
    return files


def _yaml_files(folder: str) -> Iterator[str]:
    """The files ``Path(folder).rglob("*.yaml")`` finds that are files (``is_file``), with one
    ``scandir`` per folder instead of a stat per file: links to files count, links to folders are
    not followed, unreadable folders are left out (DS031 reports them)."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except PermissionError:
        return
    for entry in entries:
        try:
            if os.path.normcase(entry.name).endswith(".yaml") and entry.is_file():
                yield entry.path
            elif entry.is_dir() and not entry.is_symlink():
                yield from _yaml_files(entry.path)
        except OSError:
            continue
