"""``digistrat abfrage``: which partners get a form, and writing the forms safely.

An existing file is only replaced when it is a form digistrat wrote in which nothing has been
answered (a form a partner returned into the same folder is never overwritten).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from digistrat.errors import DigistratError
from digistrat.loading.project import display_path
from digistrat.sheets.source import git_commit, staende


@dataclass
class Geschrieben:
    partner: str
    path: Path
    steckbriefe: list[str]


def file_name(partner_id: str) -> str:
    return f"sachstandsabfrage-{partner_id}.xlsx"


def choose_partners(project, wanted: list[str] | None) -> dict[str, list[str]]:
    """Partner id → the ids of the Steckbriefe it is verantwortlich for, in agenda order."""
    owned: dict[str, list[str]] = {}
    for s in project.steckbriefe:
        owned.setdefault(s.verantwortlich, []).append(s.id)
    if not wanted:
        return {p.id: owned[p.id] for p in project.partner if p.id in owned}
    known = project.partner_by_id()
    chosen: dict[str, list[str]] = {}
    for pid in wanted:
        if pid not in known:
            raise DigistratError(f"Unbekannter Partner „{pid}“; die Kennungen stehen in partner.yaml.")
        if pid not in owned:
            raise DigistratError(f"{known[pid].name} ({pid}) ist für keinen Steckbrief verantwortlich; kein Formular.")
        chosen[pid] = owned[pid]
    return chosen


def _untouched_form(path: Path) -> bool:
    """A form digistrat wrote in which nobody has answered anything (so nothing is lost)."""
    from digistrat.sheets.form_reader import read_form, reports_anew

    form, problems = read_form(path, range(1, 10000))
    if problems or not form.records:
        return False
    for a in form.sachstand:
        pre = form.records[a.steckbrief][1]
        if a.status != pre["status"] or reports_anew(a, pre):
            return False
    for m in form.meilensteine:
        if form.records[m.steckbrief][1]["meilensteine"][m.index]["erreicht"] != m.erreicht:
            return False
    return not form.ist_kosten


def abfrage(result, out_dir: Path, partner: list[str] | None, stichtag: dt.date) -> list[Geschrieben]:
    """Write one form per chosen partner into ``out_dir``; nothing is written if any target is taken."""
    from digistrat.output import write_atomic
    from digistrat.sheets.form_writer import build_form

    project = result.project
    chosen = choose_partners(project, partner)
    current = staende(result)
    git = git_commit(project.root)
    targets = {pid: out_dir / file_name(pid) for pid in chosen}
    for target in targets.values():
        if target.exists() and not _untouched_form(target):
            raise DigistratError(
                f"{display_path(target)} gibt es schon und ist kein unausgefülltes Formular von digistrat; "
                "bitte verschieben oder löschen. Es wurde nichts geschrieben."
            )
    written = []
    for pid, ids in chosen.items():
        data = build_form(project, [current[i] for i in ids], pid, stichtag, git)
        write_atomic(targets[pid], data)
        written.append(Geschrieben(pid, targets[pid], ids))
    return written
