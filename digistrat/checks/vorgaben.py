"""The partners' own commitments against the strategy's ``vorgaben`` (one computation for all).

Lint rule DS102 and Anlage 4 ("Ressourcen") both compare, per partner and year, the partner's
**own** posts and budget from ``partner.yaml`` with the minimums of ``strategie.yaml`` — the
Digitalisierungsmanager*in post and the free, project-independent budget of the seed. Steckbrief
costs and staff do not count. Computed from the model, so lint needs no budget rollup.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from digistrat.money import ZERO


@dataclass(frozen=True)
class VorgabeJahr:
    jahr: int
    eigenes_budget: Decimal  # sum of the partner's budget entries covering the year
    eigene_vzae: Decimal  # sum of the partner's posts active in the year
    soll_budget: Decimal | None  # None: no budget minimum for the year, or the partner is ausgenommen
    soll_vzae: Decimal | None

    @property
    def budget_erfuellt(self) -> bool | None:
        return None if self.soll_budget is None else self.eigenes_budget >= self.soll_budget

    @property
    def vzae_erfuellt(self) -> bool | None:
        return None if self.soll_vzae is None else self.eigene_vzae >= self.soll_vzae


def vorgaben_vergleich(project) -> dict[str, dict[int, VorgabeJahr]]:
    """partner id → year → comparison, for every year of the laufzeit and every year with a budget
    minimum. Partners under ``vorgaben.ausgenommen`` get ``None`` targets."""
    vg = project.strategie.vorgaben
    soll_budget = {b.jahr: b.betrag for b in vg.budget_je_partner} if vg else {}
    exempt = set(vg.ausgenommen) if vg else set()
    years = sorted(set(project.strategie.laufzeit.jahre) | set(soll_budget))
    out: dict[str, dict[int, VorgabeJahr]] = {}
    for p in project.partner:
        money = dict.fromkeys(years, ZERO)
        staff = dict.fromkeys(years, ZERO)
        for b in p.budget:
            for y in b.jahre:
                if y in money:
                    money[y] += b.betrag
        for post in p.personal:
            for y in post.jahre:
                if y in staff:
                    staff[y] += post.vzae
        frei = p.id in exempt
        out[p.id] = {
            y: VorgabeJahr(
                y,
                money[y],
                staff[y],
                None if frei else soll_budget.get(y),
                None if frei or vg is None else vg.vzae_je_partner,
            )
            for y in years
        }
    return out
