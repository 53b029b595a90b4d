"""DS106: costs, posts or funding in a year outside the Steckbrief's ``zeitraum``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.formatting import jahre_text
from digistrat.rules.base import Rule, Span

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class JahrAusserhalbZeitraum(Rule):
    """Kosten, Personal oder Förderung in einem Jahr außerhalb des Zeitraums des Steckbriefs.

    Ein Kostenposten für 2027 in einem Projekt, das laut `zeitraum` Ende 2025 abgeschlossen ist,
    deutet auf einen veralteten Zeitraum oder einen Tippfehler im Jahr hin. Geprüft werden
    `kosten[].jahr`, `foerderung[].jahr` und die Jahre `ab`–`bis` der `personal`-Einträge (ohne
    `ab`/`bis` gilt ohnehin der Zeitraum). Steckbriefe ohne `zeitraum` werden nicht geprüft.

    Falsch:

    ```yaml
    zeitraum: {von: 2024-01, bis: 2025-12}
    kosten:
      - {jahr: 2026, betrag: 5000}
    ```

    Richtig:

    ```yaml
    zeitraum: {von: 2024-01, bis: 2026-12}
    kosten:
      - {jahr: 2026, betrag: 5000}
    ```
    """

    code = "DS106"
    name = "jahr-ausserhalb-zeitraum"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for s in ctx.project.steckbriefe:
            zr = s.zeitraum
            if zr is None or zr.bis.letzter < zr.von.erster:
                continue
            years = zr.jahre
            span = Span(zr)
            for k in s.kosten:
                if k.jahr not in years:
                    yield self.at(
                        k.ref,
                        "jahr",
                        message=(f"Kosten für {k.jahr} liegen außerhalb des Zeitraums des Steckbriefs ({span})."),
                    )
            for f in s.foerderung:
                if f.jahr is not None and f.jahr not in years:
                    yield self.at(
                        f.ref,
                        "jahr",
                        message=(f"Die Förderung für {f.jahr} liegt außerhalb des Zeitraums des Steckbriefs ({span})."),
                    )
            for p in s.personal:
                outside = [y for y in p.jahre if y not in years]
                if outside:
                    key = "ab" if p.ab is not None and (p.ab < years.start or p.bis is None) else "bis"
                    yield self.at(
                        p.ref,
                        key,
                        message=(
                            f"Der Personaleinsatz von „{p.partner}“ reicht mit {jahre_text(outside)} über den "
                            f"Zeitraum des Steckbriefs ({span}) hinaus."
                        ),
                    )
