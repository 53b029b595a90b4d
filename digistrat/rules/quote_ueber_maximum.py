"""DS109: a funding quote above the programme's ``quote_max``."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from digistrat.budget.funding import counts, covered_costs
from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class QuoteUeberMaximum(Rule):
    """Eine Förderquote liegt über dem Höchstsatz des Förderprogramms.

    `foerderprogramme.yaml` nennt je Programm den höchsten Fördersatz `quote_max` in Prozent.
    Gemeldet wird eine `quote` darüber und ein `betrag`, der mehr als `quote_max` Prozent der
    Kosten ausmacht, die die Förderung abdeckt (mit `jahr`: die Kosten dieses Jahres, sonst alle
    Kosten des Steckbriefs); einen Betrag über den Kosten selbst meldet `foerderung-ueber-kosten`.
    Abgelehnte Förderungen werden nicht geprüft.

    Falsch (`smart-cities` hat `quote_max: 65`):

    ```yaml
    foerderung:
      - {programm: smart-cities, quote: 80, status: beantragt}
    ```

    Richtig:

    ```yaml
    foerderung:
      - {programm: smart-cities, quote: 65, status: beantragt}
    ```
    """

    code = "DS109"
    name = "quote-ueber-maximum"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.formatting import euro, prozent

        for s in ctx.project.steckbriefe:
            for f in s.foerderung:
                prog = ctx.programme.get(f.programm)
                if prog is None or prog.quote_max is None or not counts(f.status):
                    continue
                limit = prog.quote_max
                if f.quote is not None and f.quote > limit:
                    yield self.at(
                        f.ref,
                        "quote",
                        message=(
                            f"Die Förderquote {prozent(f.quote)} liegt über dem Höchstsatz des Programms "
                            f"„{prog.name}“ ({prozent(limit)})."
                        ),
                    )
                elif f.betrag is not None:
                    covered = covered_costs(s, f)
                    # above the costs themselves is foerderung-ueber-kosten's finding, not a quote question
                    if covered > 0 and f.betrag <= covered and f.betrag * 100 > covered * limit:
                        share = (f.betrag * 100 / covered).quantize(Decimal("0.1"))
                        yield self.at(
                            f.ref,
                            "betrag",
                            message=(
                                f"Die Förderung von {euro(f.betrag)} entspricht {prozent(share)} der abgedeckten "
                                f"Kosten ({euro(covered)}); das Programm „{prog.name}“ fördert höchstens "
                                f"{prozent(limit)}, also {euro(covered * limit / 100)}."
                            ),
                        )
