"""DS130: Ist-Kosten in a year outside the Steckbrief's ``zeitraum`` or the strategy's ``laufzeit``."""

from __future__ import annotations

from collections.abc import Iterator

from digistrat.findings import Finding, Severity
from digistrat.formatting import jahre_text
from digistrat.rules.base import Rule, Span


class IstAusserhalbZeitraum(Rule):
    """Ist-Kosten in einem Jahr außerhalb des Zeitraums des Steckbriefs oder der Laufzeit.

    Geld, das abgeflossen ist, bevor ein Projekt begonnen hat oder nachdem es beendet ist,
    deutet auf einen veralteten `zeitraum` oder ein falsches Jahr in `ist_kosten` hin. Ist-Kosten
    außerhalb der `laufzeit` der Strategie fehlen außerdem im Budget (Formatversion 1.1,
    Regel 8). Steckbriefe ohne `zeitraum` werden nur gegen die Laufzeit geprüft.

    Falsch:

    ```yaml
    zeitraum: {von: 2024-01, bis: 2025-12}
    ist_kosten:
      - {jahr: 2023, betrag: 4800, kategorie: sachkosten}
    ```

    Richtig:

    ```yaml
    zeitraum: {von: 2023-07, bis: 2025-12}
    ist_kosten:
      - {jahr: 2023, betrag: 4800, kategorie: sachkosten}
    ```
    """

    code = "DS130"
    name = "ist-ausserhalb-zeitraum"
    severity = Severity.WARNUNG

    def check(self, ctx) -> Iterator[Finding]:
        lz = ctx.laufzeit
        laufzeit = jahre_text(lz.jahre) if lz.von <= lz.bis else None
        for s in ctx.project.steckbriefe:
            zr = s.zeitraum
            years = zr.jahre if zr is not None and zr.von.erster <= zr.bis.letzter else None
            for k in s.ist_kosten:
                if years is not None and k.jahr not in years:
                    yield self.at(
                        k.ref,
                        "jahr",
                        message=f"Ist-Kosten für {k.jahr} liegen außerhalb des Zeitraums des Steckbriefs ({Span(zr)}).",
                    )
                elif laufzeit is not None and k.jahr not in lz:
                    yield self.at(
                        k.ref,
                        "jahr",
                        message=(
                            f"Ist-Kosten für {k.jahr} liegen außerhalb der Laufzeit der Strategie ({laufzeit}) "
                            "und fehlen daher im Budget."
                        ),
                    )
