"""DS119: two Steckbriefe with the same title."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.model.types import Steckbrief
    from digistrat.rules.context import LintContext


class DoppelterTitel(Rule):
    """Zwei Steckbriefe tragen denselben Titel.

    Im Druck und in der Beratung werden Projekte über ihren Titel angesprochen; zwei gleiche
    Titel sind meist eine versehentlich kopierte Datei oder ein doppelt erfasstes Projekt.
    Groß-/Kleinschreibung und mehrfache Leerzeichen zählen nicht als Unterschied. Gemeldet wird
    jeder weitere Steckbrief (in Agenda-Reihenfolge) mit Verweis auf den ersten.

    Falsch:

    ```yaml
    # steckbriefe/DD-04.yaml
    titel: Digitale Bürgerbeteiligung
    # steckbriefe/DD-09.yaml
    titel: Digitale  bürgerbeteiligung
    ```

    Richtig:

    ```yaml
    # steckbriefe/DD-09.yaml
    titel: Bürgerbeteiligung in der Bauleitplanung
    ```
    """

    code = "DS119"
    name = "doppelter-titel"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        first: dict[str, Steckbrief] = {}
        for s in ctx.project.steckbriefe:
            key = " ".join(s.titel.split()).casefold()
            other = first.setdefault(key, s)
            if other is not s:
                yield self.at(
                    s.ref,
                    "titel",
                    message=(
                        f"Denselben Titel „{s.titel}“ trägt schon der Steckbrief „{other.id}“ ({other.ref.file})."
                    ),
                )
