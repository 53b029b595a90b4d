"""DS102: a partner below the strategy's minimum commitments (``vorgaben``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.formatting import jahre_text
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class VorgabenUnterschritten(Rule):
    """Ein Partner bleibt in einem Jahr der Laufzeit unter den Vorgaben der Strategie.

    `strategie.yaml → vorgaben` legt die Mindestausstattung jedes Partners fest: Stellen
    (`vzae_je_partner`) und ein freies, projektungebundenes Budget (`budget_je_partner`, für die
    dort genannten Jahre). Verglichen werden die **eigenen** Zusagen jedes Partners in
    `partner.yaml`: die Summe seiner `personal`-Stellen je Jahr der Laufzeit und die Summe seiner
    `budget`-Einträge je Jahr. Personal und Kosten aus Steckbriefen zählen nicht mit, denn die
    Vorgaben meinen die Digitalisierungsmanager*in und das projektunabhängige Budget. Partner
    unter `vorgaben.ausgenommen` werden nicht geprüft.

    Falsch (Vorgabe 0,5 VZÄ und 30.000 € im Jahr 2023):

    ```yaml
    partner:
      - id: amt-nord
        name: Amt Nord
        art: amt
        personal:
          - {rolle: Digitalisierungsmanager*in, vzae: 0.25}
        budget:
          - {jahr: 2023, betrag: 20000}
    ```

    Richtig:

    ```yaml
    partner:
      - id: amt-nord
        name: Amt Nord
        art: amt
        personal:
          - {rolle: Digitalisierungsmanager*in, vzae: 0.5}
        budget:
          - {jahr: 2023, betrag: 30000}
    ```
    """

    code = "DS102"
    name = "vorgaben-unterschritten"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.checks.vorgaben import vorgaben_vergleich
        from digistrat.formatting import euro, vzae
        from digistrat.money import ZERO

        vg = ctx.project.strategie.vorgaben
        if vg is None:
            return
        laufzeit = ctx.laufzeit.jahre
        vergleich = vorgaben_vergleich(ctx.project)
        for p in ctx.project.partner:
            jahre = vergleich[p.id]
            short = _group({y: j.eigene_vzae for y, j in jahre.items() if y in laufzeit and j.vzae_erfuellt is False})
            for value, ys in short:
                yield self.at(
                    p.ref,
                    *(("personal",) if p.personal else ("id",)),
                    message=(
                        f"{p.name} stellt {jahre_text(ys)} {_je(ys)}{vzae(value)} bereit, weniger als die "
                        f"Vorgabe von {vzae(vg.vzae_je_partner or ZERO)} je Partner (strategie.yaml → vorgaben)."
                    ),
                )
            for minimum in vg.budget_je_partner:
                j = jahre[minimum.jahr]
                if j.budget_erfuellt is False:
                    yield self.at(
                        p.ref,
                        *(("budget",) if p.budget else ("id",)),
                        message=(
                            f"{p.name} stellt {minimum.jahr} ein freies Budget von {euro(j.eigenes_budget)} bereit, "
                            f"weniger als die Vorgabe von {euro(minimum.betrag)} je Partner "
                            f"(strategie.yaml → vorgaben)."
                        ),
                    )


def _je(years: list[int]) -> str:
    return "je " if len(years) > 1 else ""


def _group(values: dict[int, Decimal]) -> list[tuple[Decimal, list[int]]]:
    """Years with the same value together, in the order of their first year."""
    groups: dict[Decimal, list[int]] = {}
    for y in sorted(values):
        groups.setdefault(values[y], []).append(y)
    return sorted(((v, ys) for v, ys in groups.items()), key=lambda item: item[1][0])
