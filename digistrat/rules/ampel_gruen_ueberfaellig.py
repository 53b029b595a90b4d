"""DS134: the current Sachstand says ``ampel: gruen`` while milestones are overdue."""

from __future__ import annotations

from collections.abc import Iterator

from digistrat.findings import Finding, Severity
from digistrat.formatting import aufzaehlung
from digistrat.model.execution import aktueller_sachstand, ueberfaellige_meilensteine
from digistrat.rules.base import Rule


class AmpelGruenUeberfaellig(Rule):
    """Die Ampel steht auf Grün, obwohl Meilensteine überfällig sind.

    Maßgeblich ist der aktuelle Sachstand (der mit dem spätesten Datum bis zum Stichtag). Ein
    Projekt, dessen Meilensteine zum Stichtag überfällig sind, ist nicht „im Plan“: Entweder die
    Ampel auf Gelb oder Rot setzen und den Verzug im Text erklären, oder die erreichten
    Meilensteine mit `erreicht` eintragen.

    Falsch (Stichtag 2024-06-30):

    ```yaml
    sachstand:
      - {datum: 2024-06-15, ampel: gruen, text: Alles im Plan.}
    meilensteine:
      - {titel: Vergabe abgeschlossen, faellig: 2024-03}
    ```

    Richtig:

    ```yaml
    sachstand:
      - {datum: 2024-06-15, ampel: gelb, text: Die Vergabe verzögert sich bis Juli.}
    meilensteine:
      - {titel: Vergabe abgeschlossen, faellig: 2024-03}
    ```
    """

    code = "DS134"
    name = "ampel-gruen-ueberfaellig"
    severity = Severity.WARNUNG

    def check(self, ctx) -> Iterator[Finding]:
        for s in ctx.project.steckbriefe:
            current = aktueller_sachstand(s, ctx.stichtag)
            if current is None or current.ampel != "gruen":
                continue
            overdue = ueberfaellige_meilensteine(s, ctx.stichtag)
            if overdue:
                n = len(overdue)
                what = "der Meilenstein" if n == 1 else f"{n} Meilensteine"
                verb = "ist" if n == 1 else "sind"
                yield self.at(
                    current.ref,
                    "ampel",
                    message=(
                        f"Die Ampel steht auf Grün, aber {what} {aufzaehlung(m.titel for m in overdue)} {verb} "
                        "zum Stichtag überfällig."
                    ),
                )
