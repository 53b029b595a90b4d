"""DS114: a split by ``einwohner`` that includes a partner without ``einwohner``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.formatting import aufzaehlung
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class EinwohnerFehlt(Rule):
    """Eine Aufteilung nach Einwohnern enthält einen Partner ohne Einwohnerzahl.

    `schluessel: einwohner` verteilt Kosten im Verhältnis der `einwohner` aus `partner.yaml`.
    Fehlt die Zahl bei einem beteiligten Partner (ohne `partner`-Liste: bei irgendeinem Partner),
    lässt sich sein Anteil nicht berechnen; ist die Summe 0, keiner.

    Falsch:

    ```yaml
    # partner.yaml: zweckverband-breitband hat keine einwohner
    aufteilung:
      schluessel: einwohner
      partner: [stadt-heide, zweckverband-breitband]
    ```

    Richtig:

    ```yaml
    aufteilung:
      schluessel: einwohner
      partner: [stadt-heide, stadt-brunsbuettel]
    ```
    """

    code = "DS114"
    name = "einwohner-fehlt"
    severity = Severity.FEHLER

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        partners = ctx.partner
        without_all = [p.id for p in ctx.project.partner if p.einwohner is None]
        for s in ctx.project.steckbriefe:
            for k in s.kosten:
                a = k.aufteilung
                if a is None or a.schluessel != "einwohner":
                    continue
                if a.partner is None:
                    if without_all:
                        yield self.at(
                            a.ref,
                            "schluessel",
                            message=(
                                f"Aufteilung nach Einwohnern auf alle Partner, aber für {aufzaehlung(without_all)} "
                                f"fehlt die Einwohnerzahl in partner.yaml."
                            ),
                        )
                        continue
                    members = list(ctx.project.partner)
                else:
                    members = []
                    for j, pid in enumerate(a.partner):
                        p = partners.get(pid)
                        if p is None:
                            continue  # unknown partner: reported by validate
                        members.append(p)
                        if p.einwohner is None:
                            yield self.at(
                                a.ref,
                                "partner",
                                j,
                                message=(
                                    f"Aufteilung nach Einwohnern, aber für „{pid}“ fehlt die Einwohnerzahl in "
                                    f"partner.yaml."
                                ),
                            )
                if (
                    members
                    and all(p.einwohner is not None for p in members)
                    and not sum(p.einwohner or 0 for p in members)
                ):
                    yield self.at(
                        a.ref,
                        "schluessel",
                        message=(
                            "Aufteilung nach Einwohnern, aber die beteiligten Partner haben zusammen 0 Einwohner."
                        ),
                    )
