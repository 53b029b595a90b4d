"""Format v1.1 rule 7: the part of a Steckbrief's funding that covers investitionen.

For each Steckbrief, partner and year, the partner's funding share (rule 2, all counted entries
together) is split between the partner's consumptive costs of that Steckbrief and year (every
category but ``investitionen``) and its investitionen, in proportion to the two amounts, to the
cent by the largest-remainder method, a tie going to the consumptive part. The investive part is
then carried by the funding entries in proportion to what each gives that partner in that year
(ties to the entry listed first), so that every figure stays a sum of the rollup's lines.
"""

from __future__ import annotations

from decimal import Decimal

from digistrat.budget.splits import from_cents, split_cents, to_cents

Key = tuple[str, int]  # (partner id, year)


def foerderung_investiv(
    entries: list[dict[Key, Decimal]],
    paid_by_year: dict[int, dict[str, int]],
    investiv_by_year: dict[int, dict[str, int]],
) -> list[dict[Key, Decimal]]:
    """For each funding entry's counted shares, the investive part of each (partner, year) share.

    ``paid_by_year``/``investiv_by_year``: year → partner → cents the partner pays of the
    Steckbrief's costs (all of them / only investitionen). Keys absent from a result are zero.
    """
    totals: dict[Key, int] = {}
    for shares in entries:
        for key, amount in shares.items():
            totals[key] = totals.get(key, 0) + to_cents(amount)
    result: list[dict[Key, Decimal]] = [{} for _ in entries]
    for key, total in totals.items():
        pid, jahr = key
        investiv = investiv_by_year.get(jahr, {}).get(pid, 0)
        if not investiv or not total:
            continue
        konsumtiv = paid_by_year.get(jahr, {}).get(pid, 0) - investiv
        _, cents = split_cents(total, [konsumtiv, investiv])  # a tie goes to the first: konsumtiv
        if not cents:
            continue
        carriers = [(i, to_cents(shares[key])) for i, shares in enumerate(entries) if shares.get(key)]
        for (i, _), part in zip(carriers, split_cents(cents, [c for _, c in carriers])):
            result[i][key] = from_cents(part)
    return result
