"""DS107: amounts or posts dated outside the strategy's ``laufzeit`` (left out of the budget)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.formatting import jahre_text
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class AusserhalbLaufzeit(Rule):
    """Beträge oder Stellen außerhalb der Laufzeit der Strategie fehlen im Budget.

    Die Budgetrechnung berichtet nur die Jahre der `laufzeit` aus `strategie.yaml`; was in
    anderen Jahren steht, wird stillschweigend weggelassen. Die Regel meldet Steckbrief-`kosten`
    und -`foerderung` mit einem Jahr außerhalb der Laufzeit, `personal`-Einträge (in Steckbriefen
    und in `partner.yaml`) und `budget`-Einträge der Partner, die ganz oder teilweise außerhalb
    liegen, und `vorgaben.budget_je_partner` für ein Jahr außerhalb.

    Falsch (Laufzeit 2023–2026):

    ```yaml
    kosten:
      - {jahr: 2027, betrag: 12000}
    ```

    Richtig: die Laufzeit verlängern oder das Jahr korrigieren.

    ```yaml
    kosten:
      - {jahr: 2026, betrag: 12000}
    ```
    """

    code = "DS107"
    name = "ausserhalb-laufzeit"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        lz = ctx.laufzeit
        if lz.bis < lz.von:
            return  # reported by zeitraum-umgekehrt; every year would be "outside"
        span = jahre_text(lz.jahre)
        vg = ctx.project.strategie.vorgaben
        for minimum in vg.budget_je_partner if vg else []:
            if minimum.jahr not in lz:
                yield self.at(
                    minimum.ref,
                    "jahr",
                    message=(
                        f"Die Budgetvorgabe für {minimum.jahr} liegt außerhalb der Laufzeit der Strategie ({span})."
                    ),
                )
        for p in ctx.project.partner:
            for post in p.personal:
                yield from self._range(post, f"Die Stelle „{post.rolle}“", span, lz)
            for b in p.budget:
                yield from self._range(b, "Das Budget", span, lz)
        for s in ctx.project.steckbriefe:
            for k in s.kosten:
                if k.jahr not in lz:
                    yield self.at(
                        k.ref,
                        "jahr",
                        message=(
                            f"Kosten für {k.jahr} liegen außerhalb der Laufzeit der Strategie ({span}) und "
                            f"fehlen daher im Budget."
                        ),
                    )
            for f in s.foerderung:
                if f.jahr is not None and f.jahr not in lz:
                    yield self.at(
                        f.ref,
                        "jahr",
                        message=(
                            f"Die Förderung für {f.jahr} liegt außerhalb der Laufzeit der Strategie ({span}) und "
                            f"fehlt daher im Budget."
                        ),
                    )
            for pers in s.personal:
                yield from self._range(pers, f"Der Personaleinsatz von „{pers.partner}“", span, lz)

    def _range(self, item, what: str, span: str, lz) -> Iterator[Finding]:
        outside = [y for y in item.jahre if y not in lz]
        if not outside:
            return
        key = (
            "jahr"
            if getattr(item, "jahr", None) is not None
            else ("ab" if item.ab is not None and (item.ab < lz.von or item.bis is None) else "bis")
        )
        yield self.at(
            item.ref,
            key,
            message=(
                f"{what} liegt mit {jahre_text(outside)} außerhalb der Laufzeit der Strategie ({span}); "
                f"{'dieses Jahr fehlt' if len(outside) == 1 else 'diese Jahre fehlen'} in der Budgetrechnung."
            ),
        )
