"""DS113: ``anteile`` of a cost split that do not sum to 100 percent."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class AnteileSumme(Rule):
    """Die Anteile einer Kostenaufteilung ergeben nicht 100 %.

    Bei `schluessel: anteile` sind die `anteile` Prozentsätze je Partner; zusammen müssen sie
    genau 100 ergeben, sonst verteilt die Budgetrechnung mehr oder weniger als den Betrag.

    Falsch:

    ```yaml
    aufteilung:
      schluessel: anteile
      anteile: {stadt-heide: 60, stadt-brunsbuettel: 30}
    ```

    Richtig:

    ```yaml
    aufteilung:
      schluessel: anteile
      anteile: {stadt-heide: 60, stadt-brunsbuettel: 40}
    ```
    """

    code = "DS113"
    name = "anteile-summe"
    severity = Severity.FEHLER

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.formatting import prozent

        for s in ctx.project.steckbriefe:
            for k in s.kosten:
                a = k.aufteilung
                if a is None or a.schluessel != "anteile" or not a.anteile:
                    continue
                total = sum(a.anteile.values(), Decimal("0"))
                if total != 100:
                    yield self.at(
                        a.ref, "anteile", message=(f"Die Anteile ergeben zusammen {prozent(total)}, nicht 100\u00a0%.")
                    )
