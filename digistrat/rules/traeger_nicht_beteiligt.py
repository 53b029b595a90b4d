"""DS121: a partner pays costs or provides staff for a Steckbrief it is not listed in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class TraegerNichtBeteiligt(Rule):
    """Ein Partner trägt Kosten oder stellt Personal, ist aber weder verantwortlich noch beteiligt.

    Die Anlage für den Rat eines Partners zeigt seine Kosten je Projekt. Zahlt er für ein
    Projekt, in dem er weder `verantwortlich` noch unter `beteiligte` steht, ist entweder die
    Liste der Beteiligten unvollständig oder der Kostenträger falsch. Geprüft werden `traeger`,
    die ausdrücklich genannten Partner einer `aufteilung` (`partner`, bei `schluessel: anteile`
    die `anteile`) und `personal`. Eine Aufteilung ohne `partner`-Liste betrifft alle Partner
    und wird nicht geprüft.

    Falsch:

    ```yaml
    verantwortlich: stadt-heide
    kosten:
      - {jahr: 2024, betrag: 5000, traeger: stadt-brunsbuettel}
    ```

    Richtig:

    ```yaml
    verantwortlich: stadt-heide
    beteiligte: [stadt-brunsbuettel]
    kosten:
      - {jahr: 2024, betrag: 5000, traeger: stadt-brunsbuettel}
    ```
    """

    code = "DS121"
    name = "traeger-nicht-beteiligt"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        known = ctx.partner
        for s in ctx.project.steckbriefe:
            listed = {s.verantwortlich, *s.beteiligte}
            reported: set[str] = set()

            def outsider(pid: str, listed: set[str] = listed, reported: set[str] = reported) -> bool:
                return pid in known and pid not in listed and pid not in reported

            for k in s.kosten:
                if k.traeger is not None and outsider(k.traeger):
                    reported.add(k.traeger)
                    yield self.at(k.ref, "traeger", message=_msg(k.traeger, "trägt Kosten"))
                a = k.aufteilung
                if a is None:
                    continue
                if a.schluessel == "anteile":  # the shares name who pays
                    for pid in a.anteile:
                        if outsider(pid):
                            reported.add(pid)
                            yield self.at(a.ref, "anteile", pid, message=_msg(pid, "trägt Kosten"))
                elif a.partner is not None:  # without a list every partner shares: nobody to list
                    for j, pid in enumerate(a.partner):
                        if outsider(pid):
                            reported.add(pid)
                            yield self.at(a.ref, "partner", j, message=_msg(pid, "trägt Kosten"))
            for pers in s.personal:
                if outsider(pers.partner):
                    reported.add(pers.partner)
                    yield self.at(pers.ref, "partner", message=_msg(pers.partner, "stellt Personal"))


def _msg(pid: str, what: str) -> str:
    return f"„{pid}“ {what} für dieses Projekt, steht aber weder als verantwortlich noch unter „beteiligte“."
