"""DS122: ``anteile`` that the budget ignores, or that do not match the listed partners."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.formatting import aufzaehlung
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class AnteileIgnoriert(Rule):
    """`anteile` werden nicht verwendet oder passen nicht zur Partnerliste.

    Nur bei `schluessel: anteile` zählen die `anteile`; bei `gleich` oder `einwohner` werden sie
    stillschweigend übergangen, und das Ergebnis ist nicht die beabsichtigte Aufteilung. Stehen
    bei `schluessel: anteile` zusätzlich `partner`, müssen es genau die Partner der `anteile`
    sein.

    Falsch:

    ```yaml
    aufteilung:
      schluessel: gleich
      anteile: {stadt-heide: 70, amt-eider: 30}
    ```

    Richtig:

    ```yaml
    aufteilung:
      schluessel: anteile
      anteile: {stadt-heide: 70, amt-eider: 30}
    ```
    """

    code = "DS122"
    name = "anteile-ignoriert"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for s in ctx.project.steckbriefe:
            for k in s.kosten:
                a = k.aufteilung
                if a is None or not a.anteile:
                    continue
                if a.schluessel != "anteile":
                    yield self.at(
                        a.ref,
                        "anteile",
                        message=(
                            f"Die Anteile werden nicht verwendet, weil die Kosten nach „{a.schluessel}“ aufgeteilt "
                            f"werden; für eine Aufteilung nach Anteilen „schluessel: anteile“ setzen."
                        ),
                    )
                elif a.partner is not None and set(a.partner) != set(a.anteile):
                    only_list = [p for p in a.partner if p not in a.anteile]
                    only_shares = [p for p in a.anteile if p not in a.partner]
                    parts = []
                    if only_list:
                        parts.append(f"ohne Anteil: {aufzaehlung(only_list)}")
                    if only_shares:
                        parts.append(f"nicht in „partner“: {aufzaehlung(only_shares)}")
                    yield self.at(
                        a.ref,
                        "partner",
                        message=(f"„partner“ und „anteile“ nennen verschiedene Partner ({'; '.join(parts)})."),
                    )
