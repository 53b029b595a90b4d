"""Property test: ``diff A A`` is empty, and ``diff A B`` lists exactly the partner-year figures
in which the two ``budget --format json`` outputs differ, with their difference."""

from __future__ import annotations

import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_budget import write_project
from test_diff import commit, git

from digistrat.history.diff import WERTE

cents = st.integers(0, 10**7).map(lambda c: float(Decimal(c).scaleb(-2)))
KATEGORIEN = ["sachkosten", "lizenzen", "investitionen"]


@st.composite
def kosten(draw, partner_ids: list[str], jahre):
    entry = {"jahr": draw(jahre), "betrag": draw(cents), "kategorie": draw(st.sampled_from(KATEGORIEN))}
    payer = draw(st.sampled_from(["verantwortlich", "traeger", "gleich", "einwohner"]))
    if payer == "traeger":
        entry["traeger"] = draw(st.sampled_from(partner_ids))
    elif payer != "verantwortlich":
        entry["aufteilung"] = {"schluessel": payer}
    return entry


@st.composite
def stand(draw):
    partner = [
        {"id": f"p{i}", "name": f"Partner {i}", "einwohner": draw(st.integers(1, 10**5))}
        for i in range(draw(st.integers(1, 3)))
    ]
    ids = [p["id"] for p in partner]
    jahre = st.integers(2022, 2025)  # laufzeit 2023–2024: some amounts fall outside
    steckbriefe = []
    for n in range(draw(st.integers(0, 3))):
        sb = {
            "id": f"S-{n}",
            "status": draw(st.sampled_from(["geplant", "in-umsetzung", "verworfen"])),
            "kosten": draw(st.lists(kosten(ids, jahre), max_size=3)),
            "ist_kosten": draw(st.lists(kosten(ids, jahre), max_size=2)),
            "personal": [{"partner": draw(st.sampled_from(ids)), "vzae": 0.5}] if draw(st.booleans()) else [],
        }
        if draw(st.booleans()):
            status = draw(st.sampled_from(["bewilligt", "beantragt", "abgelehnt"]))
            amount = {"quote": draw(st.integers(0, 100))} if draw(st.booleans()) else {"betrag": draw(cents)}
            sb["foerderung"] = [{"programm": "land", "status": status, **amount}]
        steckbriefe.append(sb)
    return {"partner": partner, "steckbriefe": steckbriefe}


def _budget(cli, root: Path) -> dict:
    result = cli("budget", root, "--format", "json")
    assert result.code == 0, result
    return json.loads(result.out)


def _expected(a: dict, b: dict) -> list[dict]:
    werte_a = {p["id"]: p["jahre"] for p in a["partner"]}
    werte_b = {p["id"]: p["jahre"] for p in b["partner"]}
    order = list(werte_b) + [pid for pid in werte_a if pid not in werte_b]
    jahre = sorted({str(j) for j in a["jahre"]} | {str(j) for j in b["jahre"]})
    out = []
    for pid in order:
        for jahr in jahre:
            for key in WERTE:
                vorher = werte_a.get(pid, {}).get(jahr, {}).get(key, "0.00")
                nachher = werte_b.get(pid, {}).get(jahr, {}).get(key, "0.00")
                if Decimal(vorher) != Decimal(nachher):
                    differenz = str(Decimal(nachher) - Decimal(vorher))
                    out.append(
                        {
                            "partner": pid,
                            "jahr": jahr,
                            "wert": key,
                            "vorher": vorher,
                            "nachher": nachher,
                            "differenz": differenz,
                        }
                    )
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=stand(), b=stand())
def test_diff_is_the_difference_of_two_budgets(cli, a, b):
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp) / "repo"
        top.mkdir()
        git(top, "init", "-q")
        root = top / "projekt"
        write_project(root, **a)
        budget_a = _budget(cli, root)
        commit(top, "a")
        shutil.rmtree(root)
        write_project(root, **b)
        budget_b = _budget(cli, root)
        commit(top, "b")
        same = json.loads(cli("diff", "a", "a", root, "--format", "json").out)
        assert same == {"von": "a", "bis": "a", "steckbriefe": {"neu": [], "entfernt": [], "status": []}, "budget": []}
        result = cli("diff", "a", "b", root, "--format", "json")
        assert result.code == 0, result
        assert json.loads(result.out)["budget"] == _expected(budget_a, budget_b)
