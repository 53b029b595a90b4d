"""Files under ``steckbriefe/`` that look like Steckbriefe but would be skipped (DS031).

A Steckbrief that is not read is missing from every total without a word, so each of these is
an error: a ``*.yml`` file (only ``*.yaml`` is read), a FIFO or other special file, a folder or
a dangling link named ``*.yaml``, and a subfolder that cannot be read. Hidden files (editor
back-ups such as ``.MK-01.yaml.swp``) are left alone.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from digistrat import catalog
from digistrat.findings import Finding, Severity
from digistrat.loading.project import REQUIRED_FILES, ROOT_FILES, STECKBRIEF_DIR, display_path

CODE = catalog.DATEI_UEBERSEHEN
OPTIONAL_ROOT_FILES = [n for n in ROOT_FILES if n not in REQUIRED_FILES]


def _finding(path: Path, message: str) -> Finding:
    return Finding(CODE[0], CODE[1], Severity.FEHLER, message, display_path(path), (), None, None)


def check_skipped_files(root: Path) -> Iterator[Finding]:
    """DS031 for every entry under ``steckbriefe/`` that looks like a Steckbrief but is not read,
    and for ``foerderprogramme.yml`` or ``digistrat.yml`` at the root (the required files: DS028)."""
    for name in OPTIONAL_ROOT_FILES:
        wrong = root / (name[: -len(".yaml")] + ".yml")
        if wrong.is_file() and not (root / name).exists():
            yield _finding(
                wrong, f"„{wrong.name}“ wird nicht gelesen: Der Name muss „{name}“ lauten. Bitte umbenennen."
            )
    folder = root / STECKBRIEF_DIR
    if folder.is_dir():
        yield from _walk(folder)


def _walk(folder: Path) -> Iterator[Finding]:
    """One ``scandir`` per folder; the entry types come with the listing (no stat per file)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        yield _finding(
            folder,
            "Der Ordner kann nicht gelesen werden (keine Berechtigung); die Steckbriefe darin fehlen in "
            "jeder Prüfung und Rechnung. Bitte die Berechtigung ändern (chmod) oder den Ordner entfernen.",
        )
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if name.endswith(".yaml"):
                yield _finding(
                    Path(entry.path), f"„{name}“ ist ein Ordner, keine Datei; als Steckbrief wird er nicht gelesen."
                )
            else:
                yield from _walk(Path(entry.path))
        elif not name.endswith((".yaml", ".yml")):
            continue
        elif entry.is_file(follow_symlinks=False):
            if name.endswith(".yml"):
                yield _finding(
                    Path(entry.path),
                    f"„{name}“ wird nicht gelesen: Steckbriefe enden auf .yaml. Bitte in „{name[:-4]}.yaml“ umbenennen.",
                )
        else:
            finding = _check_special(Path(entry.path))
            if finding is not None:
                yield finding


def _check_special(path: Path) -> Finding | None:
    """A link or a special file named like a Steckbrief."""
    name = path.name
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None  # gone since the folder was listed
    if stat.S_ISLNK(mode):
        if not path.exists():
            return _finding(
                path,
                f"„{name}“ ist ein Verweis (Link) auf eine Datei, die es nicht gibt; der Steckbrief wird nicht gelesen.",
            )
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode) and name.endswith(".yaml"):
            return _finding(path, f"„{name}“ ist ein Ordner, keine Datei; als Steckbrief wird er nicht gelesen.")
        if stat.S_ISREG(mode) and name.endswith(".yml"):
            return _finding(
                path,
                f"„{name}“ wird nicht gelesen: Steckbriefe enden auf .yaml. Bitte in „{name[:-4]}.yaml“ umbenennen.",
            )
    if stat.S_ISLNK(mode) or stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "eine Pipe (FIFO)" if stat.S_ISFIFO(mode) else "keine gewöhnliche Datei"
    return _finding(path, f"„{name}“ ist {kind}; als Steckbrief wird sie nicht gelesen.")
