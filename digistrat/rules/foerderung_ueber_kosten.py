"""DS108: funding above the costs it covers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.budget.funding import counts, covered_costs, funding_amount
from digistrat.findings import Finding, Severity
from digistrat.money import ZERO
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class FoerderungUeberKosten(Rule):
    """Eine Förderung ist höher als die Kosten, die sie abdeckt.

    Eine Förderung mit `jahr` deckt die Kosten dieses Jahres, eine ohne `jahr` alle Kosten des
    Steckbriefs. Ist der Förderbetrag höher, wird der Eigenanteil negativ und die Budgetrechnung
    falsch. Geprüft wird jede Förderung (außer `abgelehnt`) einzeln und die Summe aller
    Förderungen eines Steckbriefs gegen seine Gesamtkosten.

    Falsch:

    ```yaml
    kosten:
      - {jahr: 2024, betrag: 40000}
    foerderung:
      - {programm: leader, betrag: 50000, jahr: 2024, status: bewilligt}
    ```

    Richtig:

    ```yaml
    kosten:
      - {jahr: 2024, betrag: 40000}
    foerderung:
      - {programm: leader, betrag: 22000, jahr: 2024, status: bewilligt}
    ```
    """

    code = "DS108"
    name = "foerderung-ueber-kosten"
    severity = Severity.FEHLER

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.formatting import euro

        for s in ctx.project.steckbriefe:
            if not s.foerderung:
                continue
            single = False
            total = ZERO
            for f in s.foerderung:
                if not counts(f.status):
                    continue
                amount = funding_amount(s, f)
                total += amount
                covered = covered_costs(s, f)
                if f.betrag is not None and amount > covered:
                    single = True
                    scope = f"die Kosten des Jahres {f.jahr}" if f.jahr is not None else "die Kosten des Steckbriefs"
                    yield self.at(
                        f.ref,
                        "betrag",
                        message=(
                            f"Die Förderung „{f.programm}“ ({euro(amount)}) ist höher als {scope} ({euro(covered)})."
                        ),
                    )
            if not single and total > s.kosten_gesamt:
                yield self.at(
                    s.ref,
                    "foerderung",
                    message=(
                        f"Die Förderungen zusammen ({euro(total)}) sind höher als die Kosten des Steckbriefs "
                        f"({euro(s.kosten_gesamt)})."
                    ),
                )
