"""DS115: the member municipalities' population summing to more than the Kreis's (or an Amt's)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext

MEMBER_KINDS = ("amt", "stadt", "gemeinde")


class EinwohnerSumme(Rule):
    """Die Einwohner der Ämter, Städte und Gemeinden ergeben mehr als der Kreis.

    Die Ämter, Städte und Gemeinden liegen im Kreis; zusammen können sie nicht mehr Einwohner
    haben als er. Eine größere Summe deutet auf einen Tippfehler oder Zahlen verschiedener
    Stichtage hin und verzerrt jede Aufteilung nach Einwohnern. Gemeinden mit `amt` zählen beim
    Amt; für jedes Amt mit Einwohnerzahl wird ebenso geprüft, dass seine Gemeinden zusammen nicht
    mehr Einwohner haben. Geprüft wird nur, wenn es genau einen Partner der Art `kreis` mit
    Einwohnerzahl gibt (für die Ämter: wenn das Amt eine Einwohnerzahl hat).

    Falsch:

    ```yaml
    partner:
      - {id: kreis, name: Kreis, art: kreis, einwohner: 100000}
      - {id: stadt-a, name: Stadt A, art: stadt, einwohner: 60000}
      - {id: amt-b, name: Amt B, art: amt, einwohner: 45000}
    ```

    Richtig:

    ```yaml
    partner:
      - {id: kreis, name: Kreis, art: kreis, einwohner: 100000}
      - {id: stadt-a, name: Stadt A, art: stadt, einwohner: 55000}
      - {id: amt-b, name: Amt B, art: amt, einwohner: 45000}
    ```
    """

    code = "DS115"
    name = "einwohner-summe"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.formatting import zahl

        partners = ctx.project.partner
        by_id = ctx.partner
        in_amt = {p.id for p in partners if p.amt is not None and p.amt in by_id and by_id[p.amt].art == "amt"}
        kreise = [p for p in partners if p.art == "kreis"]
        kreis = kreise[0] if len(kreise) == 1 else None
        if kreis is not None and kreis.einwohner is not None:
            members = [p for p in partners if p.art in MEMBER_KINDS and p.id not in in_amt and p.einwohner is not None]
            total = sum(p.einwohner or 0 for p in members)
            if total > kreis.einwohner:
                yield self.at(
                    kreis.ref,
                    "einwohner",
                    message=(
                        f"Die Ämter, Städte und Gemeinden haben zusammen {zahl(total)} Einwohner, mehr als "
                        f"{kreis.name} ({zahl(kreis.einwohner)})."
                    ),
                )
        gemeinden: dict[str, int] = {}
        for p in partners:
            if p.id in in_amt and p.einwohner is not None and p.amt is not None:
                gemeinden[p.amt] = gemeinden.get(p.amt, 0) + p.einwohner
        for p in partners:
            if p.id in gemeinden and p.einwohner is not None and gemeinden[p.id] > p.einwohner:
                yield self.at(
                    p.ref,
                    "einwohner",
                    message=(
                        f"Die Gemeinden mit „amt: {p.id}“ haben zusammen {zahl(gemeinden[p.id])} Einwohner, mehr "
                        f"als {p.name} selbst ({zahl(p.einwohner)})."
                    ),
                )
