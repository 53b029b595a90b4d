"""Format v1 budget rules on small hand-built projects, with hand-computed expected figures.

``write_project`` (also used by the other budget tests) writes a project into a folder; the
files are JSON, which is YAML 1.2, so the test data stays Python dicts.
"""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from digistrat.budget import BudgetError, Figures, compute_rollup
from digistrat.validation import load_project

HANDLUNGSFELDER = [{"id": "verwaltung", "titel": "Verwaltung"}, {"id": "bildung", "titel": "Bildung"}]


def write_project(
    root: Path,
    *,
    partner: list[dict],
    steckbriefe: list[dict] = (),
    laufzeit=(2023, 2024),
    programme: list[dict] | None = None,
) -> Path:
    root.mkdir(parents=True, exist_ok=True)

    def dump(name: str, data) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    dump(
        "strategie.yaml",
        {
            "titel": "Teststrategie",
            "federfuehrung": partner[0]["id"],
            "laufzeit": {"von": laufzeit[0], "bis": laufzeit[1]},
            "handlungsfelder": HANDLUNGSFELDER,
        },
    )
    dump("partner.yaml", {"partner": [{"art": "amt", **p} for p in partner]})
    dump("agenda.yaml", {"titel": "Agenda", "projekte": [s["id"] for s in steckbriefe]})
    for s in steckbriefe:
        dump(
            f"steckbriefe/{s['id']}.yaml",
            {
                "titel": f"Projekt {s['id']}",
                "handlungsfeld": "verwaltung",
                "status": "geplant",
                "kurzbeschreibung": "Test.",
                "verantwortlich": partner[0]["id"],
                **s,
            },
        )
    if programme is not None:
        dump("foerderprogramme.yaml", {"programme": programme})
    return root


ABC = [
    {"id": "a", "name": "Amt A", "einwohner": 1000},
    {"id": "b", "name": "Amt B", "einwohner": 2000},
    {"id": "c", "name": "Stadt C", "einwohner": 3000, "art": "stadt"},
]


def rollup_of(tmp_path, nur_bewilligt=False, **kwargs):
    return compute_rollup(load_project(write_project(tmp_path / "p", **kwargs)), nur_bewilligt=nur_bewilligt)


def money(fig: Figures) -> tuple:
    return fig.aufwand, fig.foerderung, fig.eigenanteil


# -- step 1: aufwand and the split keys --------------------------------------------------------


def test_split_keys(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": [
                    {"jahr": 2023, "betrag": 500},  # verantwortlich (a) pays
                    {"jahr": 2023, "betrag": 70, "traeger": "c"},
                    {"jahr": 2023, "betrag": 100, "aufteilung": {"schluessel": "gleich"}},  # every partner
                    {"jahr": 2023, "betrag": 100.01, "aufteilung": {"schluessel": "gleich", "partner": ["c", "a"]}},
                    {"jahr": 2023, "betrag": 1000, "aufteilung": {"schluessel": "einwohner"}},
                    {"jahr": 2024, "betrag": 10, "aufteilung": {"schluessel": "einwohner", "partner": ["b", "c"]}},
                    {
                        "jahr": 2024,
                        "betrag": 45000,
                        "aufteilung": {"schluessel": "anteile", "anteile": {"a": 60, "c": 40}},
                    },
                    {
                        "jahr": 2024,
                        "betrag": 100,
                        "aufteilung": {"schluessel": "anteile", "anteile": {"a": 33.33, "b": 33.33, "c": 33.34}},
                    },
                ],
            }
        ],
    )
    assert r.kosten_anteile("S1", 0) == {"a": D("500")}
    assert r.kosten_anteile("S1", 1) == {"c": D("70")}
    # 33.333… each: the leftover cent goes to the partner listed first in partner.yaml
    assert r.kosten_anteile("S1", 2) == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    # 50.005 each: a is first in partner.yaml although listed second in the split
    assert r.kosten_anteile("S1", 3) == {"a": D("50.01"), "c": D("50.00")}
    # 1000 : 2000 : 3000 → 166.666…, 333.333…, 500 → the cent to the largest remainder (a)
    assert r.kosten_anteile("S1", 4) == {"a": D("166.67"), "b": D("333.33"), "c": D("500.00")}
    # 2000 : 3000 of 10 → 4 and 6
    assert r.kosten_anteile("S1", 5) == {"b": D("4.00"), "c": D("6.00")}
    assert r.kosten_anteile("S1", 6) == {"a": D("27000.00"), "c": D("18000.00")}
    assert r.kosten_anteile("S1", 7) == {"a": D("33.33"), "b": D("33.33"), "c": D("33.34")}
    # a: 500 + 33.34 + 50.01 + 166.67; b: 33.33 + 333.33; c: 70 + 33.33 + 50.00 + 500.00
    assert r.partner("a", 2023).aufwand == D("750.02")
    assert r.partner("b", 2023).aufwand == D("366.66")
    assert r.partner("c", 2023).aufwand == D("653.33")
    assert r.partner("a", 2024).aufwand == D("27033.33")
    assert r.partner("b", 2024).aufwand == D("37.33")
    assert r.partner("c", 2024).aufwand == D("18039.34")
    assert r.jahr_summe(2023).aufwand == D("1770.01")
    assert r.jahr_summe(2024).aufwand == D("45110.00")


def test_anteile_not_adding_up_to_100_are_split_in_proportion(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": [
                    {
                        "jahr": 2023,
                        "betrag": 900,
                        "aufteilung": {"schluessel": "anteile", "anteile": {"b": 50, "c": 25}},
                    }
                ],
            }
        ],
    )
    assert r.kosten_anteile("S1", 0) == {"b": D("600.00"), "c": D("300.00")}


def test_one_cent_among_two_equal_shares_goes_to_the_first_partner(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": [
                    {
                        "jahr": 2023,
                        "betrag": 0.01,
                        "aufteilung": {"schluessel": "anteile", "anteile": {"c": 50, "b": 50}},
                    }
                ],
            }
        ],
    )
    assert r.kosten_anteile("S1", 0) == {"b": D("0.01"), "c": D("0.00")}


def test_partner_budgets_per_year_and_as_ranges(tmp_path):
    r = rollup_of(
        tmp_path,
        laufzeit=(2023, 2026),
        partner=[
            {
                "id": "a",
                "name": "Amt A",
                "budget": [
                    {"jahr": 2023, "betrag": 1000},
                    {"ab": 2024, "bis": 2025, "betrag": 500},
                    {"ab": 2025, "betrag": 50},  # to the end of laufzeit: 2025, 2026
                    {"bis": 2023, "betrag": 7},  # from the start of laufzeit
                    {"jahr": 2022, "betrag": 999},  # outside laufzeit: left out
                    {"ab": 2026, "bis": 2027, "betrag": 10},  # 2027 left out
                ],
            }
        ],
    )
    assert [r.partner("a", j).aufwand for j in r.jahre] == [D("1007.00"), D("500.00"), D("550.00"), D("60.00")]
    assert r.partner_summe("a").aufwand == D("2117.00")


# -- step 2: funding --------------------------------------------------------------------------

SHARED_COSTS = [
    {"jahr": 2023, "betrag": 6000},  # a (verantwortlich)
    {"jahr": 2023, "betrag": 3000, "aufteilung": {"schluessel": "gleich", "partner": ["b", "c"]}},
    {"jahr": 2024, "betrag": 1000, "traeger": "b"},
]


def test_funding_without_jahr_is_spread_over_years_and_shared_among_payers(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": SHARED_COSTS,
                "foerderung": [
                    {"programm": "land", "betrag": 5000, "status": "bewilligt"},
                    {"programm": "bund", "quote": 10, "status": "beantragt"},
                    {"programm": "kreis", "betrag": 300, "jahr": 2024, "status": "geplant"},
                ],
            }
        ],
    )
    # 5000 over 9000 : 1000 → 4500 / 500; 2023 among a 6000, b 1500, c 1500 → 3000 / 750 / 750
    assert r.foerderung_anteile("S1", 0) == {
        ("a", 2023): D("3000.00"),
        ("b", 2023): D("750.00"),
        ("c", 2023): D("750.00"),
        ("b", 2024): D("500.00"),
    }
    # 10 % of 10000 = 1000 → 900 / 100
    assert r.foerderung_betrag("S1", 1) == D("1000.00")
    assert r.foerderung_anteile("S1", 1) == {
        ("a", 2023): D("600.00"),
        ("b", 2023): D("150.00"),
        ("c", 2023): D("150.00"),
        ("b", 2024): D("100.00"),
    }
    assert r.foerderung_anteile("S1", 2) == {("b", 2024): D("300.00")}
    assert money(r.partner("a", 2023)) == (D("6000.00"), D("3600.00"), D("2400.00"))
    assert money(r.partner("b", 2023)) == (D("1500.00"), D("900.00"), D("600.00"))
    assert money(r.partner("c", 2023)) == (D("1500.00"), D("900.00"), D("600.00"))
    assert money(r.partner("b", 2024)) == (D("1000.00"), D("900.00"), D("100.00"))
    assert money(r.gesamt()) == (D("10000.00"), D("6300.00"), D("3700.00"))


def test_funding_cents_ties_go_to_first_partner_and_earlier_year(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": [
                    {"jahr": 2023, "betrag": 100, "traeger": "c"},
                    {"jahr": 2024, "betrag": 100, "traeger": "c"},
                    {"jahr": 2023, "betrag": 50, "aufteilung": {"schluessel": "gleich", "partner": ["b", "c"]}},
                ],
                "foerderung": [
                    # 2023 has 150, 2024 has 100 → 0.03 × 150/250 = 0.018, 0.012 → 0.01, 0.01 + the cent to 2023
                    {"programm": "x", "betrag": 0.03, "status": "bewilligt"},
                    # equal costs over years would tie: test with a second Steckbrief below
                    # 2023 payers: b 25, c 125 → 0.02 × 25/150 = 0.0033, × 125/150 = 0.0166 → c gets both cents
                    {"programm": "y", "betrag": 0.02, "jahr": 2023, "status": "bewilligt"},
                ],
            },
            {
                "id": "S2",
                "verantwortlich": "b",
                "kosten": [
                    {"jahr": 2023, "betrag": 10, "aufteilung": {"schluessel": "gleich", "partner": ["c", "b"]}},
                    {"jahr": 2024, "betrag": 10},
                ],
                "foerderung": [
                    {"programm": "x", "betrag": 0.01, "status": "bewilligt"},  # years tie: 2023; payers tie: b
                    {"programm": "x", "betrag": 0.03, "status": "bewilligt"},  # 0.015 / 0.015 → 2023 0.02, 2024 0.01
                ],
            },
        ],
    )
    assert r.foerderung_anteile("S1", 0) == {("b", 2023): D("0.00"), ("c", 2023): D("0.02"), ("c", 2024): D("0.01")}
    assert r.foerderung_anteile("S1", 1) == {("b", 2023): D("0.00"), ("c", 2023): D("0.02")}
    assert r.foerderung_anteile("S2", 0) == {("b", 2023): D("0.01"), ("c", 2023): D("0.00"), ("b", 2024): D("0.00")}
    assert r.foerderung_anteile("S2", 1) == {("b", 2023): D("0.01"), ("c", 2023): D("0.01"), ("b", 2024): D("0.01")}


def test_quote_is_rounded_half_up_first(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": [{"jahr": 2023, "betrag": 100.04}, {"jahr": 2024, "betrag": 900}],
                "foerderung": [
                    # 12.5 % of 100.04 = 12.505 → 12.51 (half up; half to even would give 12.50)
                    {"programm": "x", "quote": 12.5, "jahr": 2023, "status": "bewilligt"},
                    # 0.5 % of 100.04 + 900 = 5.0002 → 5.00, then spread 100.04 : 900 → 0.50020… / 4.4998 → 0.50 / 4.50
                    {"programm": "y", "quote": 0.5, "status": "bewilligt"},
                ],
            }
        ],
    )
    assert r.foerderung_betrag("S1", 0) == D("12.51")
    assert r.foerderung_anteile("S1", 0) == {("a", 2023): D("12.51")}
    assert r.foerderung_betrag("S1", 1) == D("5.00")
    assert r.foerderung_anteile("S1", 1) == {("a", 2023): D("0.50"), ("a", 2024): D("4.50")}


def test_abgelehnt_is_ignored_and_nur_bewilligt_counts_only_bewilligt(tmp_path):
    sb = {
        "id": "S1",
        "kosten": [{"jahr": 2023, "betrag": 10000}],
        "foerderung": [
            {"programm": "x", "betrag": 100, "status": "bewilligt"},
            {"programm": "x", "betrag": 200, "status": "beantragt"},
            {"programm": "x", "betrag": 400, "status": "geplant"},
            {"programm": "x", "quote": 8, "status": "abgelehnt"},
        ],
    }
    r = rollup_of(tmp_path, partner=ABC, steckbriefe=[sb])
    assert r.partner("a", 2023).foerderung == D("700.00")
    assert r.foerderung_anteile("S1", 3) == {}
    assert r.foerderung_betrag("S1", 3) == D("800.00")  # the amount it stands for, though not counted
    only = compute_rollup(r.project, nur_bewilligt=True)
    assert only.partner("a", 2023).foerderung == D("100.00")
    assert only.foerderung_anteile("S1", 1) == {}
    assert only.group("programm").gesamt.foerderung == D("100.00")
    assert only.group("programm").nur_bewilligt


def test_funding_beyond_costs_and_without_costs(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "verantwortlich": "b",
                "kosten": [{"jahr": 2023, "betrag": 100, "traeger": "c"}],
                "foerderung": [
                    {"programm": "x", "betrag": 150, "jahr": 2023, "status": "bewilligt"},  # more than the costs
                    {"programm": "x", "betrag": 40, "jahr": 2024, "status": "bewilligt"},  # no costs in 2024
                ],
            },
            {"id": "S2", "foerderung": [{"programm": "x", "betrag": 99, "status": "bewilligt"}]},
        ],
    )
    # not capped: c's eigenanteil turns negative
    assert money(r.partner("c", 2023)) == (D("100.00"), D("150.00"), D("-50.00"))
    # nobody pays 2024 costs: the verantwortlich partner (b) gets it
    assert money(r.partner("b", 2024)) == (D("0.00"), D("40.00"), D("-40.00"))
    # no costs at all and no jahr: no year to date it in, left out
    assert r.foerderung_anteile("S2", 0) == {}
    assert money(r.gesamt()) == (D("100.00"), D("190.00"), D("-90.00"))


def test_funding_over_costs_of_zero_is_spread_equally(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": [
                    {"jahr": 2023, "betrag": 0},
                    {"jahr": 2024, "betrag": 0, "aufteilung": {"schluessel": "gleich", "partner": ["b", "c"]}},
                ],
                "foerderung": [{"programm": "x", "betrag": 0.03, "status": "bewilligt"}],
            }
        ],
    )
    # 0.015 per year → the odd cent to 2023 (a pays it all); 2024's cent between b and c → b
    assert r.foerderung_anteile("S1", 0) == {("a", 2023): D("0.02"), ("b", 2024): D("0.01"), ("c", 2024): D("0.00")}


# -- step 4: VZÄ -------------------------------------------------------------------------------


def test_vzae_defaults(tmp_path):
    r = rollup_of(
        tmp_path,
        laufzeit=(2023, 2026),
        partner=[
            {
                "id": "a",
                "name": "Amt A",
                "personal": [
                    {"rolle": "Digitalisierung", "vzae": 0.5},  # laufzeit, stelle vorhanden
                    {"rolle": "Neue Stelle", "vzae": 1, "ab": 2024, "stelle": "neu"},  # 2024–2026
                ],
            },
            {"id": "b", "name": "Amt B"},
        ],
        steckbriefe=[
            {
                "id": "S1",
                "zeitraum": {"von": "2024-03", "bis": "2025-06"},
                "personal": [
                    {"partner": "b", "vzae": 0.25},  # zeitraum 2024–2025, neu
                    {"partner": "b", "vzae": 0.1, "ab": 2025},  # 2025 to the end of zeitraum
                    {"partner": "a", "vzae": 0.3, "bis": 2024, "stelle": "vorhanden"},  # from zeitraum start: 2024
                    {"partner": "a", "vzae": 2, "ab": 2022, "bis": 2023},  # 2022 outside laufzeit
                ],
            },
            {"id": "S2", "personal": [{"partner": "b", "vzae": 0.05}]},
        ],
    )  # no zeitraum: laufzeit
    vz = {(pid, j): (r.partner(pid, j).vzae, r.partner(pid, j).vzae_neu) for pid in "ab" for j in r.jahre}
    assert vz == {
        ("a", 2023): (D("2.50"), D("2.00")),
        ("a", 2024): (D("1.80"), D("1.00")),
        ("a", 2025): (D("1.50"), D("1.00")),
        ("a", 2026): (D("1.50"), D("1.00")),
        ("b", 2023): (D("0.05"), D("0.05")),
        ("b", 2024): (D("0.30"), D("0.30")),
        ("b", 2025): (D("0.40"), D("0.40")),
        ("b", 2026): (D("0.05"), D("0.05")),
    }
    # VZÄ do not add up over years
    assert r.partner_summe("a").vzae is None and r.gesamt().vzae_neu is None
    assert r.jahr_summe(2025) == Figures(D("0.00"), D("0.00"), D("1.90"), D("1.40"))


# -- step 5: outside laufzeit -------------------------------------------------------------------


def test_amounts_outside_laufzeit_are_left_out(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": [
                    {"jahr": 2022, "betrag": 1000},
                    {"jahr": 2023, "betrag": 1000},
                    {"jahr": 2025, "betrag": 77},
                ],
                "foerderung": [{"programm": "x", "betrag": 500, "status": "bewilligt"}],
            }
        ],
    )
    assert r.jahre == [2023, 2024]
    assert r.kosten_anteile("S1", 0) == {"a": D("1000")}  # the split exists, the figures leave it out
    # 500 over 1000 : 1000 : 77 → 240.7318… / 240.7318… / 18.5363… → the leftover cent to 2025
    assert r.foerderung_anteile("S1", 0) == {
        ("a", 2022): D("240.73"),
        ("a", 2023): D("240.73"),
        ("a", 2025): D("18.54"),
    }
    assert money(r.partner("a", 2023)) == (D("1000.00"), D("240.73"), D("759.27"))
    assert money(r.gesamt()) == (D("1000.00"), D("240.73"), D("759.27"))
    assert {line.jahr for line in r.lines} == {2023}


# -- errors ------------------------------------------------------------------------------------


def test_einwohner_split_with_a_partner_without_einwohner_is_an_error(tmp_path, monkeypatch):
    partner = [{"id": "a", "name": "Amt A", "einwohner": 10}, {"id": "b", "name": "Amt B"}]
    root = write_project(tmp_path / "p", partner=partner, steckbriefe=[{"id": "S1"}])
    (root / "steckbriefe" / "S1.yaml").write_text(
        "id: S1\n"
        "titel: Projekt S1\n"
        "handlungsfeld: verwaltung\n"
        "status: geplant\n"
        "kurzbeschreibung: Test.\n"
        "verantwortlich: a\n"
        "kosten:\n"
        "  - jahr: 2023\n"
        "    betrag: 90000\n"
        "    aufteilung:\n"
        "      schluessel: einwohner\n"
        "      partner: [a, b]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    with pytest.raises(BudgetError) as exc:
        compute_rollup(load_project("."))
    assert exc.value.exit_code == 1
    # line 12, column 20: the "b" in "partner: [a, b]"
    assert exc.value.message == (
        "steckbriefe/S1.yaml:12:20: Der Kostenposten $.kosten[0] (2023, 90.000,00\u00a0€) des Steckbriefs „S1“ "
        "wird nach Einwohnern aufgeteilt, aber für den Partner „b“ fehlt in partner.yaml die Einwohnerzahl "
        "(„einwohner“). Bitte die Einwohnerzahl ergänzen oder einen anderen Schlüssel wählen."
    )


def test_einwohner_split_over_every_partner_points_at_the_aufteilung(tmp_path, monkeypatch):
    partner = [{"id": "a", "name": "Amt A", "einwohner": 10}, {"id": "b", "name": "Amt B"}]
    root = write_project(
        tmp_path / "p",
        partner=partner,
        steckbriefe=[{"id": "S1", "kosten": [{"jahr": 2024, "betrag": 5, "aufteilung": {"schluessel": "einwohner"}}]}],
    )
    monkeypatch.chdir(root)
    # the file is JSON with one key per line: line 12 is the key "aufteilung"
    with pytest.raises(
        BudgetError,
        match=r"^steckbriefe/S1\.yaml:12:4: Der Kostenposten \$\.kosten\[0\] "
        r"\(2024, 5,00\u00a0€\) .* Partner „b“ fehlt",
    ):
        compute_rollup(load_project("."))


def test_zero_weights_cannot_be_split(tmp_path):
    partner = [{"id": "a", "name": "Amt A", "einwohner": 0}, {"id": "b", "name": "Amt B", "einwohner": 0}]
    root = write_project(
        tmp_path / "p",
        partner=partner,
        steckbriefe=[{"id": "S1", "kosten": [{"jahr": 2024, "betrag": 5, "aufteilung": {"schluessel": "einwohner"}}]}],
    )
    with pytest.raises(BudgetError, match="alle beteiligten Partner haben 0 Einwohner"):
        compute_rollup(load_project(root))


# -- the API the other commands use ------------------------------------------------------------


def test_views_group_the_same_lines(tmp_path):
    r = rollup_of(
        tmp_path,
        partner=ABC,
        steckbriefe=[
            {
                "id": "S1",
                "kosten": SHARED_COSTS,
                "foerderung": [{"programm": "land", "betrag": 5000, "status": "bewilligt"}],
                "personal": [{"partner": "c", "vzae": 0.5}],
            }
        ],
    )
    hf = r.group("handlungsfeld")
    assert [(row.key, row.quelle, row.name) for row in hf.rows] == [("verwaltung", None, "Verwaltung")]
    assert money(hf.gesamt) == money(r.gesamt()) == (D("10000.00"), D("5000.00"), D("5000.00"))
    kat = r.group("kategorie")
    assert [(row.key, row.quelle, row.name) for row in kat.rows] == [
        ("sonstige", None, "Sonstige"),
        (None, "personal", "Personal der Steckbriefe"),
        (None, "foerderung", "Förderung"),
    ]
    assert kat.rows[2].summe == Figures(D("0.00"), D("5000.00"), None, None)
    prog = r.group("programm", jahr=2024)
    assert prog.jahre == [2024]
    assert [(row.key, row.summe) for row in prog.rows] == [
        ("land", Figures(D("0.00"), D("500.00"), D("0.00"), D("0.00"))),
        (None, Figures(D("1000.00"), D("0.00"), D("0.00"), D("0.00"))),
        (None, Figures(D("0.00"), D("0.00"), D("0.50"), D("0.50"))),
    ]
    heide = r.group("partner", partner="c")
    assert [row.key for row in heide.rows] == ["c"] and heide.partner_name == "Stadt C"
    assert heide.summe_jahre[2023] == r.partner("c", 2023)
