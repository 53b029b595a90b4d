"""DS110: funding in a year outside the programme's ``laufzeit``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.budget.funding import counts
from digistrat.findings import Finding, Severity
from digistrat.formatting import jahre_text
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class FoerderungAusserhalbProgrammlaufzeit(Rule):
    """Eine Förderung fällt in ein Jahr außerhalb der Laufzeit des Förderprogramms.

    Eine Förderung mit `jahr` muss in der `laufzeit` des Programms aus `foerderprogramme.yaml`
    liegen. Eine Förderung ohne `jahr` verteilt sich auf alle Jahre mit Kosten des Steckbriefs;
    dann muss jedes dieser Jahre in der Programmlaufzeit liegen. Abgelehnte Förderungen werden
    nicht geprüft.

    Falsch (`digitalpakt-schule` läuft 2019–2024):

    ```yaml
    foerderung:
      - {programm: digitalpakt-schule, quote: 90, jahr: 2025, status: beantragt}
    ```

    Richtig:

    ```yaml
    foerderung:
      - {programm: digitalpakt-schule, quote: 90, jahr: 2024, status: beantragt}
    ```
    """

    code = "DS110"
    name = "foerderung-ausserhalb-programmlaufzeit"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for s in ctx.project.steckbriefe:
            for f in s.foerderung:
                prog = ctx.programme.get(f.programm)
                if prog is None or prog.laufzeit is None or not counts(f.status):
                    continue
                lz = prog.laufzeit
                span = jahre_text(lz.jahre) if lz.von <= lz.bis else f"{lz.von}–{lz.bis}"
                if f.jahr is not None:
                    if f.jahr not in lz:
                        yield self.at(
                            f.ref,
                            "jahr",
                            message=(
                                f"Die Förderung „{prog.name}“ ist für {f.jahr} geplant, das Programm läuft aber "
                                f"nur {span}."
                            ),
                        )
                    continue
                years = sorted({k.jahr for k in s.kosten if k.betrag > 0})
                outside = [y for y in years if y not in lz]
                if outside:
                    yield self.at(
                        f.ref,
                        "programm",
                        message=(
                            f"Die Förderung „{prog.name}“ ohne „jahr“ verteilt sich auf alle Kostenjahre "
                            f"({jahre_text(years)}), das Programm läuft aber nur {span}: {jahre_text(outside)} "
                            f"{'liegt' if len(outside) == 1 else 'liegen'} außerhalb. Die Förderung mit „jahr“ "
                            f"auf die Programmjahre begrenzen."
                        ),
                    )
