"""The one comparison of own commitments with the Vorgaben that lint DS102 and Anlage 4 share."""

from decimal import Decimal

from conftest import EXAMPLE

from digistrat.checks.vorgaben import vorgaben_vergleich
from digistrat.validation import load_project


def test_example_meets_the_seeds_vorgaben_in_every_year():
    vergleich = vorgaben_vergleich(load_project(EXAMPLE))
    kreis = vergleich["kreis-dithmarschen"][2023]
    assert (kreis.soll_budget, kreis.soll_vzae, kreis.budget_erfuellt) == (None, None, None)  # ausgenommen
    eider = vergleich["amt-klg-eider"]
    assert eider[2023].eigenes_budget == Decimal("30000")
    assert eider[2023].soll_budget == Decimal("30000") and eider[2023].budget_erfuellt is True
    assert eider[2024].eigenes_budget == Decimal("25000")
    assert eider[2024].soll_budget is None  # the strategy sets a budget minimum for 2023 only
    assert [eider[y].eigene_vzae for y in (2023, 2024, 2025, 2026)] == [Decimal("0.5")] * 4
    assert all(eider[y].vzae_erfuellt for y in (2023, 2024, 2025, 2026))
    assert vergleich["stadt-heide"][2025].eigene_vzae == Decimal("1.0")


def test_shortfall_is_reported_per_year(example_copy):
    partner = example_copy / "partner.yaml"
    text = partner.read_text(encoding="utf-8")
    start = text.index("id: amt-klg-eider")
    cut = text.index("vzae: 0.5", start)
    partner.write_text(text[:cut] + "vzae: 0.25" + text[cut + len("vzae: 0.5") :], encoding="utf-8")
    eider = vorgaben_vergleich(load_project(example_copy))["amt-klg-eider"]
    assert [eider[y].vzae_erfuellt for y in (2023, 2024, 2025, 2026)] == [False] * 4
    assert eider[2023].eigene_vzae == Decimal("0.25")
