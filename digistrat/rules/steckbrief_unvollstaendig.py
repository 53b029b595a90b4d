"""DS117: a Steckbrief with status ``geplant`` or later that lacks essential fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.model.types import STATUS_REIHENFOLGE
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext

FIELDS = {
    "zielgruppen": "Zielgruppen",
    "hauptaktivitaeten": "Hauptaktivitäten",
    "zeitraum": "Zeitraum",
    "kosten": "Kosten",
    "ziele": "Ziele",
    "beschreibung": "Beschreibung",
    "kennzahlen": "Kennzahlen",
    "risiken": "Risiken",
    "personal": "Personal",
    "beteiligte": "Beteiligte",
}


class SteckbriefUnvollstaendig(Rule):
    """Einem geplanten Steckbrief fehlen Zielgruppen, Hauptaktivitäten, Zeitraum oder Kosten.

    Eine Idee darf skizzenhaft sein; ab dem Status `geplant` sollte ein Steckbrief beschreiben,
    für wen (`zielgruppen`), wie (`hauptaktivitaeten`), wann (`zeitraum`) und zu welchen Kosten
    (`kosten`) das Projekt umgesetzt wird. Die Option `status` nennt die geprüften Status, die
    Option `felder` die verlangten Felder (möglich: zielgruppen, hauptaktivitaeten, zeitraum,
    kosten, ziele, beschreibung, kennzahlen, risiken, personal, beteiligte).

    Falsch:

    ```yaml
    status: geplant
    kurzbeschreibung: Ein gemeinsames Portal für alle Familienangebote.
    ```

    Richtig:

    ```yaml
    status: geplant
    kurzbeschreibung: Ein gemeinsames Portal für alle Familienangebote.
    zielgruppen: [Familien]
    hauptaktivitaeten:
      - {titel: Konzept, von: 2025-01, bis: 2025-06}
    zeitraum: {von: 2025-01, bis: 2026-12}
    kosten:
      - {jahr: 2025, betrag: 20000}
    ```
    """

    code = "DS117"
    name = "steckbrief-unvollstaendig"
    severity = Severity.HINWEIS
    options = {
        "status": ["geplant", "in-umsetzung", "abgeschlossen"],
        "felder": ["zielgruppen", "hauptaktivitaeten", "zeitraum", "kosten"],
    }
    choices = {"felder": tuple(FIELDS), "status": STATUS_REIHENFOLGE}

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        statuses = set(self.opts["status"])
        wanted = [f for f in self.opts["felder"] if f in FIELDS]
        for s in ctx.project.steckbriefe:
            if s.status not in statuses:
                continue
            for name in wanted:
                if not getattr(s, name):
                    yield self.at(
                        s.ref,
                        "status",
                        message=(
                            f"Der Steckbrief hat den Status „{s.status}“, aber keine Angabe zu „{FIELDS[name]}“ "
                            f"({name})."
                        ),
                    )
