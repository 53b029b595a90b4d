"""DS111: Steckbriefe that depend on each other in a cycle."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule
from digistrat.rules.graph import cycle_in

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class Abhaengigkeitszyklus(Rule):
    """Steckbriefe hängen im Kreis voneinander ab.

    Hängt A von B ab und B (über weitere Projekte) wieder von A, kann keines der Projekte als
    erstes beginnen, und es gibt keine gültige Umsetzungsreihenfolge. Die Meldung nennt den
    Zyklus und steht beim Steckbrief des Zyklus, der in der Agenda zuerst kommt, an der
    Abhängigkeit, die den Kreis schließt. Ein Steckbrief, der von sich selbst abhängt, ist der
    kürzeste Zyklus.

    Falsch:

    ```yaml
    # steckbriefe/A-01.yaml
    abhaengigkeiten: [A-02]
    # steckbriefe/A-02.yaml
    abhaengigkeiten: [A-01]
    ```

    Richtig:

    ```yaml
    # steckbriefe/A-01.yaml
    abhaengigkeiten: []
    # steckbriefe/A-02.yaml
    abhaengigkeiten: [A-01]
    ```
    """

    code = "DS111"
    name = "abhaengigkeitszyklus"
    severity = Severity.FEHLER

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        comp = ctx.komponenten
        edges = ctx.abhaengigkeiten
        size = Counter(comp.values())
        order = {s.id: i for i, s in enumerate(ctx.project.steckbriefe)}
        done: set[int] = set()
        for s in ctx.project.steckbriefe:
            c = comp.get(s.id)
            if c is None or c in done:
                continue
            if size[c] == 1 and s.id not in edges.get(s.id, []):
                continue
            done.add(c)
            cycle = cycle_in(s.id, comp, edges)
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            cycle = cycle[first:] + cycle[:first]
            head = ctx.steckbriefe[cycle[0]]
            nxt = cycle[1] if len(cycle) > 1 else cycle[0]
            j = head.abhaengigkeiten.index(nxt)
            if len(cycle) == 1:
                message = f"Der Steckbrief „{head.id}“ hängt von sich selbst ab."
            else:
                chain = " → ".join(cycle + [cycle[0]])
                message = (
                    f"Zyklische Abhängigkeit: {chain}. Keines dieser Projekte kann als erstes beginnen; "
                    f"eine der Abhängigkeiten entfernen."
                )
            yield self.at(head.ref, "abhaengigkeiten", j, message=message)
