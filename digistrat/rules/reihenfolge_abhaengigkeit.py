"""DS112: a Steckbrief scheduled in the agenda before one it depends on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class ReihenfolgeAbhaengigkeit(Rule):
    """Ein Steckbrief steht in der Umsetzungsreihenfolge vor einem, von dem er abhängt.

    `agenda.yaml → projekte` ist die Umsetzungsreihenfolge. Ein Projekt, das auf den Ergebnissen
    eines anderen aufbaut (`abhaengigkeiten`), gehört dahinter. Die Meldung steht am Eintrag in
    `agenda.yaml`. Abhängigkeiten innerhalb eines Zyklus meldet `abhaengigkeitszyklus`.

    Falsch:

    ```yaml
    # agenda.yaml – DD-03 hängt von DD-19 ab
    projekte: [DD-03, DD-19]
    ```

    Richtig:

    ```yaml
    projekte: [DD-19, DD-03]
    ```
    """

    code = "DS112"
    name = "reihenfolge-abhaengigkeit"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        pos = ctx.agenda_position
        comp = ctx.komponenten
        agenda = ctx.project.agenda
        for s in ctx.project.steckbriefe:
            here = pos.get(s.id)
            if here is None:
                continue
            for dep in dict.fromkeys(s.abhaengigkeiten):
                there = pos.get(dep)
                if there is None or there <= here or comp.get(dep) == comp.get(s.id):
                    continue
                yield Finding(
                    self.code,
                    self.name,
                    self.severity,
                    f"„{s.id}“ steht in der Umsetzungsreihenfolge an Position {here + 1}, vor "
                    f"„{dep}“ (Position {there + 1}), von dem es abhängt.",
                    agenda.ref.file,
                    agenda.ref.path + ("projekte", here),
                )
