"""Format v1.1 budget rules 6–8 on small hand-built projects, with hand-computed figures."""

from __future__ import annotations

import json
from decimal import Decimal as D

from test_budget import ABC, rollup_of, write_project

from digistrat.budget import compute_rollup
from digistrat.validation import load_project

PLANNED = {
    "id": "P-01",
    "kosten": [
        {"jahr": 2023, "betrag": 1000, "kategorie": "sachkosten"},
        {"jahr": 2024, "betrag": 600, "kategorie": "investitionen", "traeger": "b"},
    ],
    "foerderung": [{"programm": "land", "betrag": 400, "status": "bewilligt"}],
    "personal": [{"partner": "a", "vzae": 0.5, "ab": 2023, "bis": 2024}],
    "ist_kosten": [{"jahr": 2023, "betrag": 900, "kategorie": "sachkosten"}],
}


def four(fig) -> tuple:
    return fig.aufwand, fig.foerderung, fig.vzae, fig.ist


# -- rule 6: verworfen counts nothing ----------------------------------------------------------


def test_verworfen_contributes_nothing(tmp_path):
    geplant = rollup_of(tmp_path / "g", partner=ABC, steckbriefe=[PLANNED])
    assert four(geplant.partner("a", 2023)) == (D("1000.00"), D("250.00"), D("0.50"), D("900.00"))
    assert four(geplant.partner("b", 2024)) == (D("600.00"), D("150.00"), D("0.00"), D("0.00"))
    verworfen = rollup_of(tmp_path / "v", partner=ABC, steckbriefe=[{**PLANNED, "status": "verworfen"}])
    for pid in ("a", "b", "c"):
        for jahr in (2023, 2024):
            assert verworfen.partner(pid, jahr).is_zero
            assert verworfen.partner(pid, jahr).ist == D("0.00")
    assert verworfen.lines == []
    assert verworfen.kosten_anteile("P-01", 0) == {}
    assert verworfen.foerderung_anteile("P-01", 0) == {}
    assert verworfen.foerderung_betrag("P-01", 0) == D("400")


def test_verworfen_needs_no_einwohner_for_its_split(tmp_path):
    # a split by Einwohner that could not be computed is no error where nothing counts
    sb = {
        "id": "P-01",
        "status": "verworfen",
        "kosten": [{"jahr": 2023, "betrag": 100, "aufteilung": {"schluessel": "einwohner"}}],
    }
    partner = [{"id": "a", "name": "Amt A"}, {"id": "b", "name": "Amt B"}]
    rollup = rollup_of(tmp_path, partner=partner, steckbriefe=[sb])
    assert rollup.gesamt().aufwand == D("0.00")


def test_other_statuses_still_count(tmp_path):
    for status in ("idee", "zurueckgestellt", "abgeschlossen"):
        rollup = rollup_of(tmp_path / status, partner=ABC, steckbriefe=[{**PLANNED, "status": status}])
        assert rollup.gesamt().aufwand == D("1600.00")


# -- rule 7: investiv and foerderung_investiv --------------------------------------------------


def test_investiv_is_the_investitionen_part_of_aufwand(tmp_path):
    sb = {
        "id": "P-01",
        "kosten": [
            {"jahr": 2023, "betrag": 300, "kategorie": "investitionen"},
            {"jahr": 2023, "betrag": 700, "kategorie": "sachkosten"},
        ],
        "foerderung": [{"programm": "land", "betrag": 500, "status": "bewilligt", "jahr": 2023}],
    }
    a = rollup_of(tmp_path, partner=ABC, steckbriefe=[sb]).partner("a", 2023)
    assert (a.aufwand, a.investiv, a.foerderung, a.foerderung_investiv) == (
        D("1000.00"),
        D("300.00"),
        D("500.00"),
        D("150.00"),
    )


def test_own_budget_is_never_investiv(tmp_path):
    partner = [{**ABC[0], "budget": [{"jahr": 2023, "betrag": 1000}]}]
    assert rollup_of(tmp_path, partner=partner).partner("a", 2023).investiv == D("0.00")


def test_foerderung_investiv_largest_remainder(tmp_path):
    # 100.00 split 2:1 → 66.666…/33.333…; the left-over cent goes to the larger remainder (konsumtiv)
    sb = {
        "id": "P-01",
        "kosten": [
            {"jahr": 2023, "betrag": 200, "kategorie": "lizenzen"},
            {"jahr": 2023, "betrag": 100, "kategorie": "investitionen"},
        ],
        "foerderung": [{"programm": "land", "betrag": 100, "status": "bewilligt"}],
    }
    a = rollup_of(tmp_path, partner=ABC, steckbriefe=[sb]).partner("a", 2023)
    assert (a.foerderung, a.foerderung_investiv) == (D("100.00"), D("33.33"))


def test_foerderung_investiv_tie_goes_to_the_consumptive_part(tmp_path):
    sb = {
        "id": "P-01",
        "kosten": [
            {"jahr": 2023, "betrag": 100, "kategorie": "investitionen"},
            {"jahr": 2023, "betrag": 100, "kategorie": "dienstleistungen"},
        ],
        "foerderung": [{"programm": "land", "betrag": 0.01, "status": "bewilligt"}],
    }
    a = rollup_of(tmp_path, partner=ABC, steckbriefe=[sb]).partner("a", 2023)
    assert (a.foerderung, a.foerderung_investiv) == (D("0.01"), D("0.00"))


def test_foerderung_investiv_follows_what_each_partner_pays(tmp_path):
    # investitionen 1000 shared equally by a and b, sachkosten 1000 paid by a; quote 50 % → 1000:
    # a pays 1500 (1000 konsumtiv, 500 investiv) → 750 funding, 250 of it investiv;
    # b pays 500, all investiv → 250 funding, all of it investiv
    sb = {
        "id": "P-01",
        "kosten": [
            {
                "jahr": 2024,
                "betrag": 1000,
                "kategorie": "investitionen",
                "aufteilung": {"schluessel": "gleich", "partner": ["a", "b"]},
            },
            {"jahr": 2024, "betrag": 1000, "kategorie": "sachkosten"},
        ],
        "foerderung": [
            {"programm": "land", "quote": 30, "status": "bewilligt"},
            {"programm": "bund", "quote": 20, "status": "beantragt"},
            {"programm": "eu", "quote": 90, "status": "abgelehnt"},
        ],
    }
    rollup = rollup_of(tmp_path, partner=ABC, steckbriefe=[sb])
    a, b = rollup.partner("a", 2024), rollup.partner("b", 2024)
    assert (a.investiv, a.foerderung, a.foerderung_investiv) == (D("500.00"), D("750.00"), D("250.00"))
    assert (b.investiv, b.foerderung, b.foerderung_investiv) == (D("500.00"), D("250.00"), D("250.00"))
    # carried by the counted entries in proportion to their shares: a gets 450 + 300, so 150 + 100
    by_programm = rollup.group("programm", jahr=2024, partner="a")
    assert {r.key or r.quelle: r.summe.foerderung_investiv for r in by_programm.rows} == {
        "land": D("150.00"),
        "bund": D("100.00"),
        "kosten": D("0.00"),
    }
    granted = compute_rollup(rollup.project, nur_bewilligt=True).partner("a", 2024)
    assert (granted.foerderung, granted.foerderung_investiv) == (D("450.00"), D("150.00"))


def test_funding_without_costs_that_year_is_consumptive(tmp_path):
    sb = {
        "id": "P-01",
        "kosten": [{"jahr": 2023, "betrag": 100, "kategorie": "investitionen"}],
        "foerderung": [{"programm": "land", "betrag": 50, "status": "bewilligt", "jahr": 2024}],
    }
    a = rollup_of(tmp_path, partner=ABC, steckbriefe=[sb]).partner("a", 2024)
    assert (a.foerderung, a.foerderung_investiv) == (D("50.00"), D("0.00"))


# -- rule 8: ist ---------------------------------------------------------------------------------


def test_ist_is_split_like_kosten_and_only_in_laufzeit(tmp_path):
    sb = {
        "id": "P-01",
        "ist_kosten": [
            {"jahr": 2022, "betrag": 999, "kategorie": "sachkosten"},
            {"jahr": 2023, "betrag": 11500, "kategorie": "sachkosten"},
            {
                "jahr": 2024,
                "betrag": 20000,
                "kategorie": "dienstleistungen",
                "aufteilung": {"schluessel": "einwohner", "partner": ["a", "b"]},
            },
            {"jahr": 2024, "betrag": 100, "traeger": "c"},
        ],
    }
    rollup = rollup_of(tmp_path, partner=ABC, steckbriefe=[sb])
    assert [rollup.partner(p, 2023).ist for p in "abc"] == [D("11500.00"), D("0.00"), D("0.00")]
    assert [rollup.partner(p, 2024).ist for p in "abc"] == [D("6666.67"), D("13333.33"), D("100.00")]
    assert rollup.gesamt().ist == D("31600.00")
    assert rollup.gesamt().aufwand == D("0.00")  # Ist is no plan figure


# -- the JSON of budget ---------------------------------------------------------------------------


def test_budget_json_has_the_v11_keys(cli, tmp_path):
    root = write_project(tmp_path / "p", partner=ABC[:1], steckbriefe=[PLANNED | {"kosten": PLANNED["kosten"][:1]}])
    data = json.loads(cli("budget", root, "--format", "json").out)
    (a,) = data["partner"]
    assert a["jahre"]["2023"] == {
        "aufwand": "1000.00",
        "foerderung": "400.00",
        "eigenanteil": "600.00",
        "vzae": "0.50",
        "vzae_neu": "0.50",
        "investiv": "0.00",
        "foerderung_investiv": "0.00",
        "ist": "900.00",
    }
    assert a["summe"] == {
        "aufwand": "1000.00",
        "foerderung": "400.00",
        "eigenanteil": "600.00",
        "investiv": "0.00",
        "foerderung_investiv": "0.00",
        "ist": "900.00",
    }
    assert list(data["summe"]["jahre"]["2024"]) == list(a["jahre"]["2023"])
    assert data["summe"]["gesamt"] == a["summe"]
    assert compute_rollup(load_project(root)).gesamt().ist == D("900.00")


# -- property: rule 7 against an independent computation ------------------------------------------

from hypothesis import given, settings  # noqa: E402
from test_budget_property import projects  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(projects())
def test_rule_7_on_random_projects(project):
    from fractions import Fraction

    rollup = compute_rollup(project)
    jahre = set(rollup.jahre)
    got: dict[tuple, D] = {}
    for line in rollup.lines:
        if line.quelle == "foerderung":
            key = (line.steckbrief, line.partner, line.jahr)
            got[key] = got.get(key, D("0.00")) + line.foerderung_investiv
            assert D("0.00") <= line.foerderung_investiv <= line.foerderung
    investiv: dict[tuple, D] = {}
    for sb in project.steckbriefe:
        paid: dict[tuple, list[D]] = {}  # (partner, jahr) → [konsumtiv, investiv]
        for i, k in enumerate(sb.kosten):
            for pid, share in rollup.kosten_anteile(sb.id, i).items():
                part = paid.setdefault((pid, k.jahr), [D(0), D(0)])
                part[1 if k.kategorie == "investitionen" else 0] += share
                if k.kategorie == "investitionen" and k.jahr in jahre:
                    investiv[(pid, k.jahr)] = investiv.get((pid, k.jahr), D(0)) + share
        funding: dict[tuple, D] = {}
        for i in range(len(sb.foerderung)):
            for key, share in rollup.foerderung_anteile(sb.id, i).items():
                funding[key] = funding.get(key, D(0)) + share
        for (pid, jahr), total in funding.items():
            if jahr not in jahre:
                continue
            konsumtiv, inv = paid.get((pid, jahr), [D(0), D(0)])
            expected = D(0)
            if inv and total:
                exact = Fraction(total) * 100 * Fraction(inv) / Fraction(konsumtiv + inv)
                floor = exact.numerator // exact.denominator
                rest_inv = exact - floor
                rest_kons = (Fraction(total) * 100 - exact) - (
                    (Fraction(total) * 100 - exact).numerator // (Fraction(total) * 100 - exact).denominator
                )
                # one cent left over goes to the larger remainder, a tie to the consumptive part
                cents = floor + (1 if rest_inv + rest_kons >= 1 and rest_inv > rest_kons else 0)
                expected = D(cents).scaleb(-2)
            assert got.get((sb.id, pid, jahr), D("0.00")) == expected, (sb.id, pid, jahr)
    for pid in rollup.partner_ids:
        for jahr in rollup.jahre:
            assert rollup.partner(pid, jahr).investiv == investiv.get((pid, jahr), D(0))
