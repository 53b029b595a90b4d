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
    if not folder.is_dir():
        return
    unreadable: list[OSError] = []
    for here, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files + [d for d in dirs if d.endswith((".yaml", ".yml"))]):
            if name.startswith("."):
                continue
            finding = _check_entry(Path(here) / name)
            if finding is not None:
                yield finding
    for exc in sorted(unreadable, key=lambda e: str(e.filename)):
        yield _finding(
            Path(exc.filename),
            "Der Ordner kann nicht gelesen werden (keine Berechtigung); die Steckbriefe darin fehlen in "
            "jeder Prüfung und Rechnung. Bitte die Berechtigung ändern (chmod) oder den Ordner entfernen.",
        )


def _check_entry(path: Path) -> Finding | None:
    name = path.name
    if not name.endswith((".yaml", ".yml")):
        return None
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None  # gone since the folder was listed
    if stat.S_ISLNK(mode):
        if not path.exists():
            return _finding(
                path,
                f"„{name}“ ist ein Verweis (Link) auf eine Datei, die es nicht gibt; "
                "der Steckbrief wird nicht gelesen.",
            )
        mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        if name.endswith(".yaml"):
            return _finding(path, f"„{name}“ ist ein Ordner, keine Datei; als Steckbrief wird er nicht gelesen.")
        return None
    if not stat.S_ISREG(mode):
        kind = "eine Pipe (FIFO)" if stat.S_ISFIFO(mode) else "keine gewöhnliche Datei"
        return _finding(path, f"„{name}“ ist {kind}; als Steckbrief wird sie nicht gelesen.")
    if name.endswith(".yml"):
        return _finding(
            path,
            f"„{name}“ wird nicht gelesen: Steckbriefe enden auf .yaml. Bitte in „{name[:-4]}.yaml“ umbenennen.",
        )
    return None
