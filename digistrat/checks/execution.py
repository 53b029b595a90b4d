"""Validation of the execution facts of format v1.1 (part of ``digistrat validate``).

- ``sachstand`` dates are unique within a Steckbrief (the latest one is "the current
  Sachstand", so two reports of the same day would leave it undefined);
- a milestone cannot be ``erreicht`` before the Steckbrief's ``zeitraum`` begins.

``fortschritt`` 0..100 is the schema's; Ist years outside ``zeitraum`` are a lint rule (DS130).
"""

from __future__ import annotations

import datetime as dt

from digistrat import catalog
from digistrat.checks.dates import parse_day
from digistrat.findings import Finding, Severity

C_SACHSTAND_TWICE = catalog.SACHSTAND_DATUM_DOPPELT
C_ERREICHT_VOR_BEGINN = catalog.ERREICHT_VOR_BEGINN


def _f(code, file, path, message) -> Finding:
    return Finding(code[0], code[1], Severity.FEHLER, message, file, tuple(path))


def _first_day(text) -> dt.date | None:
    """First day of a ``YYYY-MM`` or ``YYYY-MM-DD`` text; None for an impossible date (DS018 says so)."""
    text = str(text)
    try:
        return parse_day(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        return None


def _last_day(text) -> dt.date | None:
    first = _first_day(text)
    if first is None or len(str(text)) == 10:
        return first
    nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def check_execution(data: dict, file: str) -> list[Finding]:
    """Findings for one schema-valid Steckbrief's ``sachstand`` and ``meilensteine``."""
    from digistrat.formatting import datum

    out = []
    seen: dict[str, int] = {}
    for i, s in enumerate(data.get("sachstand", [])):
        day = str(s["datum"])
        if day in seen:
            out.append(
                _f(
                    C_SACHSTAND_TWICE,
                    file,
                    ("sachstand", i, "datum"),
                    f"Zum {datum(day)} gibt es schon einen Sachstand (Eintrag {seen[day] + 1}); "
                    "je Tag ist nur ein Sachstand erlaubt. Bitte die Einträge zusammenfassen.",
                )
            )
        else:
            seen[day] = i
    zeitraum = data.get("zeitraum") or {}
    beginn = _first_day(zeitraum["von"]) if zeitraum else None
    if beginn is None:
        return out
    for i, m in enumerate(data.get("meilensteine", [])):
        erreicht = m.get("erreicht")
        last = _last_day(erreicht) if erreicht is not None else None
        if last is not None and last < beginn:
            out.append(
                _f(
                    C_ERREICHT_VOR_BEGINN,
                    file,
                    ("meilensteine", i, "erreicht"),
                    f"Der Meilenstein „{m['titel']}“ ist als erreicht eingetragen ({datum(str(erreicht))}), "
                    f"vor dem Beginn des Steckbrief-Zeitraums ({datum(str(zeitraum['von']))}).",
                )
            )
    return out
