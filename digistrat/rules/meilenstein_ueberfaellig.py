"""DS131: a milestone not reached although it was due before the Stichtag."""

from __future__ import annotations

from collections.abc import Iterator

from digistrat.findings import Finding, Severity
from digistrat.model.execution import ueberfaellig
from digistrat.rules.base import Rule


class MeilensteinUeberfaellig(Rule):
    """Ein Meilenstein ist zum Stichtag überfällig.

    Ein Meilenstein ist überfällig, wenn er kein `erreicht` hat und sein `faellig` vor dem
    Stichtag liegt (`digistrat lint --stichtag JJJJ-MM-TT`, sonst `stichtag` in `digistrat.yaml`,
    sonst heute); ein Monat `JJJJ-MM` ist an seinem letzten Tag fällig. Entweder ist der
    Meilenstein erreicht und das Datum fehlt, oder das Projekt ist im Verzug – dann gehört das in
    den Sachstand, und der Meilenstein bekommt eine neue Fälligkeit. Verworfene Steckbriefe
    werden nicht geprüft.

    Falsch (Stichtag 2024-06-30):

    ```yaml
    meilensteine:
      - {titel: Vergabe abgeschlossen, faellig: 2024-03}
    ```

    Richtig:

    ```yaml
    meilensteine:
      - {titel: Vergabe abgeschlossen, faellig: 2024-03, erreicht: 2024-04-12}
    ```
    """

    code = "DS131"
    name = "meilenstein-ueberfaellig"
    severity = Severity.WARNUNG

    def check(self, ctx) -> Iterator[Finding]:
        from digistrat.formatting import datum

        for s in ctx.project.steckbriefe:
            if s.status == "verworfen":
                continue
            for m in s.meilensteine:
                if ueberfaellig(m, ctx.stichtag):
                    yield self.at(
                        m.ref,
                        "faellig",
                        message=(
                            f"Der Meilenstein „{m.titel}“ war {datum(m.faellig.text)} fällig und ist zum Stichtag "
                            f"{datum(ctx.stichtag)} nicht als erreicht eingetragen."
                        ),
                    )
