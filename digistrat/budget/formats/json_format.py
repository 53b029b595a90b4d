"""``--format json``: the partner view exactly in the shape of format v1, the others alike.

Amounts and VZÄ are strings with two decimals (no float rounding), years are string keys, and a
``summe`` over several years has no VZÄ. The views other than partner add ``"ansicht"`` and name
their list after the dimension; their rows carry ``"quelle"`` (null, or the source of a row that
collects lines without a value in the dimension, whose ``"id"`` is then null). The jahr view has
no list: it is the ``"summe"`` part. A view limited by ``--partner``, ``--jahr`` or
``--nur-bewilligt`` ends with ``"filter": {"partner", "jahr", "nur_bewilligt"}``; an unlimited
partner view is exactly the shape of format v1.
"""

from __future__ import annotations

import json

from digistrat.budget.formats.base import BudgetFormat
from digistrat.budget.views import LISTE, View


def view_json(view: View) -> dict:
    """The JSON object of one view (also used by other commands that embed figures)."""

    def figures_by_year(per_year: dict) -> dict:
        return {str(j): fig.as_json() for j, fig in per_year.items()}

    out: dict = {"waehrung": "EUR"}
    if view.dimension != "partner":
        out["ansicht"] = view.dimension
    out["jahre"] = list(view.jahre)
    if view.dimension != "jahr":
        rows = []
        for row in view.rows:
            item: dict = {"id": row.key}
            if view.dimension != "partner":
                item["quelle"] = row.quelle
            item["name"] = row.name
            item["jahre"] = figures_by_year(row.jahre)
            item["summe"] = row.summe.as_json(with_vzae=False)
            rows.append(item)
        out[LISTE[view.dimension]] = rows
    out["summe"] = {"jahre": figures_by_year(view.summe_jahre), "gesamt": view.gesamt.as_json(with_vzae=False)}
    if view.partner or view.jahr is not None or view.nur_bewilligt:
        # a limited view says so, so that its "summe" is never taken for the project's total
        out["filter"] = {"partner": view.partner, "jahr": view.jahr, "nur_bewilligt": view.nur_bewilligt}
    return out


class JsonFormat(BudgetFormat):
    name = "json"
    description = "JSON (Beträge als Zeichenketten mit zwei Nachkommastellen)"

    def render(self, views: list[View], *, titel: str, color: bool = False, width: int | None = None) -> str:
        (view,) = views
        return json.dumps(view_json(view), ensure_ascii=False, indent=2) + "\n"
