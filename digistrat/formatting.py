"""German number, money and date formats via Babel, shared by every output (tables, documents).

All functions take exact ``Decimal`` values and never go through float.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache

from digistrat.money import cents

DEFAULT_LOCALE = "de_DE"


@cache
def _locale(name: str):
    from babel import Locale

    return Locale.parse(name)


class _Zahlmuster:
    """A Babel number pattern prepared once for a locale (and currency).

    It formats exactly as Babel's ``NumberPattern.apply``, without the lookups Babel repeats on
    every call (the locale's symbols, the currency's digits and symbol, even its plural name):
    those made the amounts the largest part of rendering a 10,000-Steckbrief agenda (issue 14).
    Patterns it does not reproduce (exponent, significant digits, scaling, quoted text, currency
    names) and values that are not finite are left to Babel; tests/test_helpers.py compares both.
    """

    def __init__(self, locale: str, pattern: str | None, currency: str | None) -> None:
        from babel.numbers import (
            get_currency_precision,
            get_currency_symbol,
            get_decimal_symbol,
            get_group_symbol,
            parse_pattern,
        )

        self.locale = _locale(locale)
        self.currency = currency
        self.pattern = p = self.locale.currency_formats["standard"] if pattern is None else parse_pattern(pattern)
        self.group = get_group_symbol(self.locale)  # "latn" digits, as format_decimal/format_currency
        self.decimal = get_decimal_symbol(self.locale)
        self.frac = (get_currency_precision(currency),) * 2 if currency else p.frac_prec
        self.quantum = Decimal(10) ** -self.frac[1]
        symbol = get_currency_symbol(currency, self.locale) if currency else "¤"
        self.prefix = tuple(a.replace("¤", symbol) for a in p.prefix)
        self.suffix = tuple(a.replace("¤", symbol) for a in p.suffix)
        texts = "".join((*self.prefix, *self.suffix, self.group, self.decimal))
        self.plain = (
            not p.exp_prec
            and "@" not in p.pattern
            and p.scale == 0
            and p.number_pattern != ""
            and not any("¤¤" in a for a in (*p.prefix, *p.suffix))
            and "'" not in texts
            and (currency is None or "¤" not in self.group + self.decimal)
        )

    def __call__(self, value: Decimal) -> str:
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if not self.plain or not value.is_finite():
            return self.pattern.apply(value, self.locale, currency=self.currency)
        negative = int(value.is_signed())
        whole, _, frac = f"{abs(value).normalize().quantize(self.quantum):f}".partition(".")
        return self.prefix[negative] + self._int(whole) + self._frac(frac or "0") + self.suffix[negative]

    def _int(self, digits: str) -> str:
        if len(digits) < self.pattern.int_prec[0]:
            digits = "0" * (self.pattern.int_prec[0] - len(digits)) + digits
        size, out = self.pattern.grouping[0], ""
        while len(digits) > size:
            out = self.group + digits[-size:] + out
            digits = digits[:-size]
            size = self.pattern.grouping[1]
        return digits + out

    def _frac(self, digits: str) -> str:
        least, most = self.frac
        if len(digits) < least:
            digits += "0" * (least - len(digits))
        if most == 0 or (least == 0 and int(digits) == 0):
            return ""
        while len(digits) > least and digits[-1] == "0":
            digits = digits[:-1]
        return self.decimal + digits


@cache
def _muster(locale: str, pattern: str | None = None, currency: str | None = None) -> _Zahlmuster:
    return _Zahlmuster(locale, pattern, currency)


def euro(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """``Decimal('30000')`` → ``30.000,00 €`` (with a no-break space before the sign)."""
    return _muster(locale, None, "EUR")(cents(value))


def betrag(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """Money without the currency sign: ``30.000,00`` (for table columns headed „€“ and CSV)."""
    return _muster(locale, "#,##0.00")(cents(value))


def zahl(value, locale: str = DEFAULT_LOCALE, places: int | None = None) -> str:
    """A plain number: ``135653`` → ``135.653``; ``Decimal('0.50')`` → ``0,5``."""
    if places is not None:
        return _muster(locale, "#,##0." + "0" * places if places else "#,##0")(Decimal(value))
    return _muster(locale, "#,##0.##")(Decimal(value))


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
    return _tag(day, locale)


@lru_cache(maxsize=4096)
def _tag(day: dt.date, locale: str) -> str:
    """A day in the locale's format (memoised: a large agenda prints the same few hundred days many times)."""
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
