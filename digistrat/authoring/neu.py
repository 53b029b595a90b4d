"""``digistrat neu``: add a Steckbrief, a partner or a Handlungsfeld to a project.

Each function edits the project's files through :mod:`digistrat.authoring.roundtrip`, so the
comments and the layout of ``agenda.yaml``, ``partner.yaml`` and ``strategie.yaml`` stay as
they were. A file that is already there is never overwritten.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from digistrat.authoring import roundtrip as rt
from digistrat.authoring.templates import steckbrief_text
from digistrat.errors import DigistratError
from digistrat.loading.project import STECKBRIEF_DIR, display_path, find_root

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STECKBRIEF_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
PARTNER_ARTEN = ("kreis", "amt", "stadt", "gemeinde", "verband", "unternehmen", "sonstige")
_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<number>[0-9]+)$")


def slugify(text: str) -> str:
    """``Stadt Büsum-Süd`` → ``stadt-buesum-sued`` (the format's ASCII folding)."""
    text = text.strip().lower()
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def next_id(existing: list[str], default_prefix: str = "P-") -> str:
    """The next free id in the project's pattern: ``DD-23`` after ``DD-22``, ``P-01`` when empty.

    The pattern is the prefix most ids share (ties: the prefix of the last id); the number keeps
    the width of the widest id with that prefix.
    """
    numbered = [m for m in map(_NUMBERED.match, existing) if m]
    if not numbered:
        return f"{default_prefix}01"
    counts: dict[str, int] = {}
    for m in numbered:
        counts[m["prefix"]] = counts.get(m["prefix"], 0) + 1
    prefix = max(counts, key=lambda p: (counts[p], p == numbered[-1]["prefix"]))
    same = [m for m in numbered if m["prefix"] == prefix]
    width = max(len(m["number"]) for m in same)
    taken = {i.lower() for i in existing}
    number = max(int(m["number"]) for m in same) + 1
    while f"{prefix}{number:0{width}d}".lower() in taken:  # pragma: no cover - max+1 is free
        number += 1
    return f"{prefix}{number:0{width}d}"


@dataclass
class ProjectFiles:
    """The documents ``neu`` reads: partner and Handlungsfeld ids, Steckbrief ids in use."""

    root: Path
    strategie: rt.Document
    partner: rt.Document
    agenda: rt.Document

    @classmethod
    def load(cls, start: str | Path | None) -> ProjectFiles:
        root = find_root(start or ".")
        return cls(
            root,
            rt.load_document(root / "strategie.yaml"),
            rt.load_document(root / "partner.yaml"),
            rt.load_document(root / "agenda.yaml"),
        )

    def partner_ids(self) -> list[str]:
        return _ids(self.partner.data.get("partner"))

    def handlungsfeld_ids(self) -> list[str]:
        return _ids(self.strategie.data.get("handlungsfelder"))

    def steckbrief_ids(self) -> list[str]:
        """Ids from the agenda's order first, then ids of files not (yet) in it."""
        ids = [str(i) for i in self.agenda.data.get("projekte") or []]
        folder = self.root / STECKBRIEF_DIR
        files = sorted(p.stem for p in folder.rglob("*.yaml")) if folder.is_dir() else []
        return ids + [i for i in files if i not in ids]


def _ids(entries) -> list[str]:
    return [str(e["id"]) for e in entries or [] if isinstance(e, dict) and "id" in e]


def _unknown(what: str, value: str, known: list[str], file: str) -> DigistratError:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f" Meinten Sie „{close[0]}“?" if close else ""
    listed = ", ".join(known) if known else "(keine)"
    return DigistratError(f"{what} „{value}“ gibt es in {file} nicht.{hint} Vorhanden: {listed}.")


def _check_new_id(value: str, pattern: re.Pattern, taken: list[str], what: str) -> None:
    if not pattern.match(value):
        allowed = (
            "Kleinbuchstaben, Ziffern und Bindestriche"
            if pattern is SLUG
            else "Buchstaben, Ziffern, Punkt, Bindestrich und Unterstrich"
        )
        raise DigistratError(f"„{value}“ ist keine gültige Kennung für {what}: erlaubt sind {allowed}.")
    if value.lower() in {t.lower() for t in taken}:
        raise DigistratError(f"Die Kennung „{value}“ ist schon vergeben.")


def neu_steckbrief(
    start: str | Path | None,
    titel: str,
    handlungsfeld: str,
    verantwortlich: str | None = None,
    steckbrief_id: str | None = None,
    nach: str | None = None,
) -> Path:
    """Write ``steckbriefe/<id>.yaml`` and add the id to the agenda's ``projekte`` (at the end, or
    behind the Steckbrief ``nach``); returns the path."""
    project = ProjectFiles.load(start)
    if not titel.strip():
        raise DigistratError("Der Titel darf nicht leer sein.")
    if handlungsfeld not in project.handlungsfeld_ids():
        raise _unknown("Das Handlungsfeld", handlungsfeld, project.handlungsfeld_ids(), "strategie.yaml")
    partners = project.partner_ids()
    verantwortlich = verantwortlich or str(project.strategie.data.get("federfuehrung") or "")
    if verantwortlich not in partners:
        raise _unknown("Den Partner", verantwortlich, partners, "partner.yaml")
    taken = project.steckbrief_ids()
    new_id = steckbrief_id or next_id(taken)
    _check_new_id(new_id, STECKBRIEF_ID, taken, "einen Steckbrief")
    target = project.root / STECKBRIEF_DIR / f"{new_id}.yaml"
    if target.exists():
        raise DigistratError(f"{display_path(target)} gibt es schon; die Datei bleibt unverändert.")
    text = steckbrief_text(new_id, titel.strip(), handlungsfeld, verantwortlich)
    order = [str(i) for i in project.agenda.data.get("projekte") or []]
    if nach is not None and nach not in order:
        raise _unknown("Den Steckbrief", nach, order, "agenda.yaml")
    if nach is not None:
        rt.insert_after(project.agenda.data, "projekte", nach, new_id, comment=titel.strip())
    else:
        rt.append_to_sequence(project.agenda.data, "projekte", new_id, comment=titel.strip())
    _create(target, text)
    try:
        rt.write_document(project.agenda)
    except DigistratError:
        target.unlink()  # nothing written half: no Steckbrief without its place in the agenda
        raise
    return target


def _create(target: Path, text: str) -> None:
    """Write a new file; refuse if one appeared meanwhile (never overwrite)."""
    from digistrat.errors import os_reason

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise DigistratError(f"{display_path(target)} gibt es schon; die Datei bleibt unverändert.") from None
    except OSError as exc:
        raise DigistratError(f"Kann {display_path(target)} nicht schreiben: {os_reason(exc, writing=True)}.") from None


def neu_partner(
    start: str | Path | None,
    name: str,
    art: str,
    partner_id: str | None = None,
    einwohner: int | None = None,
) -> str:
    """Append a partner to ``partner.yaml``; returns its id."""
    project = ProjectFiles.load(start)
    if art not in PARTNER_ARTEN:
        raise DigistratError(f"Unbekannte Art „{art}“. Erlaubt: {', '.join(PARTNER_ARTEN)}.")
    if not name.strip():
        raise DigistratError("Der Name darf nicht leer sein.")
    new_id = partner_id or slugify(name)
    _check_new_id(new_id, SLUG, project.partner_ids(), "einen Partner")
    entry: dict[str, str | int] = {"id": new_id, "name": name.strip(), "art": art}
    if einwohner is not None:
        entry["einwohner"] = einwohner
    rt.append_to_sequence(project.partner.data, "partner", entry)
    rt.write_document(project.partner)
    return new_id


def neu_handlungsfeld(
    start: str | Path | None,
    titel: str,
    handlungsfeld_id: str | None = None,
    ziel: str | None = None,
) -> str:
    """Append a Handlungsfeld to ``strategie.yaml``; returns its id."""
    project = ProjectFiles.load(start)
    if not titel.strip():
        raise DigistratError("Der Titel darf nicht leer sein.")
    new_id = handlungsfeld_id or slugify(titel)
    _check_new_id(new_id, SLUG, project.handlungsfeld_ids(), "ein Handlungsfeld")
    entry = {"id": new_id, "titel": titel.strip()}
    if ziel:
        entry["ziel"] = ziel.strip()
    rt.append_to_sequence(project.strategie.data, "handlungsfelder", entry)
    rt.write_document(project.strategie)
    return new_id
