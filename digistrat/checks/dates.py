"""Dates the schema pattern lets through but the calendar does not know (``"2022-02-30"``).

The schema can only check the shape; the model turns dates into ``datetime.date`` and must
never meet an impossible one, so such a file is reported and kept out of the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from digistrat.catalog import (
    DATUM_UNGUELTIG as C_IMPOSSIBLE_DATE,
)
from digistrat.dates import DAY, parse_day
from digistrat.findings import Finding, Severity


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, path + (i,))
    elif isinstance(value, str) and len(value) == 10 and DAY.match(value):
        yield path, value


def check_dates(data: dict, file: str) -> list[Finding]:
    out = []
    for path, text in _walk(data, ()):
        try:
            parse_day(text)
        except ValueError:
            out.append(
                Finding(
                    C_IMPOSSIBLE_DATE[0],
                    C_IMPOSSIBLE_DATE[1],
                    Severity.FEHLER,
                    f"Das Datum „{text}“ gibt es nicht; bitte Tag und Monat prüfen.",
                    file,
                    path,
                )
            )
    return out
