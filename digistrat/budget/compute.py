"""Format v1 "How the budget is computed" and rules 6–8 of v1.1, producing the rollup's fact lines.

One pass over the partners and one over the Steckbriefe; each Steckbrief touches only its own
entries and the partners its splits name (an ``aufteilung`` without ``partner`` names all of
them), so the work grows linearly with the project.

Choices where format v1 leaves room (documented in README.md, section "Wie gerechnet wird"):

- ``anteile`` that do not add up to 100 are split in proportion to the given percents, so the
  shares still add up to the amount (the linter reports the sum).
- ``schluessel: anteile`` splits among the partners named in ``anteile``; a ``partner`` list
  beside it is not used. A partner listed twice in ``partner`` counts once.
- Funding is never capped: funding above a year's costs makes the payers' eigenanteil
  negative, visibly, and every total still reconciles (the linter reports it).
- Funding in a year without any costs of the Steckbrief has nobody to share it: it goes to the
  Steckbrief's ``verantwortlich``. Funding without ``jahr`` on a Steckbrief without any costs
  covers no year and is left out, like amounts outside laufzeit. Where the covered costs are all
  zero, the spread (over years, or among payers) is equal instead of proportional.
"""

from __future__ import annotations

from decimal import Decimal

import digistrat.budget.funding as funding
from digistrat.budget.investiv import foerderung_investiv
from digistrat.budget.rollup import Line, Rollup
from digistrat.budget.splits import from_cents, split_amount, split_cents, to_cents
from digistrat.errors import DigistratError
from digistrat.gc_pause import gc_paused
from digistrat.model.types import Kosten, Project, Steckbrief
from digistrat.money import ZERO


class BudgetError(DigistratError):
    """The project validates but a figure cannot be computed (e.g. a missing ``einwohner``)."""

    exit_code = 1


def compute_rollup(project: Project, nur_bewilligt: bool = False, *, splits: bool = True) -> Rollup:
    """All figures of ``project``; with ``nur_bewilligt`` only ``bewilligt`` funding counts.

    ``splits=False``: without the per-entry splits of the Steckbrief pages (``kosten_anteile``,
    ``foerderung_anteile``), which the budget tables never read; a quarter of the rollup's memory.
    """
    with gc_paused():
        return _Computation(project, nur_bewilligt, splits).run()


class _Computation:
    def __init__(self, project: Project, nur_bewilligt: bool, splits: bool = True):
        self.project = project
        self.nur_bewilligt = nur_bewilligt
        self.splits = splits
        self.jahre = set(project.jahre)
        self.order = {p.id: i for i, p in enumerate(project.partner)}
        self.partners = project.partner_by_id()
        self.lines: list[Line] = []
        self.kosten_anteile: dict[tuple[str, int], dict[str, Decimal]] = {}
        self.foerderung_anteile: dict[tuple[str, int], dict[tuple[str, int], Decimal]] = {}
        self.foerderung_betraege: dict[tuple[str, int], Decimal] = {}

    def run(self) -> Rollup:
        for partner in self.project.partner:
            self._partner(partner)
        for sb in self.project.steckbriefe:
            self._steckbrief(sb)
        return Rollup(
            self.project,
            self.nur_bewilligt,
            self.lines,
            self.kosten_anteile if self.splits else None,
            self.foerderung_anteile if self.splits else None,
            self.foerderung_betraege,
        )

    # -- step 1 (own budget) and step 4 (posts) for each partner -----------------------------

    def _partner(self, partner) -> None:
        add = self.lines.append
        for b in partner.budget:
            for jahr in b.jahre:
                if jahr in self.jahre:
                    add(Line(partner.id, jahr, "budget", None, None, None, None, b.betrag, ZERO, b.ref))
        for post in partner.personal:
            neu = post.vzae if post.stelle == "neu" else ZERO
            for jahr in post.jahre:
                if jahr in self.jahre:
                    add(Line(partner.id, jahr, "stelle", None, None, None, None, post.vzae, neu, post.ref))

    # -- steps 1, 2 and 4 for each Steckbrief ----------------------------------------------

    def _steckbrief(self, sb: Steckbrief) -> None:
        if sb.status == "verworfen":
            self._verworfen(sb)
            return
        add = self.lines.append
        hf = sb.handlungsfeld
        cost_by_year: dict[int, int] = {}  # cents, every year including those outside laufzeit
        paid_by_year: dict[int, dict[str, int]] = {}  # year → partner → cents paid
        investiv_by_year: dict[int, dict[str, int]] = {}  # the same, investitionen only (rule 7)
        funded = bool(sb.foerderung)  # who paid what is only needed to share funding
        for i, k in enumerate(sb.kosten):
            shares = self._kosten_shares(sb, i, k)
            if self.splits:
                self.kosten_anteile[(sb.id, i)] = shares
            investiv = k.kategorie == "investitionen"
            if funded:
                cost_by_year[k.jahr] = cost_by_year.get(k.jahr, 0) + to_cents(k.betrag)
                _add_cents(paid_by_year.setdefault(k.jahr, {}), shares)
                if investiv:
                    _add_cents(investiv_by_year.setdefault(k.jahr, {}), shares)
            if k.jahr in self.jahre:
                for pid, amount in shares.items():
                    inv = amount if investiv else ZERO
                    add(Line(pid, k.jahr, "kosten", sb.id, hf, k.kategorie, None, amount, inv, k.ref))
        self._foerderung(sb, cost_by_year, paid_by_year, investiv_by_year)
        for p in sb.personal:
            neu = p.vzae if p.stelle == "neu" else ZERO
            for jahr in p.jahre:
                if jahr in self.jahre:
                    add(Line(p.partner, jahr, "personal", sb.id, hf, None, None, p.vzae, neu, p.ref))
        for i, k in enumerate(sb.ist_kosten):  # rule 8: split like kosten, only years of laufzeit
            if k.jahr in self.jahre:
                for pid, amount in self._kosten_shares(sb, i, k).items():
                    add(Line(pid, k.jahr, "ist", sb.id, hf, k.kategorie, None, amount, ZERO, k.ref))

    def _foerderung(self, sb: Steckbrief, cost_by_year, paid_by_year, investiv_by_year) -> None:
        """Step 2 and rule 7 for each funding entry of one Steckbrief."""
        counted = []
        for i, f in enumerate(sb.foerderung):
            years = funding.covered_years(f, cost_by_year)
            amount = funding.amount(f, from_cents(sum(cost_by_year.get(y, 0) for y in years)))
            self.foerderung_betraege[(sb.id, i)] = amount
            shares: dict[tuple[str, int], Decimal] = {}
            if funding.counts(f.status, self.nur_bewilligt):
                shares = self._foerderung_shares(sb, amount, years, cost_by_year, paid_by_year)
            if self.splits:
                self.foerderung_anteile[(sb.id, i)] = shares
            counted.append(shares)
        investive = foerderung_investiv(counted, paid_by_year, investiv_by_year) if investiv_by_year else None
        add = self.lines.append
        hf = sb.handlungsfeld
        for i, (f, shares) in enumerate(zip(sb.foerderung, counted)):
            for (pid, jahr), share in shares.items():
                if jahr in self.jahre:
                    inv = investive[i].get((pid, jahr), ZERO) if investive else ZERO
                    add(Line(pid, jahr, "foerderung", sb.id, hf, None, f.programm, share, inv or ZERO, f.ref))

    def _verworfen(self, sb: Steckbrief) -> None:
        """Format v1.1 rule 6: a ``verworfen`` Steckbrief contributes nothing.

        No lines; its cost entries are split among nobody (empty ``kosten_anteile``), its funding
        is not counted (empty ``foerderung_anteile``); the amount a funding entry stands for is
        still given, as for an ``abgelehnt`` one.
        """
        cost_by_year: dict[int, int] = {}
        for i, k in enumerate(sb.kosten):
            self.kosten_anteile[(sb.id, i)] = {}
            cost_by_year[k.jahr] = cost_by_year.get(k.jahr, 0) + to_cents(k.betrag)
        for i, f in enumerate(sb.foerderung):
            years = funding.covered_years(f, cost_by_year)
            covered = from_cents(sum(cost_by_year.get(y, 0) for y in years))
            self.foerderung_betraege[(sb.id, i)] = funding.amount(f, covered)
            self.foerderung_anteile[(sb.id, i)] = {}

    def _kosten_shares(self, sb: Steckbrief, index: int, k: Kosten) -> dict[str, Decimal]:
        a = k.aufteilung
        if a is None:
            return {k.traeger or sb.verantwortlich: k.betrag}
        if a.schluessel == "anteile":
            members = self._in_partner_order(a.anteile)
            weights: list[Decimal | int] = [a.anteile[pid] for pid in members]
        else:
            members = self._in_partner_order(a.partner if a.partner is not None else self.order)
            if a.schluessel == "einwohner":
                weights = [self._einwohner(sb, index, k, pid) for pid in members]
            else:
                weights = [1] * len(members)
        try:
            return split_amount(k.betrag, members, weights)
        except ValueError:
            raise self._error(sb, k.ref.path + ("aufteilung",), k, _ZERO_WEIGHTS[a.schluessel]) from None

    def _foerderung_shares(
        self,
        sb: Steckbrief,
        amount: Decimal,
        years: list[int],
        cost_by_year: dict[int, int],
        paid_by_year: dict[int, dict[str, int]],
    ) -> dict[tuple[str, int], Decimal]:
        """Format v1 step 2: spread over the covered years by cost, then share among that year's payers."""
        if not years:
            return {}
        total = to_cents(amount)
        per_year = split_cents(total, _proportions([cost_by_year.get(y, 0) for y in years]))
        shares: dict[tuple[str, int], Decimal] = {}
        for jahr, cents in zip(years, per_year):
            paid = paid_by_year.get(jahr)
            if not paid:
                shares[(sb.verantwortlich, jahr)] = from_cents(cents)
                continue
            payers = self._in_partner_order(paid)
            for pid, c in zip(payers, split_cents(cents, _proportions([paid[p] for p in payers]))):
                shares[(pid, jahr)] = from_cents(c)
        return shares

    # -- helpers -------------------------------------------------------------------------------

    def _in_partner_order(self, ids) -> list[str]:
        return sorted(set(ids), key=self.order.__getitem__)

    def _einwohner(self, sb: Steckbrief, index: int, k: Kosten, pid: str) -> int:
        einwohner = self.partners[pid].einwohner
        if einwohner is None:
            a = k.aufteilung
            path = k.ref.path + ("aufteilung",)
            if a is not None and a.partner is not None:
                path += ("partner", a.partner.index(pid))
            raise self._error(
                sb,
                path,
                k,
                f"wird nach Einwohnern aufgeteilt, aber für den Partner „{pid}“ "
                "fehlt in partner.yaml die Einwohnerzahl („einwohner“). Bitte die Einwohnerzahl "
                "ergänzen oder einen anderen Schlüssel wählen.",
            )
        return einwohner

    def _error(self, sb: Steckbrief, path: tuple, k: Kosten, what: str) -> BudgetError:
        from digistrat.findings import Finding, Severity, format_json_path
        from digistrat.formatting import euro
        from digistrat.loading.positions import locate

        probe = Finding("", "", Severity.FEHLER, "", sb.ref.file, path)
        located = locate([probe], self.project.texts)[0]
        where = sb.ref.file if located.line is None else f"{sb.ref.file}:{located.line}:{located.column}"
        entry = format_json_path(k.ref.path)
        return BudgetError(
            f"{where}: Der Kostenposten {entry} ({k.jahr}, {euro(k.betrag)}) des Steckbriefs „{sb.id}“ {what}"
        )


_ZERO_WEIGHTS = {
    "einwohner": "wird nach Einwohnern aufgeteilt, aber alle beteiligten Partner haben 0 Einwohner.",
    "anteile": "wird nach Anteilen aufgeteilt, aber alle Anteile sind 0.",
    "gleich": "wird zu gleichen Teilen aufgeteilt, nennt aber keinen Partner.",
}


def _add_cents(target: dict[str, int], shares: dict[str, Decimal]) -> None:
    for pid, amount in shares.items():
        target[pid] = target.get(pid, 0) + to_cents(amount)


def _proportions(weights: list[int]) -> list[int]:
    """The weights, or equal weights where they are all zero (nothing to be proportional to)."""
    return weights if any(weights) else [1] * len(weights)
