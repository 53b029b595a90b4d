"""DS103: a Handlungsfeld without any Steckbrief."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.formatting import aufzaehlung
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class HandlungsfeldOhneSteckbrief(Rule):
    """Ein Handlungsfeld hat keinen Steckbrief.

    Jedes Handlungsfeld der Strategie sollte mit mindestens einem Projekt der Digitalen Agenda
    hinterlegt sein; sonst bleibt sein Ziel ohne Umsetzung. Steckbriefe mit einem Status aus der
    Option `ohne_status` (Standard: `verworfen`) zählen nicht mit.

    Falsch (kein Steckbrief nennt `handlungsfeld: tourismus`):

    ```yaml
    handlungsfelder:
      - {id: verwaltung, titel: Verwaltung}
      - {id: tourismus, titel: Tourismus}
    ```

    Richtig: ein Steckbrief für das Handlungsfeld anlegen, oder das Handlungsfeld streichen.

    ```yaml
    # steckbriefe/TO-01.yaml
    id: TO-01
    titel: Digitale Gästekarte
    handlungsfeld: tourismus
    ```
    """

    code = "DS103"
    name = "handlungsfeld-ohne-steckbrief"
    severity = Severity.WARNUNG
    options = {"ohne_status": ["verworfen"]}

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        skip = set(self.opts["ohne_status"])
        used = {s.handlungsfeld for s in ctx.project.steckbriefe if s.status not in skip}
        listed = {s.handlungsfeld for s in ctx.project.steckbriefe}
        for hf in ctx.project.strategie.handlungsfelder:
            if hf.id not in used:
                only = f" (nur mit Status {aufzaehlung(sorted(skip))})" if hf.id in listed else ""
                yield self.at(hf.ref, "id", message=f"Zum Handlungsfeld „{hf.titel}“ gibt es keinen Steckbrief{only}.")
