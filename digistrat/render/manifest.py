"""The output folder's manifest: ``render`` replaces only files that it wrote itself.

``render --out ordner`` writes ``.digistrat-dateien.json`` into the folder, listing every file
name it has written there. Before it writes anything, every file it is about to write that
already exists must be in that list; a user's own ``index.html`` is never replaced. The list
gets each name just before that file is written (not before: a run that fails on its first
template leaves the folder as it was, and an interrupted run claims no file it did not write), so
no file of ours is ever unlisted.
"""

from __future__ import annotations

import json
from pathlib import Path

from digistrat.errors import DigistratError
from digistrat.loading.project import display_path
from digistrat.output import write_atomic

MANIFEST = ".digistrat-dateien.json"


def _gelesen(folder: Path) -> set[str]:
    path = folder / MANIFEST
    if not path.is_file():
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = data["dateien"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError
        return set(names)
    except (OSError, ValueError, KeyError, TypeError):
        raise DigistratError(
            f"Die Liste der von digistrat geschriebenen Dateien ({display_path(path)}) ist nicht lesbar; "
            "bitte die Datei löschen und die Dokumente in einen leeren Ordner schreiben."
        ) from None


def beanspruchen(folder: Path, names: list[str]):
    """Refuse when one of ``names`` exists in ``folder`` but was not written by digistrat.

    Returns the function that lists one of ``names`` in the manifest: call it just before that
    file is written.
    """
    known = _gelesen(folder)
    fremd = [n for n in names if n not in known and (folder / n).exists()]
    if fremd:
        first = display_path(folder / fremd[0])
        weitere = f" (und {len(fremd) - 1} weitere)" if len(fremd) > 1 else ""
        raise DigistratError(
            f"„{first}“{weitere} wurde nicht von digistrat geschrieben und wird nicht überschrieben. "
            "Bitte die Datei verschieben oder mit --out einen anderen Ordner wählen."
        )

    def eintragen(name: str) -> None:
        if name not in known:  # a second run into the same folder writes the list no more
            known.add(name)
            listing = {"hinweis": "Von digistrat render geschriebene Dateien", "dateien": sorted(known)}
            write_atomic(folder / MANIFEST, json.dumps(listing, ensure_ascii=False, indent=2) + "\n")

    return eintragen
