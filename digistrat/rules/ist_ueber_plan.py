"""DS133: Ist-Kosten of a year above the planned costs of that year by more than N percent."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from digistrat.findings import Finding, Severity
from digistrat.model.types import Kosten
from digistrat.rules.base import Rule


class IstUeberPlan(Rule):
    """Die Ist-Kosten eines Jahres liegen um mehr als zehn Prozent über dem Plan.

    Verglichen werden je Steckbrief und Jahr die Summe der `ist_kosten` mit der Summe der
    geplanten `kosten`. Liegt der Mittelabfluss um mehr als `prozent` Prozent über dem Plan, oder
    fließt Geld in einem Jahr ohne geplante Kosten, muss der Plan fortgeschrieben oder die
    Überschreitung im Sachstand erklärt werden. Gemeldet wird am ersten Ist-Posten des Jahres.

    Falsch:

    ```yaml
    kosten:
      - {jahr: 2023, betrag: 10000}
    ist_kosten:
      - {jahr: 2023, betrag: 12500}
    ```

    Richtig (Plan fortgeschrieben):

    ```yaml
    kosten:
      - {jahr: 2023, betrag: 12500}
    ist_kosten:
      - {jahr: 2023, betrag: 12500}
    ```
    """

    code = "DS133"
    name = "ist-ueber-plan"
    severity = Severity.WARNUNG
    options = {"prozent": 10}

    def check(self, ctx) -> Iterator[Finding]:
        from digistrat.formatting import euro, zahl

        prozent = Decimal(self.opts["prozent"])
        for s in ctx.project.steckbriefe:
            if not s.ist_kosten:
                continue
            plan: dict[int, Decimal] = {}
            for k in s.kosten:
                plan[k.jahr] = plan.get(k.jahr, Decimal(0)) + k.betrag
            ist: dict[int, Decimal] = {}
            first: dict[int, Kosten] = {}
            for k in s.ist_kosten:
                ist[k.jahr] = ist.get(k.jahr, Decimal(0)) + k.betrag
                first.setdefault(k.jahr, k)
            for jahr, betrag in ist.items():
                geplant = plan.get(jahr, Decimal(0))
                if betrag * 100 <= geplant * (100 + prozent):
                    continue
                if geplant:
                    message = (
                        f"Die Ist-Kosten {jahr} ({euro(betrag)}) liegen {euro(betrag - geplant)} über dem Plan "
                        f"({euro(geplant)}), das sind mehr als {zahl(prozent)}\u00a0%."
                    )
                else:
                    message = f"Ist-Kosten {jahr} ({euro(betrag)}) in einem Jahr ohne geplante Kosten."
                yield self.at(first[jahr].ref, "betrag", message=message)
