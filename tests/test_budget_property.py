"""Property test: on random projects every split adds up exactly and every view reconciles.

The projects are built as model objects (what ``load_project`` returns), so a hundred of them
take a second, and the expected totals are computed here independently of the rollup's lines.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from digistrat.budget import DIMENSIONEN, compute_rollup
from digistrat.model.types import (
    Agenda,
    Aufteilung,
    Foerderung,
    Handlungsfeld,
    Jahresspanne,
    Kosten,
    Partner,
    PartnerBudget,
    PartnerPost,
    Personal,
    Project,
    Ref,
    Steckbrief,
    Strategie,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
money = st.integers(0, 10**8).map(lambda c: Decimal(c).scaleb(-2))
small_money = st.integers(0, 500).map(lambda c: Decimal(c).scaleb(-2))  # cents: many ties
vzae = st.integers(0, 200).map(lambda c: Decimal(c).scaleb(-2))
percent = st.integers(0, 10000).map(lambda c: Decimal(c).scaleb(-2))
KATEGORIEN = ["sachkosten", "lizenzen", "investitionen"]


@st.composite
def projects(draw):
    von = draw(st.integers(2020, 2030))
    laufzeit = Jahresspanne(von, von + draw(st.integers(0, 3)))
    years = st.integers(von - 1, laufzeit.bis + 1)  # some amounts fall outside laufzeit
    ids = [f"p{i}" for i in range(draw(st.integers(1, 6)))]
    partners = []
    for pid in ids:
        budgets = []
        for _ in range(draw(st.integers(0, 2))):
            ab = draw(years)
            budgets.append(PartnerBudget(betrag=draw(money), jahre=range(ab, draw(st.integers(ab, ab + 2)) + 1)))
        posts = []
        for _ in range(draw(st.integers(0, 2))):
            ab = draw(years)
            posts.append(
                PartnerPost(
                    rolle="r",
                    vzae=draw(vzae),
                    ab=ab,
                    bis=None,
                    jahre=range(ab, laufzeit.bis + 1),
                    stelle=draw(st.sampled_from(["vorhanden", "neu"])),
                )
            )
        partners.append(
            Partner(
                id=pid,
                name=pid.upper(),
                art="amt",
                einwohner=draw(st.integers(1, 10**6)),
                personal=posts,
                budget=budgets,
            )
        )
    steckbriefe = []
    for n in range(draw(st.integers(0, 4))):
        sid = f"S{n}"
        kosten = []
        for i in range(draw(st.integers(0, 5))):
            kind = draw(st.sampled_from(["verantwortlich", "traeger", "gleich", "einwohner", "anteile"]))
            k = Kosten(
                jahr=draw(years),
                betrag=draw(st.one_of(money, small_money)),
                kategorie=draw(st.sampled_from(KATEGORIEN)),
                ref=Ref(f"{sid}.yaml", ("kosten", i)),
            )
            if kind == "traeger":
                k.traeger = draw(st.sampled_from(ids))
            elif kind in ("gleich", "einwohner"):
                members = draw(st.one_of(st.none(), st.lists(st.sampled_from(ids), min_size=1, max_size=8)))
                k.aufteilung = Aufteilung(kind, members)
            elif kind == "anteile":
                members = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6, unique=True))
                shares = {pid: draw(percent) for pid in members}
                if not any(shares.values()):
                    shares[members[0]] = Decimal(100)
                k.aufteilung = Aufteilung("anteile", None, shares)
            kosten.append(k)
        foerderung = []
        for i in range(draw(st.integers(0, 3))):
            is_quote = draw(st.booleans())
            foerderung.append(
                Foerderung(
                    programm=draw(st.sampled_from(["land", "bund"])),
                    status=draw(st.sampled_from(["geplant", "beantragt", "bewilligt", "abgelehnt"])),
                    betrag=None if is_quote else draw(st.one_of(money, small_money)),
                    quote=draw(percent) if is_quote else None,
                    jahr=draw(st.one_of(st.none(), years)),
                    ref=Ref(f"{sid}.yaml", ("foerderung", i)),
                )
            )
        personal = []
        for _ in range(draw(st.integers(0, 2))):
            ab = draw(years)
            personal.append(
                Personal(
                    partner=draw(st.sampled_from(ids)),
                    vzae=draw(vzae),
                    ab=ab,
                    bis=ab + 1,
                    jahre=range(ab, ab + 2),
                    stelle=draw(st.sampled_from(["vorhanden", "neu"])),
                )
            )
        steckbriefe.append(
            Steckbrief(
                id=sid,
                titel=f"Projekt {sid}",
                handlungsfeld=draw(st.sampled_from(["hf1", "hf2"])),
                status="geplant",
                kurzbeschreibung="-",
                verantwortlich=draw(st.sampled_from(ids)),
                kosten=kosten,
                personal=personal,
                foerderung=foerderung,
            )
        )
    strategie = Strategie(
        titel="T",
        federfuehrung=ids[0],
        laufzeit=laufzeit,
        handlungsfelder=[Handlungsfeld("hf1", "Eins"), Handlungsfeld("hf2", "Zwei")],
    )
    return Project(
        root=None,
        strategie=strategie,
        partner=partners,
        agenda=Agenda("A", [s.id for s in steckbriefe]),
        steckbriefe=steckbriefe,
    )


def counted(status: str, nur_bewilligt: bool) -> bool:
    return status == "bewilligt" if nur_bewilligt else status != "abgelehnt"


def assert_largest_remainder(shares: dict, amount: Decimal, weights: dict, order: dict) -> None:
    """Each share is its exact proportion rounded down or up to the cent, and the shares rounded up
    are those with the largest remainders (ties: the partner listed first)."""
    total = sum(weights.values())
    if total == 0:
        return
    up, down = [], []
    for key, share in shares.items():
        exact_cents = Fraction(amount) * 100 * Fraction(weights[key]) / Fraction(total)
        floor = exact_cents.numerator // exact_cents.denominator
        cents = int(share * 100)
        assert cents in (floor, floor + 1), (key, share, exact_cents)
        (up if cents > floor else down).append((exact_cents - floor, order[key]))
    for rem_up, pos_up in up:
        for rem_down, pos_down in down:
            assert rem_up > rem_down or (rem_up == rem_down and pos_up < pos_down)


@settings(max_examples=100, deadline=None)
@given(projects(), st.booleans())
def test_splits_add_up_and_views_reconcile(project, nur_bewilligt):
    r = compute_rollup(project, nur_bewilligt=nur_bewilligt)
    years = set(r.jahre)
    einwohner = {p.id: p.einwohner for p in project.partner}
    order = {pid: i for i, pid in enumerate(r.partner_ids)}
    expected_aufwand = dict.fromkeys(r.jahre, ZERO)
    expected_foerderung = dict.fromkeys(r.jahre, ZERO)
    expected_vzae = dict.fromkeys(r.jahre, ZERO)
    for p in project.partner:
        for b in p.budget:
            for j in set(b.jahre) & years:
                expected_aufwand[j] += b.betrag
        for post in p.personal:
            for j in set(post.jahre) & years:
                expected_vzae[j] += post.vzae
    for sb in project.steckbriefe:
        costs: dict[int, Decimal] = {}
        paid: dict[int, dict[str, Decimal]] = {}
        for i, k in enumerate(sb.kosten):
            shares = r.kosten_anteile(sb.id, i)
            assert sum(shares.values()) == k.betrag
            assert all(s >= 0 and s == s.quantize(CENT) for s in shares.values())
            if k.aufteilung is not None and k.aufteilung.schluessel == "gleich":
                assert_largest_remainder(shares, k.betrag, dict.fromkeys(shares, 1), order)
            if k.aufteilung is not None and k.aufteilung.schluessel == "einwohner":
                assert_largest_remainder(shares, k.betrag, {pid: einwohner[pid] for pid in shares}, order)
            if k.aufteilung is not None and k.aufteilung.schluessel == "anteile":
                assert_largest_remainder(shares, k.betrag, k.aufteilung.anteile, order)
            costs[k.jahr] = costs.get(k.jahr, ZERO) + k.betrag
            for pid, share in shares.items():
                paid.setdefault(k.jahr, {}).setdefault(pid, ZERO)
                paid[k.jahr][pid] += share
            if k.jahr in years:
                expected_aufwand[k.jahr] += k.betrag
        for i, f in enumerate(sb.foerderung):
            covered = [f.jahr] if f.jahr is not None else sorted(costs)
            amount = (
                f.betrag
                if f.betrag is not None
                else (sum((costs.get(j, ZERO) for j in covered), ZERO) * f.quote / 100).quantize(CENT, ROUND_HALF_UP)
            )
            assert r.foerderung_betrag(sb.id, i) == amount
            shares = r.foerderung_anteile(sb.id, i)
            if not counted(f.status, nur_bewilligt) or not covered:
                assert shares == {}
                continue
            assert sum(shares.values()) == amount
            per_year = {j: sum((v for (_, y), v in shares.items() if y == j), ZERO) for j in covered}
            year_weights = {j: costs.get(j, ZERO) for j in covered}
            if not any(year_weights.values()):
                year_weights = dict.fromkeys(covered, 1)
            assert_largest_remainder(per_year, amount, year_weights, {j: j for j in covered})
            for j in covered:
                in_year = {pid: v for (pid, y), v in shares.items() if y == j}
                payers = paid.get(j)
                if not payers:
                    assert in_year == {sb.verantwortlich: per_year[j]}
                    continue
                assert set(in_year) == set(payers)
                weights = payers if any(payers.values()) else dict.fromkeys(payers, 1)
                assert_largest_remainder(in_year, per_year[j], weights, order)
            for (_pid, j), share in shares.items():
                if j in years:
                    expected_foerderung[j] += share
        for p in sb.personal:
            for j in set(p.jahre) & years:
                expected_vzae[j] += p.vzae

    for j in r.jahre:
        by_partner = [r.partner(pid, j) for pid in r.partner_ids]
        summe = r.jahr_summe(j)
        assert summe.aufwand == sum(f.aufwand for f in by_partner) == expected_aufwand[j]
        assert summe.foerderung == sum(f.foerderung for f in by_partner) == expected_foerderung[j]
        assert summe.vzae == sum(f.vzae for f in by_partner) == expected_vzae[j]
        assert summe.eigenanteil == summe.aufwand - summe.foerderung
    gesamt = r.gesamt()
    assert gesamt.aufwand == sum(expected_aufwand.values())
    assert gesamt.foerderung == sum(expected_foerderung.values())

    for dimension in DIMENSIONEN:
        view = r.group(dimension)
        assert (view.gesamt.aufwand, view.gesamt.foerderung) == (gesamt.aufwand, gesamt.foerderung)
        for j in r.jahre:
            assert view.summe_jahre[j] == r.jahr_summe(j)
            if dimension != "jahr":
                rows = [row.jahre[j] for row in view.rows]
                assert sum(f.aufwand for f in rows) == view.summe_jahre[j].aufwand
                assert sum(f.foerderung for f in rows) == view.summe_jahre[j].foerderung
                assert sum(f.vzae for f in rows) == view.summe_jahre[j].vzae
                assert sum(f.vzae_neu for f in rows) == view.summe_jahre[j].vzae_neu
        for row in view.rows:
            assert row.summe.aufwand == sum(f.aufwand for f in row.jahre.values())
            assert row.summe.foerderung == sum(f.foerderung for f in row.jahre.values())

    # limited to one partner and one year: the partner grid's cell
    pid, j = r.partner_ids[-1], r.jahre[-1]
    for dimension in DIMENSIONEN:
        assert r.group(dimension, jahr=j, partner=pid).gesamt == r.partner(pid, j)
