"""German number, money and date formats via Babel, shared by every output (tables, documents).

All functions take exact ``Decimal`` values and never go through float.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from digistrat.money import cents

DEFAULT_LOCALE = "de_DE"


@cache
def _locale(name: str):
    from babel import Locale

    return Locale.parse(name)


def euro(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """``Decimal('30000')`` → ``30.000,00 €`` (with a no-break space before the sign)."""
    from babel.numbers import format_currency

    return format_currency(cents(value), "EUR", locale=_locale(locale))


def betrag(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """Money without the currency sign: ``30.000,00`` (for table columns headed „€“ and CSV)."""
    from babel.numbers import format_decimal

    return format_decimal(cents(value), format="#,##0.00", locale=_locale(locale))


def zahl(value, locale: str = DEFAULT_LOCALE, places: int | None = None) -> str:
    """A plain number: ``135653`` → ``135.653``; ``Decimal('0.50')`` → ``0,5``."""
    from babel.numbers import format_decimal

    if places is not None:
        pattern = "#,##0." + "0" * places if places else "#,##0"
        return format_decimal(Decimal(value), format=pattern, locale=_locale(locale))
    return format_decimal(Decimal(value), format="#,##0.##", locale=_locale(locale))


def vzae(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """``Decimal('0.50')`` → ``0,5 VZÄ``."""
    return f"{zahl(value, locale)}\u00a0VZÄ"


def prozent(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    return f"{zahl(value, locale)}\u00a0%"


def datum(value: str | dt.date | None, locale: str = DEFAULT_LOCALE) -> str:
    """``2022-09-22`` → ``22.09.2022``; ``2023-01`` → ``01/2023``; None → ``""``."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value)
        parts = text.split("-")
        if len(parts) == 2:
            return monat(text)
        if len(parts) == 1:
            return text
        day = dt.date.fromisoformat(text)
    from babel.dates import format_date

    return format_date(day, format="dd.MM.yyyy", locale=_locale(locale))


def monat(value: str | dt.date) -> str:
    """A month as the documents print it: ``2023-01`` or ``date(2023, 1, 5)`` → ``01/2023``."""
    if isinstance(value, dt.date):
        return f"{value.month:02d}/{value.year}"
    year, month = str(value).split("-")[:2]
    return f"{month}/{year}"


def jahre_text(years: Iterable[int]) -> str:
    """``[2023, 2024, 2025, 2027]`` → ``2023–2025, 2027`` (runs of consecutive years as ranges);
    ``range(2023, 2027)`` → ``2023–2026``; a single year → ``2023``."""
    ys = sorted(set(years))
    parts: list[str] = []
    i = 0
    while i < len(ys):
        j = i
        while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
            j += 1
        parts.append(str(ys[i]) if i == j else f"{ys[i]}–{ys[j]}")
        i = j + 1
    return ", ".join(parts)


def aufzaehlung(items: Iterable[str], *, quoted: bool = True, locale: str = DEFAULT_LOCALE) -> str:
    """``["a", "b", "c"]`` → ``„a“, „b“ und „c“`` (Babel's list pattern of the locale)."""
    from babel.lists import format_list

    return format_list([f"„{x}“" if quoted else str(x) for x in items], locale=_locale(locale))


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known name a mistyped one most likely means, or None."""
    import difflib

    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def meinten_sie(value: str, known: Iterable[str]) -> str:
    """`` Meinten Sie „…“?`` for a mistyped name (appended to a message), or an empty string."""
    close = closest(value, known)
    return f" Meinten Sie „{close}“?" if close else ""
