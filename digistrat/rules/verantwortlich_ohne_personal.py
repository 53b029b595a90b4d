"""DS120: a partner responsible for a Steckbrief that provides no staff in its years."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.formatting import jahre_text
from digistrat.model.types import STATUS_REIHENFOLGE
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class VerantwortlichOhnePersonal(Rule):
    """Ein Partner ist verantwortlich, stellt in den Projektjahren aber kein Personal.

    Wer ein Projekt verantwortet, braucht dafür Arbeitszeit. Gezählt werden die Stellen des
    Partners in `partner.yaml` und seine `personal`-Einträge in allen Steckbriefen. Die
    Projektjahre sind die Jahre des `zeitraum` (ohne Zeitraum: die Jahre mit Kosten), soweit sie
    in der Laufzeit der Strategie liegen. Die Option `status` nennt die geprüften Status.

    Falsch (das Amt hat keine Stelle in partner.yaml und kein Personal in Steckbriefen):

    ```yaml
    verantwortlich: amt-sued
    zeitraum: {von: 2024-01, bis: 2025-12}
    ```

    Richtig:

    ```yaml
    verantwortlich: amt-sued
    zeitraum: {von: 2024-01, bis: 2025-12}
    personal:
      - {partner: amt-sued, vzae: 0.25, rolle: Projektleitung}
    ```
    """

    code = "DS120"
    name = "verantwortlich-ohne-personal"
    severity = Severity.WARNUNG
    options = {"status": ["geplant", "in-umsetzung", "abgeschlossen"]}
    choices = {"status": STATUS_REIHENFOLGE}

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        staffed: dict[str, set[int]] = defaultdict(set)
        for p in ctx.project.partner:
            for post in p.personal:
                if post.vzae > 0:
                    staffed[p.id].update(post.jahre)
        for s in ctx.project.steckbriefe:
            for pers in s.personal:
                if pers.vzae > 0:
                    staffed[pers.partner].update(pers.jahre)
        statuses = set(self.opts["status"])
        lz = ctx.laufzeit
        for s in ctx.project.steckbriefe:
            if s.status not in statuses or s.verantwortlich not in ctx.partner:
                continue
            if s.zeitraum is not None:
                years = set(s.zeitraum.jahre)
            else:
                years = {k.jahr for k in s.kosten}
            missing = sorted(y for y in years if y in lz and y not in staffed[s.verantwortlich])
            if missing:
                name = ctx.partner[s.verantwortlich].name
                yield self.at(
                    s.ref,
                    "verantwortlich",
                    message=(
                        f"{name} ist verantwortlich, stellt {jahre_text(missing)} aber kein Personal "
                        f"(weder in partner.yaml noch in einem Steckbrief)."
                    ),
                )
