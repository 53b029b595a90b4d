"""DS105: a main activity outside its Steckbrief's ``zeitraum``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule, Span

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class AktivitaetAusserhalbZeitraum(Rule):
    """Eine Hauptaktivität liegt außerhalb des Zeitraums ihres Steckbriefs.

    Beginnt eine Hauptaktivität vor dem `zeitraum` des Steckbriefs oder endet sie danach, ist
    entweder der Zeitplan oder der Projektzeitraum veraltet. Steckbriefe ohne `zeitraum` und
    Aktivitäten ohne `von`/`bis` werden nicht geprüft.

    Falsch:

    ```yaml
    zeitraum: {von: 2024-01, bis: 2024-12}
    hauptaktivitaeten:
      - {titel: Ausschreibung, von: 2023-10, bis: 2024-03}
    ```

    Richtig:

    ```yaml
    zeitraum: {von: 2023-10, bis: 2024-12}
    hauptaktivitaeten:
      - {titel: Ausschreibung, von: 2023-10, bis: 2024-03}
    ```
    """

    code = "DS105"
    name = "aktivitaet-ausserhalb-zeitraum"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.formatting import datum

        for s in ctx.project.steckbriefe:
            zr = s.zeitraum
            if zr is None or zr.bis.letzter < zr.von.erster:
                continue  # no period, or a reversed one (zeitraum-umgekehrt)
            span = Span(zr)
            for a in s.hauptaktivitaeten:
                if a.von is not None and a.von.erster < zr.von.erster:
                    yield self.at(
                        a.ref,
                        "von",
                        message=(
                            f"Die Hauptaktivität „{a.titel}“ beginnt ({datum(a.von.text)}) vor dem Zeitraum "
                            f"des Steckbriefs ({span})."
                        ),
                    )
                if a.bis is not None and a.bis.letzter > zr.bis.letzter:
                    yield self.at(
                        a.ref,
                        "bis",
                        message=(
                            f"Die Hauptaktivität „{a.titel}“ endet ({datum(a.bis.text)}) nach dem Zeitraum "
                            f"des Steckbriefs ({span})."
                        ),
                    )
