"""DS132: a Steckbrief in-umsetzung whose latest Sachstand is older than N months."""

from __future__ import annotations

from collections.abc import Iterator

from digistrat.findings import Finding, Severity
from digistrat.model.execution import aktueller_sachstand, months_before
from digistrat.rules.base import Rule


class SachstandVeraltet(Rule):
    """Ein Projekt in Umsetzung hat seit mehr als sechs Monaten keinen Sachstand.

    Der Hauptausschuss soll regelmäßig über den Stand der Umsetzung unterrichtet werden; ein
    Projekt mit `status: in-umsetzung`, dessen letzter `sachstand` länger als `monate` Monate vor
    dem Stichtag liegt, fehlt im nächsten Bericht. Ohne jeden Sachstand zählt der Beginn des
    `zeitraum`; Steckbriefe ohne Sachstand und ohne Zeitraum werden nicht geprüft.

    Falsch (Stichtag 2024-06-30):

    ```yaml
    status: in-umsetzung
    sachstand:
      - {datum: 2023-09-30, ampel: gruen, text: Die Ausschreibung läuft.}
    ```

    Richtig:

    ```yaml
    status: in-umsetzung
    sachstand:
      - {datum: 2023-09-30, ampel: gruen, text: Die Ausschreibung läuft.}
      - {datum: 2024-03-31, ampel: gelb, text: Die Vergabe verzögert sich um ein Quartal.}
    ```
    """

    code = "DS132"
    name = "sachstand-veraltet"
    severity = Severity.WARNUNG
    options = {"monate": 6}

    def check(self, ctx) -> Iterator[Finding]:
        from digistrat.formatting import datum

        monate = self.opts["monate"]
        grenze = months_before(ctx.stichtag, monate)
        seit = f"seit mehr als {monate} Monaten" if monate != 1 else "seit mehr als einem Monat"
        for s in ctx.project.steckbriefe:
            if s.status != "in-umsetzung":
                continue
            current = aktueller_sachstand(s, ctx.stichtag)
            if current is not None:
                if current.datum.erster < grenze:
                    yield self.at(
                        current.ref,
                        "datum",
                        message=(
                            f"Der letzte Sachstand ist vom {datum(current.datum.text)}; das Projekt ist in Umsetzung "
                            f"und hat {seit} keinen neuen Sachstand (Stichtag {datum(ctx.stichtag)})."
                        ),
                    )
            elif s.zeitraum is not None and s.zeitraum.von.erster < grenze:
                yield self.at(
                    s.ref,
                    "status",
                    message=(
                        f"Das Projekt ist seit {datum(s.zeitraum.von.text)} in Umsetzung und hat noch keinen "
                        f"Sachstand (Stichtag {datum(ctx.stichtag)}; erwartet spätestens alle {monate} Monate)."
                    ),
                )
