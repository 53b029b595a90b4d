"""German number, money and date formats via Babel, shared by every output (tables, documents).

All functions take exact ``Decimal`` values and never go through float.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

DEFAULT_LOCALE = "de_DE"
CENT = Decimal("0.01")


@cache
def _locale(name: str):
    from babel import Locale

    return Locale.parse(name)


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


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
            return f"{parts[1]}/{parts[0]}"
        if len(parts) == 1:
            return text
        day = dt.date.fromisoformat(text)
    from babel.dates import format_date

    return format_date(day, format="dd.MM.yyyy", locale=_locale(locale))
