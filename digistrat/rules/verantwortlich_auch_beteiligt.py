"""DS123: the responsible partner listed again under ``beteiligte``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class VerantwortlichAuchBeteiligt(Rule):
    """Der verantwortliche Partner steht zusätzlich unter `beteiligte`.

    `beteiligte` sind die weiteren Partner neben dem verantwortlichen. Steht er in beiden Feldern,
    erscheint er in den Anlagen doppelt. Auch ein doppelter Eintrag in `beteiligte` wird gemeldet.

    Falsch:

    ```yaml
    verantwortlich: stadt-heide
    beteiligte: [stadt-heide, stadt-brunsbuettel]
    ```

    Richtig:

    ```yaml
    verantwortlich: stadt-heide
    beteiligte: [stadt-brunsbuettel]
    ```
    """

    code = "DS123"
    name = "verantwortlich-auch-beteiligt"
    severity = Severity.HINWEIS

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for s in ctx.project.steckbriefe:
            seen: set[str] = set()
            for i, pid in enumerate(s.beteiligte):
                if pid == s.verantwortlich:
                    yield self.at(
                        s.ref,
                        "beteiligte",
                        i,
                        message=(f"„{pid}“ ist schon verantwortlich und gehört nicht zusätzlich unter „beteiligte“."),
                    )
                elif pid in seen:
                    yield self.at(s.ref, "beteiligte", i, message=f"„{pid}“ steht mehrfach unter „beteiligte“.")
                seen.add(pid)
