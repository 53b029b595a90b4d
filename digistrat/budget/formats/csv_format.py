"""``--format csv`` for German Excel (opens with a double click) and ``csv-international``.

German Excel reads a file without an import dialog when it is UTF-8 with a byte order mark,
separated by semicolons, with a decimal comma; the international variant is RFC 4180 style
(comma, decimal point, no BOM) with the JSON keys as headings, for scripts and other locales.
"""

from __future__ import annotations

import csv
import io
from functools import cache

from digistrat.budget.formats.base import FIGURE_HEADINGS, FIGURE_KEYS, BudgetFormat, figure_values, grid_rows
from digistrat.budget.views import View
from digistrat.output_safety import csv_row


@cache
def _german_pattern():
    from babel import Locale
    from babel.numbers import parse_pattern

    # no thousands separator: Excel would read "1.234,50" too, other tools often not
    return parse_pattern("0.00"), Locale.parse("de_DE")


def _german_number(value) -> str:
    pattern, locale = _german_pattern()
    return pattern.apply(value, locale)


class CsvFormat(BudgetFormat):
    name = "csv"
    description = "CSV für deutsches Excel (Semikolon, Dezimalkomma, UTF-8 mit BOM)"
    delimiter = ";"
    bom = "\ufeff"

    def headings(self, view: View) -> list[str]:
        label = [] if view.dimension == "jahr" else ["Kennung", view.spalte]
        return label + ["Jahr", *FIGURE_HEADINGS]

    def number(self, value) -> str:
        return "" if value is None else _german_number(value)

    def render(self, views: list[View], *, titel: str, color: bool = False, width: int | None = None) -> str:
        (view,) = views
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=self.delimiter, lineterminator="\r\n")
        writer.writerow(csv_row(self.headings(view)))
        for row in grid_rows(view):
            label = [] if view.dimension == "jahr" else csv_row([row.key, row.name])
            writer.writerow(label + [str(row.jahr)] + [self.number(v) for v in figure_values(row.figures)])
        return self.bom + buf.getvalue()


class CsvInternationalFormat(CsvFormat):
    name = "csv-international"
    description = "CSV international (Komma, Dezimalpunkt, UTF-8 ohne BOM)"
    delimiter = ","
    bom = ""

    def headings(self, view: View) -> list[str]:
        label = [] if view.dimension == "jahr" else ["id", "name"]
        return label + ["jahr", *FIGURE_KEYS]

    def number(self, value) -> str:
        return "" if value is None else str(value)
