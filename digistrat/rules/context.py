"""What every rule receives: the project, the Stichtag and indexes built once (rules stay linear)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from digistrat.model.types import Partner, Programm, Project, Steckbrief


@dataclass
class LintContext:
    project: Project
    stichtag: dt.date

    @property
    def laufzeit(self):
        return self.project.strategie.laufzeit

    @cached_property
    def partner(self) -> dict[str, Partner]:
        return self.project.partner_by_id()

    @cached_property
    def steckbriefe(self) -> dict[str, Steckbrief]:
        return self.project.steckbrief_by_id()

    @cached_property
    def programme(self) -> dict[str, Programm]:
        return self.project.programm_by_id()

    @cached_property
    def agenda_position(self) -> dict[str, int]:
        """Steckbrief id → index of its first place in ``agenda.yaml → projekte``."""
        pos: dict[str, int] = {}
        for i, sid in enumerate(self.project.agenda.projekte):
            pos.setdefault(sid, i)
        return pos

    @cached_property
    def abhaengigkeiten(self) -> dict[str, list[str]]:
        return {s.id: s.abhaengigkeiten for s in self.project.steckbriefe}

    @cached_property
    def komponenten(self) -> dict[str, int]:
        """Steckbrief id → strongly connected component of the dependency graph."""
        from digistrat.rules.graph import strongly_connected

        return strongly_connected([s.id for s in self.project.steckbriefe], self.abhaengigkeiten)
