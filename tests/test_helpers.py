"""The shared helpers that have one home each (CONTRIBUTING.md, "One home for each piece of knowledge")."""

import datetime as dt
import errno
import gc
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digistrat.dates import parse_day
from digistrat.errors import os_reason
from digistrat.formatting import aufzaehlung, closest, datum, jahre_text, meinten_sie, monat
from digistrat.gc_pause import gc_paused
from digistrat.money import CENT, ZERO, cents


def test_year_spans():
    assert jahre_text([2023, 2024, 2025, 2027]) == "2023–2025, 2027"
    assert jahre_text(range(2023, 2027)) == "2023–2026"
    assert jahre_text([2024]) == "2024"
    assert jahre_text([2025, 2023, 2024, 2024]) == "2023–2025"
    assert jahre_text([]) == ""


def test_months_and_dates():
    assert monat("2023-01") == "01/2023"
    assert monat(dt.date(2026, 12, 31)) == "12/2026"
    assert datum("2023-01") == "01/2023"
    assert datum("2022-09-22") == "22.09.2022"
    assert datum(None) == ""


def test_lists_use_the_german_pattern():
    assert aufzaehlung(["a", "b", "c"]) == "„a“, „b“ und „c“"
    assert aufzaehlung(["a", "b"]) == "„a“ und „b“"
    assert aufzaehlung(["partner.yaml"], quoted=False) == "partner.yaml"
    assert aufzaehlung(["strategie.yaml", "agenda.yaml"], quoted=False) == "strategie.yaml und agenda.yaml"


def test_suggestions():
    assert closest("stadt-mustr", ["stadt-muster", "amt-nord"]) == "stadt-muster"
    assert meinten_sie("stadt-mustr", ["stadt-muster"]) == " Meinten Sie „stadt-muster“?"
    assert meinten_sie("xyz", ["stadt-muster"]) == ""


def test_money():
    assert cents(Decimal("12.505")) == Decimal("12.51")
    assert cents(Decimal("12.5049")) == Decimal("12.50")
    assert str(ZERO) == "0.00" and Decimal("0.01") == CENT


def test_os_reasons_for_reading_and_writing():
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert os_reason(denied, writing=False) == "keine Leseberechtigung"
    assert os_reason(denied, writing=True) == "keine Schreibberechtigung"
    assert os_reason(OSError(errno.ENOSPC, "No space left"), writing=True) == "kein Speicherplatz mehr frei"
    assert os_reason(OSError(errno.ENOSPC, "No space left"), writing=False) == "No space left"


def test_gc_paused_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with gc_paused(freeze=True):
        kept = [object() for _ in range(10)]
    assert gc.get_freeze_count() >= before + len(kept)
    gc.unfreeze()


def test_parse_day_takes_only_iso_days():
    assert parse_day("2024-02-29") == dt.date(2024, 2, 29)
    for text in ("20240630", "2024-2-1", "2023-02-29"):
        with pytest.raises(ValueError):
            parse_day(text)


# The amounts are formatted from a Babel pattern prepared once per locale (issue 14); it must say
# exactly what Babel's own format functions say, for every locale a project may name.
LOCALES = ("de_DE", "de_AT", "de_CH", "en_US", "fr_FR", "hi_IN", "ar_EG", "nl_NL", "fa_IR", "de")
AMOUNTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15),
    st.integers(min_value=-(10**20), max_value=10**20).map(Decimal),
    st.sampled_from(
        [Decimal(x) for x in ("-0.00", "0", "-0", "0.005", "-0.005", "1E+3", "0.50", "12345678.995", "-0.0049")]
    ),
)


@settings(max_examples=400, deadline=None)
@given(value=AMOUNTS, locale=st.sampled_from(LOCALES), places=st.sampled_from([None, 0, 1, 2, 3]))
def test_numbers_read_as_babel_writes_them(value, locale, places):
    from babel.numbers import format_currency, format_decimal

    from digistrat.formatting import betrag, euro, zahl

    assert euro(value, locale) == format_currency(cents(value), "EUR", locale=locale)
    assert betrag(value, locale) == format_decimal(cents(value), format="#,##0.00", locale=locale)
    pattern = "#,##0.##" if places is None else ("#,##0." + "0" * places if places else "#,##0")
    assert zahl(value, locale, places) == format_decimal(value, format=pattern, locale=locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_numbers_of_every_currency_pattern_read_as_babel_writes_them(locale):
    """Values Babel formats itself (not finite) and the German examples of the docstrings."""
    from babel.numbers import format_currency, format_decimal

    from digistrat.formatting import _muster, euro, zahl

    assert _muster("de_DE", None, "EUR").plain and _muster("de_DE", "#,##0.##").plain
    for value in (Decimal("1099.98"), Decimal("-1099.98"), Decimal("0.01"), Decimal("-1234567.891")):
        assert euro(value, locale) == format_currency(cents(value), "EUR", locale=locale)
    for value in (Decimal("Infinity"), Decimal("-Infinity")):
        assert zahl(value, locale) == format_decimal(value, format="#,##0.##", locale=locale)
    assert euro(Decimal("30000"), "de_DE") == "30.000,00\u00a0€"
    assert zahl(Decimal("135653")) == "135.653" and zahl(Decimal("0.50")) == "0,5"
