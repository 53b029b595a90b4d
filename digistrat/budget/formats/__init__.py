"""Budget output formats, one class per format in :data:`FORMATS` (name → class)."""

from __future__ import annotations

from digistrat.budget.formats.base import BudgetFormat
from digistrat.budget.formats.csv_format import CsvFormat, CsvInternationalFormat
from digistrat.budget.formats.json_format import JsonFormat
from digistrat.budget.formats.markdown import MarkdownFormat
from digistrat.budget.formats.table import TableFormat
from digistrat.budget.formats.xlsx import XlsxFormat

FORMATS: dict[str, type[BudgetFormat]] = {
    cls.name: cls for cls in (TableFormat, JsonFormat, CsvFormat, CsvInternationalFormat, MarkdownFormat, XlsxFormat)
}

__all__ = ["FORMATS", "BudgetFormat", "get_format"]


def get_format(name: str) -> BudgetFormat:
    return FORMATS[name]()
